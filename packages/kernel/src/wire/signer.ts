import crypto from 'node:crypto';
import { KernelInputError } from './kernel-input-error';

/**
 * Signs and verifies messages: HMAC over the four serialized dicts (header, parent header, metadata,
 * content) with the connection file's key, hex-encoded. An empty key disables signing.
 */
export class Signer {
  private readonly algorithm: string | undefined;

  constructor(private readonly key: string, scheme: string) {
    if (!key) {
      this.algorithm = undefined;
      return;
    }
    const match = /^hmac-(.+)$/.exec(scheme);
    const algorithm = match?.[1];
    if (!algorithm || !crypto.getHashes().includes(algorithm)) {
      throw new KernelInputError(`unsupported signature_scheme '${scheme}' (expected hmac-<hash>, e.g. hmac-sha256)`);
    }
    this.algorithm = algorithm;
  }

  sign(parts: readonly Buffer[]): string {
    if (!this.algorithm) return '';
    const hmac = crypto.createHmac(this.algorithm, this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest('hex');
  }

  /** Constant-time comparison of a received signature with the expected one. */
  verify(signature: string, parts: readonly Buffer[]): boolean {
    if (!this.algorithm) return true;
    const expected = Buffer.from(this.sign(parts), 'utf8');
    const received = Buffer.from(signature, 'utf8');
    return expected.length === received.length && crypto.timingSafeEqual(expected, received);
  }
}
