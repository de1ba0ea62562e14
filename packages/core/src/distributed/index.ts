/** Public API of the distributed run (docs/distributed.md): the queue dispatcher, the worker, their helpers. */
export { queueDispatcher, type QueueDispatchOptions } from './queue-dispatcher';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker';
export { parseQueueUrl, redactUrl, type QueueUrl } from './queue-url';
export { runFingerprint, fingerprintMismatch, type RunFingerprint } from './plugin-fingerprint';
export { publishDatasets, fetchDatasets, deleteDatasets } from './dataset-transfer';
export { connectRedis } from './redis-connect';
export { UNIT_QUEUE, type UnitJobData } from './unit-job';
