import path from 'node:path';
import { BadInputError } from '../runtime/errors';
import { describeOwner, tryLock } from './lock-file';

/** The lock file of a run folder. */
export const RUN_LOCK_FILE = '.emotrans.lock';

/**
 * Takes the run folder's lock: one writer per run folder. A second `run --resume` of a run that is still
 * going (in another process on this host, or anywhere on a shared disk) is a BadInputError naming the other
 * process; a lock left by a killed process of this host is taken over.
 */
export function lockRunFolder(runDir: string): { release(): void } {
  const file = path.join(runDir, RUN_LOCK_FILE);
  const attempt = tryLock(file);
  if (attempt.acquired) return attempt;
  throw new BadInputError(
    `run folder ${runDir} is in use by ${describeOwner(attempt.owner)}; wait for that run to finish (if that process is gone, for example on another machine, delete ${file})`,
  );
}
