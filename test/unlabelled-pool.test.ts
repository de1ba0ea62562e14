import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contribute, createSession, runExperiment, validateSpecContributions, validateSpecShape, type TransferMethod } from '@emotrans/core';

const root = path.resolve(__dirname, '..');

/** A transfer method that records how many unlabelled target matrices it was fitted on. */
function spyingTransfer(seen: number[]): TransferMethod {
  return {
    manifest: { id: 'count-target', kind: 'transfer', description: 'records the target pool size', options: { type: 'object', properties: {} } },
    async fit(input) {
      seen.push(input.target.length);
      return { transform: (m) => m };
    },
  };
}

describe('extra unlabelled corpora (the paper\'s SEMAINE / MediaEval pools)', () => {
  const toy = (domain: string, sequences: number, unlabelled: number) => ({ id: 'toy', options: { domain, sequences, unlabelled, seconds: 6 } });

  it('join the target domain\'s unlabelled pool that transfer methods are fitted on, labels dropped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-pool-'));
    const seen: number[] = [];
    const session = createSession({ baseDir: root });
    session.container.load(contribute(spyingTransfer(seen)));
    const spec = validateSpecShape({
      name: 'pool',
      corpora: { music: toy('music', 3, 1), speech: toy('speech', 3, 2) },
      // 4 labelled + 1 unlabelled sequences of another toy corpus: all 5 join music's pool.
      unlabelled: { music: toy('music', 4, 1) },
      features: { id: 'simple' },
      regressor: { id: 'ridge' },
      transfer: [{ id: 'count-target' }],
      protocol: { conditions: ['cross'] },
      output: path.join(dir, 'results'),
      cacheDir: path.join(dir, 'cache'),
    });
    validateSpecContributions(spec, session.registry);
    const result = await runExperiment(spec, session.registry, { runId: 'r', jobs: 1 });
    expect(result.datasets.get('music')!.unlabelled).toHaveLength(1 + 5);
    expect(result.datasets.get('speech')!.unlabelled).toHaveLength(2);
    expect(result.datasets.get('music')!.report).toMatchObject({ unlabelledCorpus: 'toy', unlabelledCorpusSequences: 5 });
    // One cross unit per target: music is fitted on its 6 pool matrices, speech on its 2.
    expect(seen.sort()).toEqual([2, 6]);
  });

  it('names a pool for a domain that has no corpus', () => {
    expect(() => validateSpecShape({ corpora: { music: toy('music', 3, 0), speech: toy('speech', 3, 0) }, unlabelled: { film: toy('music', 2, 0) } })).toThrow(
      'unlabelled: got domains ["film"], expected domains among the corpora: music, speech',
    );
  });

  it('checks the pool corpus id against the registry', () => {
    const session = createSession({ baseDir: root });
    const spec = validateSpecShape({ corpora: { music: toy('music', 3, 0), speech: toy('speech', 3, 0) }, unlabelled: { speech: { id: 'semaine-typo' } }, features: { id: 'simple' }, regressor: { id: 'ridge' } });
    expect(() => validateSpecContributions(spec, session.registry)).toThrow(/unlabelled\.speech\.id: unknown corpus 'semaine-typo'/);
  });
});
