import { contribute } from '@emotrans/core';
import { ccc } from './ccc';
import { pearson } from './pearson';
import { rmse } from './rmse';

export { ccc, pearson, rmse };
export const containerModule = contribute(pearson, ccc, rmse);
