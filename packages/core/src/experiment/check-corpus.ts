import type { CorpusData } from '../extension-points/corpus';
import type { SequenceSource } from '../data/sequence';
import { BadInputError, RunFailure } from '../runtime/errors';

/*
 * What the runner checks of every corpus once it is loaded, whatever plugin loaded it: labels that are
 * numbers, at times that increase, and sequence ids that are unique. A corpus file with a NaN label or a
 * time that repeats is bad input (exit 2) named down to the sequence and the annotation point.
 */

/** "corpus 'deam' (domain music)" for messages. */
export const corpusName = (corpusId: string, domain: string) => `corpus '${corpusId}' (domain ${domain})`;

/**
 * Where annotation point `index` of a sequence comes from: "<file> line <n>" when the corpus said where its
 * labels come from (`labelsOrigin`), else "annotation point <index + 1>".
 */
function pointName(source: SequenceSource, index: number): string {
  const origin = source.labelsOrigin;
  if (origin?.lines && origin.lines[index] !== undefined) return `${origin.file} line ${origin.lines[index]}`;
  if (origin) return `${origin.file}, annotation point ${index + 1}`;
  return `annotation point ${index + 1}`;
}

/** Checks one labelled sequence's traces: at least one point, finite values, strictly increasing times. */
function checkLabels(source: SequenceSource, where: string): void {
  const labels = source.labels!;
  const { times, arousal, valence } = labels;
  const at = (i: number) => `${where}, sequence '${source.id}', ${pointName(source, i)}`;
  if (!times || times.length === 0) throw new BadInputError(`${where}, sequence '${source.id}': no annotation points`);
  if (arousal.length !== times.length || valence.length !== times.length) {
    throw new BadInputError(`${where}, sequence '${source.id}': ${times.length} annotation times but ${arousal.length} arousal and ${valence.length} valence values`);
  }
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i])) throw new BadInputError(`${at(i)}: the time is ${times[i]}, expected a finite number of seconds`);
    if (!Number.isFinite(arousal[i])) throw new BadInputError(`${at(i)} (t = ${times[i]} s): arousal is ${arousal[i]}, expected a finite number`);
    if (!Number.isFinite(valence[i])) throw new BadInputError(`${at(i)} (t = ${times[i]} s): valence is ${valence[i]}, expected a finite number`);
    if (i > 0 && times[i] === times[i - 1]) throw new BadInputError(`${at(i)}: time ${times[i]} s repeats the previous annotation point's (duplicate annotation time)`);
    if (i > 0 && times[i] < times[i - 1]) throw new BadInputError(`${at(i)}: time ${times[i]} s comes after ${times[i - 1]} s (annotation times must increase)`);
  }
}

/**
 * Checks what a corpus loaded: unique sequence ids (a plugin bug: RunFailure naming the corpus) and valid
 * labels on every labelled sequence (bad input: BadInputError naming corpus, sequence and point).
 */
export function checkCorpusData(data: CorpusData, corpusId: string, domain: string): void {
  const where = corpusName(corpusId, domain);
  if (!data || !Array.isArray(data.labelled) || !Array.isArray(data.unlabelled)) {
    throw new RunFailure(`${where}: corpus '${corpusId}' returned no { labelled, unlabelled } sequence lists`);
  }
  const seen = new Set<string>();
  for (const source of [...data.labelled, ...data.unlabelled]) {
    if (typeof source?.id !== 'string' || source.id === '') throw new RunFailure(`${where}: corpus '${corpusId}' returned a sequence without an id`);
    if (seen.has(source.id)) throw new RunFailure(`${where}: corpus '${corpusId}' returned two sequences with the id '${source.id}' (ids must be unique)`);
    seen.add(source.id);
  }
  for (const source of data.labelled) if (source.labels) checkLabels(source, where);
}

/** The minimum number of groups the cross-validation needs, and whether the labelled sequences have them. */
export function checkGroupsForCv(sequences: readonly { id: string; group: string }[], corpusId: string, domain: string, scheme: string): void {
  const groups = [...new Set(sequences.map((s) => s.group))];
  if (groups.length >= 2) return;
  const what = sequences.length === 0 ? 'no labelled sequences' : groups.length === 1 && sequences.length === 1 ? `1 sequence ('${sequences[0].id}')` : `${sequences.length} sequences all in group '${groups[0]}'`;
  throw new BadInputError(
    `${corpusName(corpusId, domain)}: ${what}; the 'intra' condition's cross-validation (${scheme}) needs labelled sequences of at least 2 groups to train on some and test on others`,
  );
}
