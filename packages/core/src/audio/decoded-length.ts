import { BadInputError } from '../runtime/errors';

/**
 * Whether a decoder produced about as many samples per channel (`got`) as the container claims, within
 * `slack`: stopping quietly short means a cut or corrupt stream.
 */
export function checkDecodedLength(got: number, sampleRate: number, claimed: number | undefined, slack: number, label: string, file: string): void {
  if (!claimed) return;
  if (got + slack < claimed) {
    throw new BadInputError(`truncated or corrupt ${label} file: only ${(got / sampleRate).toFixed(2)} s decode of the ${(claimed / sampleRate).toFixed(2)} s its headers declare`, file);
  }
}
