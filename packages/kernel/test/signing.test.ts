import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KernelClient, kernelSpec } from '@emotrans/kernel';
import { Signer } from '../src/wire/signer';
import { encodeMessage, newHeader } from '../src/wire/message';

describe('message signing', () => {
  it('computes HMAC-SHA256 over the parts (RFC 4231 test case 2)', () => {
    const signer = new Signer('Jefe', 'hmac-sha256');
    const parts = [Buffer.from('what do ya want '), Buffer.from('for nothing?')];
    expect(signer.sign(parts)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(signer.verify('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', parts)).toBe(true);
    expect(signer.verify('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3844', parts)).toBe(false);
  });

  it('refuses an unknown scheme', () => {
    expect(() => new Signer('k', 'hmac-nonsense')).toThrow(/signature_scheme/);
  });
});

describe('the kernel and mis-signed messages', () => {
  let client: KernelClient;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-signing-'));
  beforeAll(async () => {
    client = await KernelClient.start(kernelSpec().argv, { cwd: dir });
  });
  afterAll(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const markerCode = (marker: string) => `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');`;

  function executeFrames(code: string, signer: Signer): Buffer[] {
    const header = newHeader('execute_request', client.session);
    return encodeMessage({ identities: [], header, parent_header: {}, content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true } }, signer);
  }

  it('never runs an execute_request signed with the wrong key or not signed', async () => {
    const wrongKey = path.join(dir, 'wrong-key');
    const unsigned = path.join(dir, 'unsigned');
    await client.sendRaw('shell', executeFrames(markerCode(wrongKey), new Signer('not-the-key', 'hmac-sha256')));
    const frames = executeFrames(markerCode(unsigned), new Signer(client.key, 'hmac-sha256'));
    frames[1] = Buffer.from(''); // the signature frame, emptied
    await client.sendRaw('shell', frames);
    await client.sendRaw('control', executeFrames(markerCode(wrongKey), new Signer('not-the-key', 'hmac-sha256')));
    // A correctly signed request afterwards: once it is answered, the earlier ones were handled.
    const { reply } = await client.execute('1 + 1');
    expect(reply.content.status).toBe('ok');
    expect(fs.existsSync(wrongKey)).toBe(false);
    expect(fs.existsSync(unsigned)).toBe(false);
    expect(client.stderr).toMatch(/rejected a shell message: invalid signature/);
    expect(client.stderr).toMatch(/rejected a control message: invalid signature/);
  });

  it('runs the same request when it is signed with the key (the check above can fail)', async () => {
    const signed = path.join(dir, 'signed');
    const { reply } = await client.execute(markerCode(signed));
    expect(reply.content.status).toBe('ok');
    expect(fs.readFileSync(signed, 'utf8')).toBe('ran');
  });

  it('runs a correctly signed request only once when it is sent again (a replay)', async () => {
    const counter = path.join(dir, 'replayed');
    const frames = executeFrames(`require('node:fs').appendFileSync(${JSON.stringify(counter)}, 'x');`, new Signer(client.key, 'hmac-sha256'));
    await client.sendRaw('shell', frames);
    await client.sendRaw('shell', frames.map((f) => Buffer.from(f)));
    const { reply } = await client.execute('1 + 1');
    expect(reply.content.status).toBe('ok');
    expect(fs.readFileSync(counter, 'utf8')).toBe('x');
    expect(client.stderr).toMatch(/rejected a shell message: replayed signature/);
  });
});
