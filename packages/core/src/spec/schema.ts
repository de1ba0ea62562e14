import type { JsonSchema } from '../extension-points/contribution';

/*
 * No field defaults to a plugin id here: where a spec leaves `features`, `regressor`, `transfer` or
 * `metrics` out, validateSpecContributions fills them from the manifests that say `default`.
 */
const contributionRef = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    options: { type: 'object', default: {} },
    ...extra,
  },
});

const transferRef = contributionRef({
  label: { type: 'string', pattern: '^[A-Za-z0-9._-]+$', description: 'names the condition cross+<label>' },
  // Written by validation into a run's spec.json; accepted so such a spec can be run again.
  condition: { type: 'string' },
  direct: { type: 'boolean' },
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
      maxProperties: 64,
      propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
      additionalProperties: contributionRef(),
    },
    unlabelled: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
      additionalProperties: contributionRef(),
    },
    features: contributionRef(),
    transfer: { type: 'array', minItems: 1, maxItems: 64, items: transferRef },
    regressor: contributionRef(),
    metrics: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
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
            folds: { type: 'integer', minimum: 2, maximum: 1000, default: 5 },
            validationFraction: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.2 },
          },
        },
        // Maxima: sizes no machine can run (1e7 repetitions plan gigabytes of units before any output).
        repetitions: { type: 'integer', minimum: 1, maximum: 1000, default: 1 },
        bestOf: { type: 'integer', minimum: 0, maximum: 1000, default: 0 },
        annotationDelay: { type: 'number', minimum: 0, maximum: 60, default: 0 },
        normalise: { enum: ['train', 'none'], default: 'train' },
      },
    },
    plugins: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
    output: { type: 'string', minLength: 1, default: 'results' },
    cacheDir: { type: 'string', minLength: 1 },
  },
};
