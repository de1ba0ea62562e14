import { BadInputError } from '../runtime/errors';

/*
 * What an audio file may declare before anything is allocated for it: a header claiming 10^9 Hz, 1 Hz or
 * 60000 channels is an error naming the file, and so is audio whose decoded samples would not fit the
 * memory budget (instead of an allocation failure or a machine brought to its knees).
 */

export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768000;
export const MAX_CHANNELS = 256;

/** Bytes the decoded samples of one file may take: $EMOTRANS_MAX_AUDIO_BYTES, default 2 GiB. */
export function decodedAudioBudget(): number {
  const forced = Number(process.env.EMOTRANS_MAX_AUDIO_BYTES);
  return forced > 0 ? forced : 2 ** 31;
}

/** What a header declares, checked before decoding. */
export interface DeclaredAudio {
  readonly sampleRate: number;
  readonly channels: number;
  /** Samples per channel, when the header says (0 or undefined: unknown). */
  readonly frames?: number;
  /** Float32 copies held at once per channel while decoding (1 for streamed WAV: mono only). */
  readonly copies?: number;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

export function checkDeclaredAudio(declared: DeclaredAudio, file: string, format: string): void {
  const { sampleRate, channels, frames } = declared;
  if (!Number.isFinite(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new BadInputError(`${format} header declares a sample rate of ${sampleRate} Hz; emotrans reads ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE} Hz (corrupt header?)`, file);
  }
  if (!(channels >= 1) || channels > MAX_CHANNELS) {
    throw new BadInputError(`${format} header declares ${channels} channels; emotrans reads 1 to ${MAX_CHANNELS} (corrupt header?)`, file);
  }
  if (frames) {
    const bytes = frames * 4 * (declared.copies ?? channels + 1);
    const budget = decodedAudioBudget();
    if (bytes > budget) {
      const seconds = frames / sampleRate;
      throw new BadInputError(
        `${(seconds / 3600).toFixed(2)} h of ${channels}-channel audio at ${sampleRate} Hz would need ${gib(bytes)} decoded, over the ${gib(budget)} budget per file ($EMOTRANS_MAX_AUDIO_BYTES); split the file into shorter parts${format === 'WAV' ? '' : ', or convert it to WAV, which feature sets that stream read in blocks'}`,
        file,
      );
    }
  }
}
