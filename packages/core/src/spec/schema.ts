import type { JsonSchema } from '../extension-points/contribution';

const contributionRef = (defaultId?: string): JsonSchema => ({
  type: 'object',
  required: defaultId ? [] : ['id'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, ...(defaultId ? { default: defaultId } : {}) },
    options: { type: 'object', default: {} },
  },
  ...(defaultId ? { default: { id: defaultId } } : {}),
});

/** JSON Schema of an experiment spec; see ExperimentSpec for the meaning of each field. */
export const EXPERIMENT_SCHEMA: JsonSchema = {
  $id: 'https://emotrans.dev/schema/experiment.json',
  type: 'object',
  required: ['corpora'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: '^[A-Za-z0-9._-]+$', default: 'experiment' },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295, default: 1 },
    corpora: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
      additionalProperties: contributionRef(),
    },
    unlabelled: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
      additionalProperties: contributionRef(),
    },
    features: contributionRef('compare-1hz'),
    transfer: { type: 'array', minItems: 1, items: contributionRef(), default: [{ id: 'none' }] },
    regressor: contributionRef('lstm'),
    metrics: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
      default: ['rmse', 'pearson', 'ccc'],
    },
    protocol: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        targets: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        conditions: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { enum: ['intra', 'cross'] },
          default: ['intra', 'cross'],
        },
        cv: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            scheme: { enum: ['loso', 'kfold'], default: 'loso' },
            folds: { type: 'integer', minimum: 2, default: 5 },
            validationFraction: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.2 },
          },
        },
        repetitions: { type: 'integer', minimum: 1, default: 1 },
        bestOf: { type: 'integer', minimum: 0, default: 0 },
        annotationDelay: { type: 'number', minimum: 0, default: 0 },
        normalise: { enum: ['train', 'none'], default: 'train' },
      },
    },
    plugins: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
    output: { type: 'string', minLength: 1, default: 'results' },
    cacheDir: { type: 'string', minLength: 1 },
  },
};
