import { validateAgainst, type Corpus } from '@emotrans/core';
import { deamCorpus, folderCorpus, pmemoCorpus, recolaCorpus, semaineCorpus, type DeamOptions } from '../src';
import { mediaEvalLayout, tempDir } from './fixture-files';
import { readmeRecipes } from './readme-recipes';
import { testContext } from './run-context';

const corpora = new Map<string, Corpus<never>>(
  [deamCorpus, pmemoCorpus, recolaCorpus, semaineCorpus, folderCorpus].map((c) => [c.manifest.id, c as unknown as Corpus<never>]),
);

describe('the README recipes', () => {
  const refs = readmeRecipes();

  it('are valid options of the loaders they name (a snippet a user copies does not exit 2)', () => {
    expect(refs.map((r) => r.id).sort()).toEqual(['deam', 'semaine', 'semaine']);
    for (const ref of refs) {
      const corpus = corpora.get(ref.id);
      expect(corpus).toBeDefined();
      expect({ id: ref.id, problems: validateAgainst(corpus!.manifest.options, structuredClone(ref.options)) }).toEqual({ id: ref.id, problems: [] });
    }
  });

  it('load the MediaEval 2014 release layout with the documented deam options', async () => {
    const { root } = mediaEvalLayout('readme-mediaeval', '3', { arousal: [-0.1, -0.2], valence: [0.1, 0.2], static: [3.5, 3.3] });
    const recipe = refs.find((r) => r.id === 'deam')!;
    const options = structuredClone({ ...recipe.options, root }) as unknown as DeamOptions;
    expect(validateAgainst(deamCorpus.manifest.options, options)).toEqual([]);
    const data = await deamCorpus.load(options, testContext(tempDir('readme-cache')));
    expect(data.labelled.map((s) => [s.id, Array.from(s.labels!.times)])).toEqual([['3', [15, 15.5]]]);
    expect((data.report as Record<string, any>).staticAnnotations.perSong).toEqual({ '3': { arousal: 3.5, valence: 3.3 } });
  });
});
