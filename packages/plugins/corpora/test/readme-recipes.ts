import fs from 'node:fs';
import path from 'node:path';

const README = path.resolve(__dirname, '../README.md');

/** A corpus reference as a spec holds it. */
export interface CorpusRecipe {
  id: string;
  options: Record<string, unknown>;
}

/** Every `{ "id": ..., "options": ... }` object inside the README's JSON blocks, in order (fresh copies). */
export function readmeRecipes(): CorpusRecipe[] {
  const refs: CorpusRecipe[] = [];
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.id === 'string' && typeof record.options === 'object') refs.push(record as unknown as CorpusRecipe);
    Object.values(record).forEach(visit);
  };
  for (const block of fs.readFileSync(README, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)) visit(JSON.parse(block[1]));
  return refs;
}
