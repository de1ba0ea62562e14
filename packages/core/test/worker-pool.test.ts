/**
 * runInWorkers with this thread taking tasks too (inThisThread) and workers holding a second task (ahead):
 * every task's result is delivered once, both threads work, a worker runs its held tasks one after the
 * other, and a failure in this thread is reported naming its task. A prestarted worker (prestartWorkers)
 * is the one the pool uses, with the pool's workerData; one that failed before is replaced. Hints sent to
 * prestarted workers (prepareWorkers) reach their `prepare` before the data, in order, and one whose
 * preparation throws still serves the pool.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareWorkers, prestartWorkers, runInWorkers } from '../src/experiment/worker-pool';
import { RunFailure } from '../src/runtime/errors';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-pool-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// The worker squares after a short wait (so several tasks can be held at once) and reports how many of its
// tasks were running at the same time.
const script = path.join(work, 'square-worker.js');
fs.writeFileSync(
  script,
  `const { parentPort } = require('node:worker_threads');
const { serveTasks } = require(${JSON.stringify(path.join(__dirname, '..', 'dist', 'experiment', 'worker-pool.js'))});
let running = 0;
serveTasks(parentPort, async (n) => {
  running++;
  const overlap = running;
  await new Promise((resume) => setTimeout(resume, 20));
  running--;
  return { square: n * n, where: 'worker', overlap };
});
`,
);

/** Busy for `ms` without giving the event loop a turn, as an extraction in this thread is. */
function spin(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

it('spreads tasks over this thread and a worker that holds two, each result once', async () => {
  const tasks = Array.from({ length: 12 }, (_, i) => i);
  const results = new Map<number, { square: number; where: string; overlap: number }>();
  await runInWorkers(script, {}, tasks, 2, (n) => `task ${n}`, (n, r) => {
    expect(results.has(n)).toBe(false);
    results.set(n, r as { square: number; where: string; overlap: number });
  }, () => {}, {
    inThisThread: async (n) => {
      spin(30);
      return { square: n * n, where: 'here', overlap: 1 };
    },
    ahead: 2,
  });
  expect([...results.keys()].sort((a, b) => a - b)).toEqual(tasks);
  for (const [n, r] of results) expect(r.square).toBe(n * n);
  const where = [...results.values()].map((r) => r.where);
  expect(where).toContain('here');
  expect(where).toContain('worker');
  expect(Math.max(...[...results.values()].map((r) => r.overlap))).toBe(1);
});

it("reports a failure of this thread's task with the task named", async () => {
  const tasks = [1, 2, 3, 4, 5, 6];
  const run = runInWorkers(script, {}, tasks, 2, (n) => `task ${n}`, () => {}, () => {}, {
    inThisThread: async (n) => {
      if (n >= 3) throw new Error('planned failure');
      return { square: n * n };
    },
    ahead: 2,
  });
  await expect(run).rejects.toBeInstanceOf(RunFailure);
  await expect(run).rejects.toThrow(/task \d: planned failure|task \d failed: planned failure/);
});

// Multiplies by its data's factor and tells when its thread started.
const scaling = path.join(work, 'scale-worker.js');
fs.writeFileSync(
  scaling,
  `const { parentPort } = require('node:worker_threads');
const { serveTasksOnceSetUp } = require(${JSON.stringify(path.join(__dirname, '..', 'dist', 'experiment', 'worker-pool.js'))});
const startedAt = Date.now();
serveTasksOnceSetUp(parentPort, (data) => async (n) => ({ value: n * data.factor, startedAt }));
`,
);

it('gives a prestarted worker the data of the pool that takes it', async () => {
  prestartWorkers(scaling, 1);
  await new Promise((resume) => setTimeout(resume, 300));
  const calledAt = Date.now();
  const results: { value: number; startedAt: number }[] = [];
  await runInWorkers(scaling, { factor: 3 }, [1, 2, 3], 1, (n) => `task ${n}`, (_, r) => results.push(r as { value: number; startedAt: number }), () => {});
  expect(results.map((r) => r.value).sort((a, b) => a - b)).toEqual([3, 6, 9]);
  expect(Math.max(...results.map((r) => r.startedAt))).toBeLessThan(calledAt);
  // Not prestarted: the same worker script gets its workerData at start.
  const direct: number[] = [];
  await runInWorkers(scaling, { factor: 5 }, [2], 1, (n) => `task ${n}`, (_, r) => direct.push((r as { value: number }).value), () => {});
  expect(direct).toEqual([10]);
});

it('replaces a prestarted worker that failed before it was taken, and reports its failure', async () => {
  const broken = path.join(work, 'broken-worker.js');
  fs.writeFileSync(broken, "throw new Error('cannot start');\n");
  prestartWorkers(broken, 1);
  await new Promise((resume) => setTimeout(resume, 300));
  await expect(runInWorkers(broken, {}, [1], 1, (n) => `task ${n}`, () => {}, () => {})).rejects.toThrow(/task 1 failed: cannot start/);
});

it('hands hints to a prestarted worker before its data, and serves the pool after a preparation that threw', async () => {
  const preparing = path.join(work, 'preparing-worker.js');
  fs.writeFileSync(
    preparing,
    `const { parentPort } = require('node:worker_threads');
const { serveTasksOnceSetUp } = require(${JSON.stringify(path.join(__dirname, '..', 'dist', 'experiment', 'worker-pool.js'))});
const hints = [];
serveTasksOnceSetUp(parentPort, (data) => async (n) => ({ value: n * data.factor, hints }), (hint) => {
  hints.push(hint.offset);
  if (hint.fail) throw new Error('cannot prepare');
});
`,
  );
  prestartWorkers(preparing, 1);
  prepareWorkers(preparing, { offset: 1 });
  prepareWorkers(preparing, { offset: 2, fail: true });
  const results: { value: number; hints: number[] }[] = [];
  await runInWorkers(preparing, { factor: 2 }, [4], 1, (n) => `task ${n}`, (_, r) => results.push(r as { value: number; hints: number[] }), () => {});
  expect(results).toEqual([{ value: 8, hints: [1, 2] }]);
  // A worker started by the pool (none prestarted) never sees a hint sent before it existed.
  prepareWorkers(preparing, { offset: 3 });
  const direct: { value: number; hints: number[] }[] = [];
  await runInWorkers(preparing, { factor: 3 }, [1], 1, (n) => `task ${n}`, (_, r) => direct.push(r as { value: number; hints: number[] }), () => {});
  expect(direct).toEqual([{ value: 3, hints: [] }]);
});
