'use strict';
/**
 * @emotrans/api at run time. A plugin is run by an emotrans core (`emotrans run`, `check`, the notebook
 * kernel), which registers its API object before requiring plugin code: that object is this module, so
 * the plugin shares the core's contribution points and helpers. Outside such a process (a plugin's own
 * jest test) the core is looked for beside this package (installed from an emotrans checkout it is a
 * link into it) and as an installed @emotrans/core.
 */
const HOST = Symbol.for('emotrans.api.host');

function core() {
  if (globalThis[HOST]) return globalThis[HOST];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@emotrans/core/dist/api.js');
  } catch (error) {
    throw new Error(
      '@emotrans/api: no emotrans core in this process. Run the plugin through emotrans ' +
        '(emotrans check <plugin>, emotrans run <spec> --plugin <plugin>), or install @emotrans/api from an ' +
        `emotrans checkout (npm install <emotrans>/packages/api). (${error.message})`,
    );
  }
}

module.exports = core();
