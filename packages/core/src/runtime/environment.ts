import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

function versionOf(pkg: string): string | undefined {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function gitCommit(dir: string): string | undefined {
  try {
    // Required here: loading child_process is start-up time for every command, and only a run records this.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
}

/** What a result depends on besides the spec: versions, machine, backend, seed. */
export function describeEnvironment(extra: Record<string, unknown>): Record<string, unknown> {
  const core = path.resolve(__dirname, '..', '..');
  return {
    emotrans: versionOf('@emotrans/core') ?? JSON.parse(fs.readFileSync(path.join(core, 'package.json'), 'utf8')).version,
    gitCommit: gitCommit(core),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    packages: Object.fromEntries(
      ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'inversify', 'danfojs-node', 'plotly.js-dist', 'ajv', 'yargs'].map((p) => [p, versionOf(p)]),
    ),
    ...extra,
  };
}
