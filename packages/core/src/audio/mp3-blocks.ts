import fs from 'node:fs';
import { BadInputError, fileReadError } from '../runtime/errors';
import { checkDeclaredAudio } from './audio-bounds';
import { mp3StreamDecoders, type Mp3StreamDecoder } from './compressed';
import type { WavBlocks } from './decode';
import { mixDown } from './mix-down';
import { checkMp3DecodedLength, checkMp3Structure, mp3MaxSamples } from './mp3-checks';
import { openAudioFile, readWhole } from './open-audio-file';
import { createStreamResampler, type StreamResampler } from './resample';
import { sniffAudioFormat } from './sniff-format';
import { fileSource } from './wav';

/**
 * Bytes of the file fed to the decoder at once: a multiple of its 64 KiB input buffer, so the decoder sees
 * the same feed calls as the whole-file decode and hands out the same samples.
 */
const CHUNK_BYTES = 1 << 20;

/**
 * An MP3 file decoded as it is read, in chunks of 1 MiB of file, each chunk's samples mixed down to mono and,
 * when `rate` is given and differs from the file's, resampled as they come: bit for bit the samples of the
 * whole-file decode (loadAudio), and no decoded audio ever held whole, so its length is bounded only by the
 * file (no decoded-size budget, as for WAV). The frame walk and the declared rate and channels are checked
 * before (reading the file whole once: 115 MB for 2 h at 128 kbps); the decoded length against the frame
 * count at the end of the read. `frames` is the samples the frames hold, an upper bound: the decoder trims
 * the encoder's delay and padding (under 3 frames), so the blocks may add up to slightly fewer.
 * Undefined when the file is not an MP3, or where the streaming decoder cannot be loaded (inside jest's vm
 * sandbox, where import() is unavailable: the whole-file decode in a worker is used instead). The caller
 * closes it.
 */
export async function openMp3Blocks(file: string, rate?: number): Promise<WavBlocks | undefined> {
  const { fd, size } = openAudioFile(file);
  try {
    const source = fileSource(fd, size);
    const decoders = size > 0 && sniffAudioFormat(source.read(0, 64 * 1024), file) === 'mp3' ? await mp3StreamDecoders() : undefined;
    if (!decoders) {
      fs.closeSync(fd);
      return undefined;
    }
    const mp3 = checkMp3Structure(readWhole(fd, size, file, 'MP3'), file, false);
    const own = mp3.sampleRate;
    const target = rate ?? own;
    const most = mp3MaxSamples(mp3);
    return {
      sampleRate: target,
      frames: target === own ? most : Math.round((most * target) / own),
      async read(each) {
        const resampler = target === own ? undefined : await createStreamResampler(own, target, most, file, each);
        let decoder: Mp3StreamDecoder | undefined;
        let got = 0;
        try {
          decoder = await decoders();
          const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
          for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
            let length: number;
            try {
              length = source.readInto!(offset, CHUNK_BYTES, chunk);
            } catch (error) {
              throw fileReadError(error, file, 'audio');
            }
            let out: ReturnType<Mp3StreamDecoder['decode']>;
            try {
              out = decoder.decode(chunk.subarray(0, length));
            } catch (error) {
              throw new BadInputError(`cannot decode MP3: ${error instanceof Error ? error.message : String(error)}`, file);
            }
            const frames = out.channelData.length > 0 ? out.channelData[0].length : 0;
            if (frames === 0) continue;
            if (got === 0) {
              checkDeclaredAudio({ sampleRate: out.sampleRate, channels: out.channelData.length }, file, 'MP3');
              if (out.sampleRate !== own) throw new BadInputError(`not a valid MP3 file: its frames declare ${own} Hz but decode at ${out.sampleRate} Hz`, file);
            }
            const mono = mixDown(out.channelData, own, file, got);
            got += frames;
            if (resampler) resampler.push(mono);
            else each(mono);
          }
          if (got === 0) throw new BadInputError('no decodable audio in the MP3 stream (corrupt or truncated file?)', file);
          checkMp3DecodedLength(got, own, mp3, file);
        } catch (error) {
          resampler?.cancel();
          throw error;
        } finally {
          decoder?.free();
        }
        resampler?.finish(got);
      },
      close: () => fs.closeSync(fd),
    };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}
