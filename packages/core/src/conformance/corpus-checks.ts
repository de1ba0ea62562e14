import type { Corpus } from '../extension-points/corpus';
import type { CheckRecorder } from './findings';
import { checkContext, snapshot } from './synthetic-inputs';

/** load() with the options: a domain, labelled sequences with ids, groups, audio and finite labels; deterministic. */
export async function checkCorpus(corpus: Corpus, options: Record<string, unknown>, record: CheckRecorder, cacheDir: string): Promise<void> {
  const load = () => corpus.load(structuredClone(options) as never, checkContext(3, cacheDir));
  let first: Awaited<ReturnType<Corpus['load']>> | undefined;
  if (!(await record.run('load', async () => {
    first = await load();
    if (!first || typeof first.domain !== 'string' || !Array.isArray(first.labelled) || !Array.isArray(first.unlabelled)) {
      record.fail('load', 'did not return { domain, labelled, unlabelled }');
    }
  }))) return;
  await record.run('sequences', () => {
    const ids = new Set<string>();
    for (const s of [...first!.labelled, ...first!.unlabelled]) {
      if (typeof s.id !== 'string' || ids.has(s.id)) record.fail('sequences', `sequence id ${JSON.stringify(s.id)} missing or repeated`);
      ids.add(s.id);
      if (typeof s.group !== 'string') record.fail('sequences', `sequence ${s.id} has no group`);
      if (!s.audio || (s.audio.kind !== 'file' && s.audio.kind !== 'memory')) record.fail('sequences', `sequence ${s.id} has no audio reference`);
    }
    for (const s of first!.labelled) {
      if (!s.labels) record.fail('sequences', `labelled sequence ${s.id} has no labels`);
      else if ([...s.labels.arousal, ...s.labels.valence].some((v) => !Number.isFinite(v))) record.fail('sequences', `labels of ${s.id} are not all finite`);
    }
  });
  await record.run('deterministic under a fixed seed', async () => {
    const second = await load();
    const ids = (d: typeof second) => snapshot(d.labelled.map((s) => [s.id, s.group, s.labels]));
    if (ids(second) !== ids(first!)) record.fail('deterministic under a fixed seed', 'two loads with the same seed give other sequences or labels');
  });
}
