/**
 * runInWorkers with this thread taking tasks too (inThisThread) and workers holding a second task (ahead):
 * every task's result is delivered once, both threads work, a worker runs its held tasks one after the
 * other, and a failure in this thread is reported naming its task.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInWorkers } from '../src/experiment/worker-pool';
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
