import { createRandom, silentProgress, type RunContext } from '@emotrans/core';

export function testContext(cacheDir: string): RunContext {
  return {
    random: createRandom(1),
    cacheDir,
    progress: silentProgress,
    log: () => {},
    tf: () => {
      throw new Error('no TensorFlow in corpus tests');
    },
  };
}
