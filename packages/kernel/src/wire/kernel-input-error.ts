/**
 * Bad input to the kernel process (connection file, signature scheme). The kernel does not load
 * @emotrans/core at start-up (it is slow to load), so it has its own error; exit code 2 like BadInputError.
 */
export class KernelInputError extends Error {
  readonly exitCode = 2;

  constructor(message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'KernelInputError';
  }
}
