import type * as Tf from '@tensorflow/tfjs';

export type TfModule = typeof Tf;
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

let loaded: Promise<TfModule> | undefined;
let chosen: BackendChoice | undefined;

/**
 * TensorFlow.js with the fastest backend available: the native `tensorflow` backend where the user has
 * @tensorflow/tfjs-node installed for real, otherwise WebAssembly, otherwise the pure-JS cpu backend.
 * Loaded once per process; `EMOTRANS_BACKEND` or `choice` forces one.
 */
export function loadTf(choice: BackendChoice = (process.env.EMOTRANS_BACKEND as BackendChoice) || 'auto'): Promise<TfModule> {
  if (loaded && chosen !== choice && choice !== 'auto') {
    throw new Error(`TensorFlow.js is already loaded with backend choice '${chosen}'; cannot switch to '${choice}'`);
  }
  if (!loaded) {
    chosen = choice;
    loaded = initialise(choice);
  }
  return loaded;
}

async function initialise(choice: BackendChoice): Promise<TfModule> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tf: TfModule = require('@tensorflow/tfjs');
  const candidates: BackendChoice[] = choice === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [choice];
  for (const backend of candidates) {
    if (backend === 'tensorflow') {
      try {
        // A real tfjs-node registers the `tensorflow` backend; the workspace's alias of it does not.
        require('@tensorflow/tfjs-node');
      } catch {
        continue;
      }
      if (!tf.findBackendFactory('tensorflow')) continue;
    }
    if (backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend(backend).catch(() => false)) {
      await tf.ready();
      return tf;
    }
  }
  throw new Error(`no TensorFlow.js backend among ${candidates.join(', ')} could be initialised`);
}
