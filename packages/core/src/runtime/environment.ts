import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

function versionOf(pkg: string): string | undefined {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function gitCommit(dir: string): string | undefined {
  try {
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
