import { contribute } from '@emotrans/core';

export const containerModule = contribute();
