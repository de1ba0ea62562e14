import type { TransferMethod } from '@emotrans/core';

/** Direct transfer: features pass unchanged (`identity`: the core runs it without fitting, as condition `cross`). */
export const none: TransferMethod = {
  manifest: {
    id: 'none',
    kind: 'transfer',
    description: 'Direct transfer: source and target features are used as they are',
    options: { type: 'object', properties: {}, additionalProperties: false },
    identity: true,
    default: true,
  },
  async fit() {
    return { transform: (features) => features };
  },
};
