import { parentPort, workerData } from 'node:worker_threads';
import { decodeCompressedHere, type CompressedFormat } from './compressed';

/** Worker entry: decodes `workerData.bytes` of `workerData.format` and posts the channels back. */
const { format, bytes } = workerData as { format: CompressedFormat; bytes: Uint8Array };
decodeCompressedHere(format, bytes).then(
  (decoded) => {
    const channels = decoded.channels.map((c) => c.slice());
    parentPort?.postMessage({ ok: true, channels, sampleRate: decoded.sampleRate }, channels.map((c) => c.buffer));
  },
  (error: Error) => parentPort?.postMessage({ ok: false, message: error.message }),
);
