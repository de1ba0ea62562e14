import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KernelClient, kernelSpec } from '@emotrans/kernel';

const plain = (outputs: { header: { msg_type: string }; content: Record<string, unknown> }[]) =>
  outputs.filter((o) => o.header.msg_type === 'execute_result').map((o) => (o.content.data as Record<string, string>)['text/plain']);

/**
 * Every file under a folder with its size and modification time: what a run has written so far. A file
 * can vanish between the listing and its stat (an atomic write renaming its temp file): it is left out.
 */
function writtenFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const described: string[] = [];
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const stat = fs.statSync(path.join(dir, f), { throwIfNoEntry: false });
    if (stat?.isFile()) described.push(`${f} ${stat.size} ${stat.mtimeMs}`);
  }
  return described.sort();
}

// A researcher interrupts a long runExperiment in a notebook (a folder outside the repository): the cell
// ends as interrupted, the session's variables stay, and the run writes nothing more.
describe('interrupting runExperiment in a notebook', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-interrupt-'));
  let client: KernelClient;
  beforeAll(async () => {
    client = await KernelClient.start(kernelSpec().argv, { cwd: dir });
  });
  afterAll(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the variables and stops the run writing', async () => {
    const setup = await client.execute(
      [
        "import { createSession, runExperiment, validateSpecContributions, validateSpecShape } from '@emotrans/core';",
        'const session = createSession();',
        'const corpus = { seed: 5, sequences: 12, unlabelled: 0, minSeconds: 30, maxSeconds: 40 };',
        'const spec = validateSpecShape({',
        "  name: 'interrupted', seed: 1,",
        "  corpora: { music: { id: 'emotrans-synth', options: { ...corpus, domain: 'music' } }, speech: { id: 'emotrans-synth', options: { ...corpus, domain: 'speech', speakers: 4 } } },",
        "  features: { id: 'compare-1hz' }, transfer: [{ id: 'none' }], regressor: { id: 'ridge', options: { lambda: 1 } },",
        "  metrics: ['ccc'], protocol: { conditions: ['intra', 'cross'], cv: { scheme: 'loso' }, annotationDelay: 1 },",
        `  output: ${JSON.stringify(path.join(dir, 'runs'))}, cacheDir: ${JSON.stringify(path.join(dir, 'cache'))},`,
        '});',
        'validateSpecContributions(spec, session.registry);',
      ].join('\n'),
    );
    expect(setup.reply.content.status).toBe('ok');
    const running = client.execute("const result = await runExperiment(spec, session.registry, { runId: 'r1', report: { images: false, resamples: 50 } });");
    // interrupt once the run has started writing (its feature cache)
    const started = Date.now();
    while (writtenFiles(dir).length === 0 && Date.now() - started < 60000) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    await client.request('control', 'interrupt_request', {});
    const { reply } = await running;
    expect(`${reply.content.ename}: ${reply.content.evalue}`).toBe('Interrupted: the cell was interrupted');
    const atInterrupt = writtenFiles(dir);
    expect(atInterrupt.length).toBeGreaterThan(0);
    expect(plain((await client.execute('typeof session.registry')).outputs)).toEqual(["'object'"]);
    await new Promise((r) => setTimeout(r, 3000));
    expect(writtenFiles(dir)).toEqual(atInterrupt);
    expect(fs.existsSync(path.join(dir, 'runs', 'r1', 'metrics.json'))).toBe(false);
  }, 120000);

  it('then resuming the run in the same session finishes it (the interrupted cell left no lock behind)', async () => {
    // The interrupted cell never reached its `finally`; the kernel released its run-folder lock.
    expect(fs.existsSync(path.join(dir, 'runs', 'r1', '.emotrans.lock'))).toBe(false);
    const resumed = await client.execute("const again = await runExperiment(spec, session.registry, { runId: 'r1', resume: true, report: { images: false, resamples: 50 } }); again.units.length");
    expect(resumed.reply.content.status).toBe('ok');
    // Leave-one-group-out intra plus one cross unit per target: music's 12 pieces, speech's 4 speakers.
    expect(plain(resumed.outputs)).toEqual([String(12 + 1 + (4 + 1))]);
    expect(fs.readdirSync(path.join(dir, 'runs', 'r1', 'units')).filter((f) => f.endsWith('.json'))).toHaveLength(18);
    expect(fs.existsSync(path.join(dir, 'runs', 'r1', 'metrics.json'))).toBe(true);
  }, 120000);
});
