/** @emotrans/kernel — a Jupyter kernel for TypeScript notebooks, and its kernelspec installer. */
export { Kernel, type KernelOptions } from './kernel/kernel';
export { main } from './main';
export { installKernelSpec, uninstallKernelSpec, kernelSpec, type InstallTarget, type KernelSpec } from './kernelspec/install';
export { MIME_BUNDLE } from './display/mime-bundle';
export { KernelClient, type ExecuteOutcome } from './client/kernel-client';
