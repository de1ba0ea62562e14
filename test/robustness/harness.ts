/**
 * Shared by the robustness tests: a scratch folder, small specs over the misbehaving test plugin, and the
 * CLI run as a child process (its exit code and stderr are what a user sees).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');
export const cli = path.join(root, 'packages', 'core', 'bin', 'emotrans.js');
export const plugin = path.join(__dirname, 'fixtures', 'misbehaving-plugin.js');

/** A fresh scratch folder removed after the test file. */
export function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `emotrans-${prefix}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A one-domain intra spec over the misbehaving plugin's contributions (3 toy sequences: 3 units). */
export function smallSpec(work: string, parts: { corpus?: string; regressor?: string; features?: string; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    name: 'robust',
    seed: 5,
    corpora: { music: { id: 'bad-toy', options: { mode: parts.corpus ?? 'ok' } } },
    features: { id: 'bad-simple', options: { mode: parts.features ?? 'ok' } },
    regressor: { id: 'bad-ridge', options: { mode: parts.regressor ?? 'ok' } },
    metrics: ['rmse', 'pearson', 'ccc'],
    protocol: { conditions: ['intra'], cv: { scheme: 'loso', validationFraction: 0 } },
    output: path.join(work, 'results'),
    cacheDir: path.join(work, 'cache'),
    ...parts.extra,
  };
}

export function writeSpec(work: string, name: string, spec: Record<string, unknown>): string {
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(spec));
  return file;
}

export interface CliOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly stdout: string;
}

const outcome = (r: SpawnSyncReturns<string>): CliOutcome => ({ code: r.status, signal: r.signal, stderr: r.stderr, stdout: r.stdout });

/** Runs `emotrans <args> --plugin <misbehaving> --quiet --no-images`-style commands; killed after `timeout` ms. */
export function runCli(args: readonly string[], options: { timeout?: number; env?: NodeJS.ProcessEnv; shellPrefix?: string } = {}): CliOutcome {
  const env = { ...process.env, EMOTRANS_CHROMIUM: 'none', ...options.env };
  if (options.shellPrefix) {
    const quoted = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    return outcome(spawnSync('bash', ['-c', `${options.shellPrefix}; exec ${quoted}`], { env, encoding: 'utf8', timeout: options.timeout ?? 60000 }));
  }
  return outcome(spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: options.timeout ?? 60000 }));
}

/** `run <spec>` with the misbehaving plugin, quietly, without images. */
export function runSpec(specFile: string, ...extra: string[]): CliOutcome {
  return runCli(['run', specFile, '--plugin', plugin, '--quiet', '--no-images', ...extra]);
}

/** Starts the CLI in the background (for kills and concurrent runs). */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, EMOTRANS_CHROMIUM: 'none', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** A stack frame line: what a user must never see without --verbose. */
export const STACK_FRAME = /^\s+at .+[(:]/m;

/**
 * Runs `body` with fs.writeSync hooked to a disk that takes `budget` bytes, then writes nothing without an
 * error (what a full disk can do to a write), and restores it after.
 */
export function withFullDisk<T>(budget: number, body: () => T): T {
  const real = fs.writeSync;
  let left = budget;
  const spy = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset = 0, length = buffer.length - offset) => {
    const n = Math.min(left, length);
    left -= n;
    return n === 0 ? 0 : real(fd, buffer, offset, n);
  }) as typeof fs.writeSync);
  try {
    return body();
  } finally {
    spy.mockRestore();
  }
}
