import { contribute } from '@emotrans/core';
import { none } from './none';

export { none };
export const containerModule = contribute(none);
