import type { CrossValidationSpec } from '../spec/experiment-spec';
import { shuffled, type Random } from '../runtime/random';
import { BadInputError } from '../runtime/errors';

/** Something that belongs to a group (piece, speaker) that must not be split across folds. */
export interface Grouped {
  readonly id: string;
  readonly group: string;
}

/** The test items of each outer fold: leave-one-group-out, or k folds of whole groups. */
export function outerFolds<T extends Grouped>(items: readonly T[], cv: CrossValidationSpec, random: Random): T[][] {
  const groups = [...new Set(items.map((s) => s.group))].sort();
  if (groups.length < 2) throw new BadInputError(`cross-validation needs labelled sequences of at least 2 groups, got ${groups.length}`);
  const assignment = new Map<string, number>();
  if (cv.scheme === 'loso') groups.forEach((g, i) => assignment.set(g, i));
  else shuffled(groups, random).forEach((g, i) => assignment.set(g, i % Math.min(cv.folds, groups.length)));
  // Not Math.max(...values): a spread of 200k groups overflows the stack.
  const count = cv.scheme === 'loso' ? groups.length : Math.min(cv.folds, groups.length);
  const folds: T[][] = Array.from({ length: count }, () => []);
  for (const item of items) folds[assignment.get(item.group)!].push(item);
  return folds;
}

/**
 * Splits training items by group into a fitting part and a validation part of about `fraction` of the
 * groups (at least one group each when there are two or more groups; none when fraction is 0).
 */
export function innerSplit<T extends Grouped>(items: readonly T[], fraction: number, random: Random): { fit: T[]; validation: T[] } {
  const groups = shuffled([...new Set(items.map((s) => s.group))].sort(), random);
  const held = fraction > 0 && groups.length >= 2 ? Math.min(groups.length - 1, Math.max(1, Math.round(groups.length * fraction))) : 0;
  const validationGroups = new Set(groups.slice(0, held));
  return {
    fit: items.filter((s) => !validationGroups.has(s.group)),
    validation: items.filter((s) => validationGroups.has(s.group)),
  };
}
