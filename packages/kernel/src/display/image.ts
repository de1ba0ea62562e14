import type { MimeBundle } from '../execution/protocol';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** An SVG document (optionally after an XML declaration or comments). */
export function isSvgText(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text);
}

/** PNG/JPEG/SVG bytes as an image bundle; undefined for other bytes. */
export function imageBundle(bytes: Uint8Array): MimeBundle | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(bytes)) return { 'image/png': buffer.toString('base64'), 'text/plain': `<PNG image, ${bytes.length} bytes>` };
  if (isJpeg(bytes)) return { 'image/jpeg': buffer.toString('base64'), 'text/plain': `<JPEG image, ${bytes.length} bytes>` };
  const head = buffer.subarray(0, 512).toString('utf8');
  if (isSvgText(head)) return { 'image/svg+xml': buffer.toString('utf8'), 'text/plain': `<SVG image, ${bytes.length} bytes>` };
  return undefined;
}
