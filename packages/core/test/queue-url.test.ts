import { parseQueueUrl, redactUrl, withoutSecret } from '../src/distributed/queue-url';
import { fingerprintMismatch, type RunFingerprint } from '../src/distributed/plugin-fingerprint';

describe('--queue URL', () => {
  it('parses host, port, database and credentials', () => {
    const { connection, display } = parseQueueUrl('redis://alice:s%40cret@example.org:6380/4');
    expect(connection).toMatchObject({ host: 'example.org', port: 6380, db: 4, username: 'alice', password: 's@cret' });
    expect(display).toBe('redis://alice:***@example.org:6380/4');
    expect(parseQueueUrl('redis://10.0.0.2').connection).toMatchObject({ host: '10.0.0.2', port: 6379, db: 0, password: undefined });
  });

  it('takes the password from EMOTRANS_REDIS_PASSWORD when the URL has none, and rediss:// means TLS', () => {
    const { connection } = parseQueueUrl('rediss://cache.lab:6390', { EMOTRANS_REDIS_PASSWORD: 'from-env' });
    expect(connection.password).toBe('from-env');
    expect(connection.tls).toMatchObject({ rejectUnauthorized: true, servername: 'cache.lab' });
  });

  it('never shows the password, also in messages of bad URLs', () => {
    expect(redactUrl('redis://:hunter2@h:1')).toBe('redis://:***@h:1');
    expect(redactUrl('redis://hunter2@h:1')).toBe('redis://***@h:1');
    expect(() => parseQueueUrl('http://:hunter2@h:1')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseQueueUrl('http://:hunter2@h:1')).not.toThrow(/hunter2/);
    expect(() => parseQueueUrl('redis://:hunter2@h:1/x')).toThrow(/database 'x'/);
    expect(withoutSecret('auth hunter2 refused', parseQueueUrl('redis://:hunter2@h:1'))).toBe('auth *** refused');
  });
});

describe('plugin fingerprint comparison', () => {
  const coordinator: RunFingerprint = {
    core: '0.1.0',
    backend: 'wasm',
    plugins: [{ name: '@lab/transfer', version: '1.2.0', entrySha256: 'a'.repeat(64) }],
  };
  it('accepts the same plugins (extra local ones included)', () => {
    expect(fingerprintMismatch(coordinator, { ...coordinator, plugins: [...coordinator.plugins, { name: 'x', version: '1', entrySha256: 'b'.repeat(64) }] })).toBeUndefined();
  });
  it('names a missing plugin, another version, another entry file, another backend', () => {
    expect(fingerprintMismatch(coordinator, { ...coordinator, plugins: [] })).toMatch(/@lab\/transfer@1\.2\.0 is not installed here/);
    expect(fingerprintMismatch(coordinator, { ...coordinator, plugins: [{ ...coordinator.plugins[0], version: '1.3.0' }] })).toMatch(/version 1\.3\.0 here, 1\.2\.0 on the coordinator/);
    expect(fingerprintMismatch(coordinator, { ...coordinator, plugins: [{ ...coordinator.plugins[0], entrySha256: 'c'.repeat(64) }] })).toMatch(/another entry file here \(sha256 cccccccccccc, coordinator aaaaaaaaaaaa\)/);
    expect(fingerprintMismatch(coordinator, { ...coordinator, backend: 'tensorflow' })).toMatch(/backend 'tensorflow' here, 'wasm' on the coordinator/);
  });
});
