/**
 * A distributed run (coordinator `emotrans run --queue` + `emotrans worker` processes on a real Redis)
 * survives faults and writes results byte-identical to a one-thread run: a worker SIGKILLed mid-unit (its unit
 * goes to another worker after the lock times out), the coordinator SIGKILLed and resumed, Redis restarted
 * without persistence. Redis gone for good, a unit failing on every attempt, a worker whose plugin differs:
 * exit 1 saying what and which unit. Ctrl-C lets a worker finish its unit. The Redis password shows nowhere.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'packages', 'core', 'bin', 'emotrans.js');
const redisBinary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
if (!redisBinary) console.warn('distributed.test: redis-server not installed (apt-get install redis-server); skipping the distributed-run tests');
const describeWithRedis = redisBinary ? describe : describe.skip;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-distributed-'));
const slowRidge = path.join(__dirname, 'fixtures', 'experiment-slow-ridge.js');
const failingRidge = path.join(__dirname, 'fixtures', 'experiment-failing-ridge.js');
const plugins = ['--plugin', slowRidge, '--plugin', failingRidge];
const env = { ...process.env, EMOTRANS_TEST_FIT_DELAY_MS: '150' };

function writeSpec(file: string, regressor: string, repetitions: number): string {
  fs.writeFileSync(
    file,
    JSON.stringify({
      name: 'distributed',
      seed: 5,
      corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 4, seconds: 8 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 4, seconds: 8 } } },
      features: { id: 'simple' },
      transfer: [{ id: 'none' }],
      regressor: { id: regressor },
      metrics: ['rmse', 'pearson', 'ccc'],
      protocol: { repetitions, bestOf: 1, cv: { scheme: 'loso', validationFraction: 0.25 } },
      output: path.join(work, 'results'),
      cacheDir: path.join(work, 'cache'),
    }),
  );
  return file;
}
const specFile = writeSpec(path.join(work, 'spec.json'), 'slow-ridge', 2);
// 2 targets x (4 intra folds + 1 cross) x 2 repetitions.
const UNITS = 20;
const runDir = (id: string) => path.join(work, 'results', id);
const unitFiles = (id: string) => (fs.existsSync(path.join(runDir(id), 'units')) ? fs.readdirSync(path.join(runDir(id), 'units')).filter((f) => f.endsWith('.json')) : []);
const read = (id: string, file: string) => fs.readFileSync(path.join(runDir(id), file));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A child process whose stderr is collected, with a way to wait for a line in it. */
interface Proc {
  readonly child: ChildProcess;
  output: string;
  readonly exited: Promise<number | null>;
}
function start(command: string, args: readonly string[]): Proc {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: Proc = { child, output: '', exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout!.on('data', (chunk) => (proc.output += chunk));
  child.stderr!.on('data', (chunk) => (proc.output += chunk));
  return proc;
}
async function waitFor(what: string, test: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last output:\n${[...workers, redis].map((p) => p?.output.slice(-600)).join('\n---\n')}`);
    await sleep(20);
  }
}

/** The process's exit code, or a failure showing its output if it has not exited within `timeoutMs`. */
async function exitOf(proc: Proc, timeoutMs = 60_000): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`process did not exit within ${timeoutMs / 1000} s; its output:\n${proc.output.slice(-2000)}`)), timeoutMs);
  });
  try {
    return await Promise.race([proc.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

let port = 0;
let redis: Proc | undefined;
// A password on the URL: it must appear in no output and no file of the run.
const PASSWORD = 'pw-4d2f9c';
const url = () => `redis://:${PASSWORD}@127.0.0.1:${port}`;
async function startRedis(): Promise<void> {
  redis = start(redisBinary!, ['--port', String(port), '--bind', '127.0.0.1', '--dir', work, '--save', '', '--appendonly', 'no', '--requirepass', PASSWORD]);
  await waitFor('redis-server to listen', () => /Ready to accept connections/.test(redis!.output), 10_000);
}
const workers: Proc[] = [];
async function startWorker(extra: readonly string[] = plugins): Promise<Proc> {
  const worker = start(process.execPath, [cli, 'worker', '--queue', url(), '--lock-ms', '1500', ...extra]);
  workers.push(worker);
  await waitFor('the worker to connect', () => /serving/.test(worker.output), 30_000);
  return worker;
}
const coordinatorArgs = (spec: string, ...extra: string[]) => [cli, 'run', spec, ...plugins, '--no-images', '--queue', url(), ...extra];

describeWithRedis('distributed run on BullMQ/Redis', () => {
  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    const reference = spawnSync(process.execPath, [cli, 'run', specFile, ...plugins, '--quiet', '--no-images', '--jobs', '1', '--run-id', 'serial'], { env, encoding: 'utf8' });
    if (reference.status !== 0) throw new Error(`reference run failed: ${reference.stderr}`);
    await Promise.all([startWorker(), startWorker(), startWorker()]);
  });
  afterAll(async () => {
    for (const p of [...workers, redis]) if (p && p.child.exitCode === null) p.child.kill('SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
  });

  const expectSameAsSerial = (id: string) => {
    expect(unitFiles(id)).toHaveLength(UNITS);
    expect(read(id, 'metrics.json').equals(read('serial', 'metrics.json'))).toBe(true);
    expect(read(id, 'predictions.csv').equals(read('serial', 'predictions.csv'))).toBe(true);
    expect(read(id, 'environment.json').toString()).toContain('redis://:***@127.0.0.1');
    for (const f of ['environment.json', 'spec.json', 'metrics.json']) expect(read(id, f).toString()).not.toContain(PASSWORD);
  };

  it('a worker SIGKILLed mid-unit: its unit is run elsewhere, results byte-identical to --jobs 1', async () => {
    const victim = workers[0];
    const coordinator = start(process.execPath, coordinatorArgs(specFile, '--run-id', 'worker-killed'));
    await waitFor('the first worker to start a unit', () => /\(run worker-killed\) started/.test(victim.output));
    const started = victim.output.match(/unit (\S+) \(run worker-killed\) started/)![1];
    victim.child.kill('SIGKILL');
    expect(await exitOf(coordinator)).toBe(0);
    // The killed worker never finished it: another worker did, once the lock expired.
    expect(victim.output).not.toContain(`unit ${started} done`);
    for (const p of [coordinator, ...workers]) expect(p.output).not.toContain(PASSWORD);
    // Each unit stored once: the progress never counts past the grid.
    expect(coordinator.output).toMatch(/units: 20\/20/);
    expect(coordinator.output).not.toMatch(/units: (2[1-9]|[3-9]\d)\/20/);
    expect(workers.slice(1).some((w) => w.output.includes(`unit ${started} (run worker-killed) started`))).toBe(true);
    expectSameAsSerial('worker-killed');
  });

  it('the coordinator SIGKILLed: --resume --queue reuses the finished units', async () => {
    const coordinator = start(process.execPath, coordinatorArgs(specFile, '--run-id', 'coordinator-killed'));
    await waitFor('some units', () => unitFiles('coordinator-killed').length >= 4);
    coordinator.child.kill('SIGKILL');
    await exitOf(coordinator);
    const before = new Map(unitFiles('coordinator-killed').map((f) => [f, fs.statSync(path.join(runDir('coordinator-killed'), 'units', f)).mtimeMs]));
    expect(before.size).toBeLessThan(UNITS);
    const resumed = spawnSync(process.execPath, coordinatorArgs(specFile, '--resume', 'coordinator-killed'), { env, encoding: 'utf8' });
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/resuming coordinator-killed: \d+ of 20 units done before/);
    for (const [f, mtime] of before) expect(fs.statSync(path.join(runDir('coordinator-killed'), 'units', f)).mtimeMs).toBe(mtime);
    expectSameAsSerial('coordinator-killed');
  });

  it('Redis restarted without persistence mid-run: lost units are enqueued again, nothing lost', async () => {
    const coordinator = start(process.execPath, coordinatorArgs(specFile, '--run-id', 'redis-restarted'));
    await waitFor('some units', () => unitFiles('redis-restarted').length >= 3);
    redis!.child.kill('SIGKILL');
    await exitOf(redis!);
    await sleep(500);
    await startRedis();
    expect(await exitOf(coordinator)).toBe(0);
    expect(coordinator.output).toMatch(/reconnecting/);
    expect(coordinator.output).toMatch(/vanished from Redis/);
    expectSameAsSerial('redis-restarted');
  });

  it('a unit failing on every attempt ends the run with exit 1 naming it and its error', () => {
    const failing = writeSpec(path.join(work, 'failing.json'), 'failing-ridge', 1);
    const result = spawnSync(process.execPath, coordinatorArgs(failing, '--run-id', 'failing', '--attempts', '2'), { env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/10 unit\(s\) failed/);
    expect(result.stderr).toMatch(/music\/intra\/music\/f0\/r0: .*regressor 'failing-ridge' failed in fit: failing-ridge fails on purpose/);
    expect(result.stderr).toMatch(/after 2 attempt/);
    expect(fs.existsSync(path.join(runDir('failing'), 'metrics.json'))).toBe(false);
  });

  it('Ctrl-C on a worker finishes its current unit; a worker with another plugin file refuses the job', async () => {
    const coordinator = start(process.execPath, coordinatorArgs(specFile, '--run-id', 'ctrl-c'));
    const live = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    const stopping = live[0];
    await waitFor('a worker to start a unit', () => /\(run ctrl-c\) started/.test(stopping.output));
    const unit = stopping.output.match(/unit (\S+) \(run ctrl-c\) started/)![1];
    stopping.child.kill('SIGINT');
    expect(await exitOf(stopping, 30_000)).toBe(0);
    expect(stopping.output).toMatch(new RegExp(`stopping after the current unit[^]*unit ${unit.replace(/\//g, '\\/')} done`));
    expect(await exitOf(coordinator)).toBe(0);
    expectSameAsSerial('ctrl-c');

    // Stop the others too, then serve the queue with a worker whose slow-ridge file differs by one comment.
    for (const w of live.slice(1)) w.child.kill('SIGINT');
    await Promise.all(live.slice(1).map((w) => exitOf(w, 30_000)));
    const other = path.join(work, 'other', 'experiment-slow-ridge.js');
    fs.mkdirSync(path.dirname(other));
    const source = fs.readFileSync(slowRidge, 'utf8').replace(/require\('(@emotrans\/[^']+)'\)/g, (_m, name: string) => `require(${JSON.stringify(require.resolve(name))})`);
    fs.writeFileSync(other, `${source}\n// another build\n`);
    await startWorker(['--plugin', other, '--plugin', failingRidge]);
    const refused = spawnSync(process.execPath, coordinatorArgs(specFile, '--run-id', 'refused'), { env, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr + workers.map((w) => w.output).join('')).not.toContain(PASSWORD);
    // Named by the worker: the contribution, its plugin and the file that differs where it is on the worker.
    expect(refused.stderr).toContain(`: regressor 'slow-ridge' (experiment-slow-ridge.js): other code here: ${other} differs`);
    expect(refused.stderr).toMatch(/refuses unit \S+: regressor 'slow-ridge'/);
  });

  it('Redis gone for longer than --redis-outage: exit 1 saying so, finished units kept for --resume', async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => exitOf(w)));
    const coordinator = start(process.execPath, coordinatorArgs(specFile, '--run-id', 'redis-gone', '--redis-outage', '2'));
    await waitFor('the units to be enqueued', () => /distributed run: 20 units/.test(coordinator.output));
    redis!.child.kill('SIGKILL');
    expect(await exitOf(coordinator)).toBe(1);
    expect(coordinator.output).toMatch(/lost Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ for more than 2 s; finished units are kept .*--resume redis-gone/);
    expect(coordinator.output).not.toContain(PASSWORD);
  });
});
