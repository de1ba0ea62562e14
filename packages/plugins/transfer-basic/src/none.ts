import type { TransferMethod } from '@emotrans/core';

/** Direct transfer: features pass unchanged. */
export const none: TransferMethod = {
  manifest: {
    id: 'none',
    kind: 'transfer',
    description: 'Direct transfer: source and target features are used as they are',
    options: { type: 'object', properties: {}, additionalProperties: false },
  },
  async fit() {
    return { transform: (features) => features };
  },
};
