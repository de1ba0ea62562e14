import { contribute } from '@emotrans/core';
import { simpleFeatures } from './simple-features';
import { toyCorpus } from './toy-corpus';

export { simpleFeatures, toyCorpus };
export const containerModule = contribute(toyCorpus, simpleFeatures);
