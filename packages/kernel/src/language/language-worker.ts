/** Worker thread holding the kernel's LanguageService; answers `{ id, method, args }` with `{ id, result | error }`. */
import { parentPort, workerData } from 'node:worker_threads';
import { LanguageService, type LanguageMethod } from './language-service';

const service = new LanguageService((workerData as { cwd: string }).cwd);

parentPort?.on('message', (request: { id: number; method: LanguageMethod; args: unknown[] }) => {
  try {
    const method = service[request.method] as (...args: unknown[]) => unknown;
    const result = method.apply(service, request.args);
    parentPort?.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) });
  }
});
