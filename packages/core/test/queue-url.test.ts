import { parseQueueUrl, redactUrl, withoutSecret } from '../src/distributed/queue-url';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fingerprintMismatch, runFingerprint } from '../src/distributed/plugin-fingerprint';
import type { ContributionProvenance } from '../src/plugins/provenance';

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

describe('fingerprint comparison (core, backend, provenance of the contributions a unit runs)', () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  // The worker's copy of the plugin: a real folder, so changed files are named where they are on the worker.
  const workerPlugin = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-fingerprint-'));
  afterAll(() => fs.rmSync(workerPlugin, { recursive: true, force: true }));
  const files = { 'index.js': sha('index'), 'lib/helper.js': sha('helper') };
  const shift: ContributionProvenance = { kind: 'transfer', id: 'shift', version: '1', package: '@lab/transfer', packageVersion: '1.2.0', entryHash: sha('a'), files };
  const ridge: ContributionProvenance = { kind: 'regressor', id: 'ridge', version: '1', package: '@emotrans/plugin-ridge', packageVersion: '0.1.0', entryHash: sha('r'), files: { 'index.js': sha('ridge') } };
  const coordinator = runFingerprint([shift, ridge], 'wasm');
  const worker = (changed: Partial<ContributionProvenance>, backend = 'wasm') =>
    runFingerprint([{ ...shift, location: workerPlugin, ...changed }, { ...ridge, location: '/opt/ridge' }], backend);

  it('accepts the same contributions (the location on each machine does not matter)', () => {
    expect(coordinator.core).toMatch(/^\d+\.\d+\.\d+/);
    expect(fingerprintMismatch(coordinator, worker({}))).toBeUndefined();
  });

  it('names the contribution and the file whose code differs, is missing or is new here', () => {
    const edited = { entryHash: sha('b'), files: { ...files, 'lib/helper.js': sha('helper, tuned') } };
    expect(fingerprintMismatch(coordinator, worker(edited))).toBe(`transfer 'shift' (@lab/transfer@1.2.0): other code here: ${path.join(workerPlugin, 'lib', 'helper.js')} differs`);
    const fewer = { entryHash: sha('c'), files: { 'index.js': files['index.js'] } };
    expect(fingerprintMismatch(coordinator, worker(fewer))).toContain(`${path.join(workerPlugin, 'lib', 'helper.js')} is missing here`);
    const more = { entryHash: sha('d'), files: { ...files, 'lib/extra.js': sha('extra') } };
    expect(fingerprintMismatch(coordinator, worker(more))).toContain(`${path.join(workerPlugin, 'lib', 'extra.js')} is not on the coordinator`);
  });

  it('names a missing contribution, another package, package version, manifest version, core and backend', () => {
    expect(fingerprintMismatch(coordinator, runFingerprint([ridge], 'wasm'))).toBe("transfer 'shift' (@lab/transfer@1.2.0) is not available here (load its plugin with --plugin)");
    expect(fingerprintMismatch(coordinator, worker({ package: '@other/transfer' }))).toBe("transfer 'shift' (@lab/transfer@1.2.0): comes from package @other/transfer here");
    expect(fingerprintMismatch(coordinator, worker({ packageVersion: '1.3.0' }))).toBe("transfer 'shift' (@lab/transfer@1.2.0): package version 1.3.0 here, 1.2.0 on the coordinator");
    expect(fingerprintMismatch(coordinator, worker({ version: '2' }))).toBe("transfer 'shift' (@lab/transfer@1.2.0): manifest version 2 here, 1 on the coordinator");
    expect(fingerprintMismatch(coordinator, worker({}, 'tensorflow'))).toBe("tensor backend 'tensorflow' here, 'wasm' on the coordinator");
    expect(fingerprintMismatch(coordinator, { ...worker({}), core: '9.9.9' })).toBe(`@emotrans/core 9.9.9 here, ${coordinator.core} on the coordinator`);
  });
});
