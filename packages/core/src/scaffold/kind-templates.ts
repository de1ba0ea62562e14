import type { ContributionKind } from '../extension-points/contribution';

/** What the scaffold writes for one kind: the interface, the body of the contribution, imports, a manifest. */
export interface KindTemplate {
  readonly type: string;
  readonly imports: readonly string[];
  /** Extra static manifest fields for the kind. */
  readonly manifest: Record<string, unknown>;
  /** The option the template shows, with its default (as JSON Schema properties). */
  readonly options: Record<string, unknown>;
  readonly optionsType: string;
  /** The methods of the contribution object (TypeScript), indented two spaces. */
  readonly body: string;
  /** A spec entry using it, for the example spec. */
  readonly description: string;
}

const scaleOption = { scale: { type: 'number', default: 1, description: 'an example option: replace it with your own' } };

/**
 * Each template compiles and passes `emotrans check` as written: a minimal real behaviour (a running
 * example, marked TODO) that the author replaces with theirs.
 */
export const KIND_TEMPLATES: Readonly<Record<ContributionKind, KindTemplate>> = {
  transfer: {
    type: 'TransferMethod',
    imports: ['withData', 'type FeatureMatrix'],
    manifest: {},
    options: scaleOption,
    optionsType: 'scale: number',
    description: 'TODO: what the method does, in one line',
    body: `  // TODO: replace this example (centre each role on its own column means, times \`scale\`) with your method.
  async fit(input, options) {
    if (input.source.length === 0 || input.target.length === 0) throw new Error('%ID%: needs source and unlabelled target features');
    const centre = (matrices: readonly FeatureMatrix[]) => {
      const d = matrices[0].cols;
      const mean = new Float64Array(d);
      let n = 0;
      for (const m of matrices) for (let i = 0; i < m.rows; i++, n++) for (let j = 0; j < d; j++) mean[j] += m.data[i * d + j];
      return mean.map((v) => v / n);
    };
    const means = { source: centre(input.source), target: centre(input.target) };
    return {
      transform(features, role) {
        const mean = means[role];
        const d = mean.length;
        if (features.cols !== d) throw new Error(\`%ID%: fitted on \${d} features, got \${features.cols}\`);
        const out = new Float32Array(features.data.length);
        for (let i = 0; i < out.length; i++) out[i] = (features.data[i] - mean[i % d]) * options.scale;
        return withData(features, out);
      },
    };
  },`,
  },
  regressor: {
    type: 'Regressor',
    imports: ['createTraces'],
    manifest: {},
    options: scaleOption,
    optionsType: 'scale: number',
    description: 'TODO: what the regressor does, in one line',
    body: `  // TODO: replace this example (predicts the training mean of each dimension, times \`scale\`) with your model.
  async fit(input, options) {
    let arousal = 0;
    let valence = 0;
    let n = 0;
    for (const s of input.train) for (let i = 0; i < s.targets.arousal.length; i++, n++) {
      arousal += s.targets.arousal[i];
      valence += s.targets.valence[i];
    }
    const mean = { arousal: (options.scale * arousal) / Math.max(1, n), valence: (options.scale * valence) / Math.max(1, n) };
    return {
      predict: (features) => createTraces(features.times, new Float32Array(features.rows).fill(mean.arousal), new Float32Array(features.rows).fill(mean.valence)),
    };
  },`,
  },
  metric: {
    type: 'Metric',
    imports: [],
    manifest: { higherIsBetter: false, label: '%ID%' },
    options: {},
    optionsType: '',
    description: 'TODO: what the metric measures, in one line',
    body: `  // TODO: replace this example (mean absolute error) with your metric; keep higherIsBetter in package.json right.
  score(truth, prediction) {
    if (truth.length !== prediction.length) throw new Error(\`%ID%: truth has \${truth.length} values, prediction \${prediction.length}\`);
    let sum = 0;
    for (let i = 0; i < truth.length; i++) sum += Math.abs(truth[i] - prediction[i]);
    return truth.length ? sum / truth.length : NaN;
  },`,
  },
  features: {
    type: 'FeatureSet',
    imports: ['createFeatureMatrix', 'regularTimes'],
    manifest: {},
    options: { window: { type: 'number', exclusiveMinimum: 0, default: 1, description: 'window length and hop, seconds' } },
    optionsType: 'window: number',
    description: 'TODO: what the features describe, in one line',
    body: `  // TODO: replace this example (RMS energy and zero-crossing rate per window) with your features.
  describe: (options) => ({ names: ['rms', 'zcr'], frameRate: 1 / options.window, sampleRate: 16000 }),
  async extract(audio, options) {
    const size = Math.round(options.window * audio.sampleRate);
    const rows = Math.floor(audio.samples.length / size);
    const data = new Float32Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      let energy = 0;
      let crossings = 0;
      for (let i = r * size; i < (r + 1) * size; i++) {
        energy += audio.samples[i] ** 2;
        if (i > r * size && audio.samples[i] >= 0 !== audio.samples[i - 1] >= 0) crossings++;
      }
      data[2 * r] = Math.sqrt(energy / size);
      data[2 * r + 1] = crossings / size;
    }
    return createFeatureMatrix(['rms', 'zcr'], 1 / options.window, regularTimes(rows, 1 / options.window, options.window / 2), data);
  },`,
  },
  corpus: {
    type: 'Corpus',
    imports: ['createTraces', 'regularTimes'],
    manifest: {},
    options: {
      domain: { type: 'string', default: 'music', description: 'the domain the sequences belong to' },
      sequences: { type: 'integer', minimum: 1, default: 4 },
    },
    optionsType: 'domain: string; sequences: number',
    description: 'TODO: what the corpus holds, in one line',
    body: `  // TODO: replace this example (generated tones whose loudness is the arousal) with your data's loader.
  async load(options, context) {
    const sampleRate = 16000;
    const labelled = Array.from({ length: options.sequences }, (_, k) => {
      const seconds = 6;
      const level = 0.1 + 0.8 * context.random.fork(\`level/\${k}\`).next();
      const samples = new Float32Array(seconds * sampleRate);
      for (let i = 0; i < samples.length; i++) samples[i] = level * Math.sin((2 * Math.PI * 220 * i) / sampleRate);
      const times = regularTimes(seconds, 1, 0.5);
      const arousal = new Float32Array(seconds).fill(2 * level - 1);
      return {
        id: \`tone-\${k}\`,
        domain: options.domain,
        group: \`tone-\${k}\`,
        audio: { kind: 'memory' as const, signal: { samples, sampleRate, origin: \`%ID% tone \${k}\` }, key: \`%ID%/\${k}/\${level}\` },
        labels: createTraces(times, arousal, new Float32Array(seconds)),
      };
    });
    return { domain: options.domain, labelled, unlabelled: [] };
  },`,
  },
};
