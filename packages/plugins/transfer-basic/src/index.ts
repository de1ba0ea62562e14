import { contribute } from '@emotrans/core';
import { none } from './none';
import { coral } from './coral';

export { none, coral };
export const containerModule = contribute(none, coral);
