import { contribute } from '@emotrans/core';
import { ridge } from './ridge';

export { ridge };
export const containerModule = contribute(ridge);
