// Module-level copies: global lookups are slow in hot loops inside vm sandboxes (jest, notebooks).
const { max, min, round } = Math;

/**
 * Encodes mono samples in [-1, 1] as a 16-bit PCM RIFF/WAVE file. Samples are clamped and rounded to the
 * nearest integer, so the same samples always give the same bytes.
 */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) {
    const clamped = max(-1, min(1, samples[i]));
    buffer.writeInt16LE(max(-32768, min(32767, round(clamped * 32767))), 44 + 2 * i);
  }
  return buffer;
}
