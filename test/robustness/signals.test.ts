/**
 * SIGTERM and Ctrl-C are honoured promptly even when every unit is synchronous work that never yields
 * (the runner yields to the event loop between units), with the resume hint and the units finished kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { plugin, scratch, smallSpec, startCli, writeSpec } from './harness';

const work = scratch('signals');

it.each([['SIGTERM' as const, 143], ['SIGINT' as const, 130]])('%s during busy units: exit %i after at most the unit in progress, finished units kept', async (signal, code) => {
  const spec = smallSpec(work, { regressor: 'busy' });
  (spec.corpora as Record<string, { options: Record<string, unknown> }>).music.options.sequences = 8;
  const file = writeSpec(work, `busy-${signal}`, spec);
  const { child, exited } = startCli(['run', file, '--plugin', plugin, '--no-images', '--jobs', '1', '--run-id', signal]);
  const units = path.join(work, 'results', signal, 'units');
  while (!(fs.existsSync(units) && fs.readdirSync(units).length > 0) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10));
  const before = fs.readdirSync(units).length;
  child.kill(signal);
  const result = await exited;
  expect(result.code).toBe(code);
  expect(result.stderr).toContain(`--resume ${signal}`);
  // Honoured at the next unit boundary: at most the unit in progress (400 ms of busy work) finishes.
  // Without yielding, all 8 would finish before the handler ran.
  expect(fs.readdirSync(units).length).toBeLessThanOrEqual(before + 1);
});
