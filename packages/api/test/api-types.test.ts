/**
 * @emotrans/api's declarations stand alone: a strict project without skipLibCheck and without any other
 * package (no Node, tfjs or inversify types) type-checks against them, and `contribute` rejects
 * contributions of the wrong shape for their manifest's kind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const api = path.resolve(__dirname, '..', 'dist', 'api.d.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-api-types-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Type-checks one plugin source against the API; the diagnostics as text, and every file the program read. */
function check(name: string, source: string): { problems: string[]; files: string[] } {
  const file = path.join(work, `${name}.ts`);
  fs.writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
    lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    baseUrl: work,
    paths: { '@emotrans/api': [api] },
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  return { problems, files: program.getSourceFiles().map((f) => f.fileName) };
}

const header = `import { contribute, withData, type FeatureMatrix, type FeatureSet, type Metric, type Regressor, type TransferMethod } from '@emotrans/api';\n`;

describe('@emotrans/api declarations', () => {
  it('a plugin using the whole surface type-checks strictly without skipLibCheck, reading only the API and lib files', () => {
    const { problems, files } = check(
      'good',
      `${header}
      interface Options { factor: number }
      const scale: TransferMethod<Options> = {
        manifest: { id: 'scale', kind: 'transfer', description: 'scales', options: { type: 'object', properties: { factor: { type: 'number', default: 2 } } } },
        async fit(input, options, context) {
          const tf = await context.tf();
          context.log(\`\${tf.getBackend()} \${tf.memory().numTensors} \${context.random.fork('x').normal()} \${input.source.length}\`);
          return { transform: (m: FeatureMatrix, role) => (role === 'source' ? withData(m, m.data.map((v) => v * options.factor)) : m) };
        },
      };
      const half: Metric = {
        manifest: { id: 'half', kind: 'metric', description: 'half error', options: { type: 'object' }, higherIsBetter: false, label: 'HALF' },
        score: (t, p) => Math.abs(t[0] - p[0]) / 2,
      };
      export const containerModule = contribute(scale, half);`,
    );
    expect(problems).toEqual([]);
    const outside = files.filter((f) => !f.startsWith(work) && !f.startsWith(path.dirname(api)) && !/[\\/]typescript[\\/]lib[\\/]lib\./.test(f));
    expect(outside).toEqual([]);
  });

  it('a feature set with the optional streaming capability type-checks; one without it still does', () => {
    const { problems } = check(
      'streaming',
      `import { contribute, createFeatureMatrix, type FeatureSet, type FeatureStream } from '@emotrans/api';
      const manifest = { id: 'level', kind: 'features' as const, description: 'mean level per 1000 samples', options: { type: 'object' } };
      const rows = (sums: number[]) => createFeatureMatrix(['level'], 16, Float64Array.from(sums, (_, i) => i / 16), Float32Array.from(sums));
      const level: FeatureSet = {
        manifest,
        describe: () => ({ names: ['level'], frameRate: 16, sampleRate: 16000 }),
        async extract(audio) { return rows([audio.samples.length]); },
        stream(audio): FeatureStream {
          let seen = 0;
          return { push: (samples: Float32Array) => { seen += samples.length; return undefined; }, end: () => rows([seen / audio.sampleRate]) };
        },
      };
      const whole: FeatureSet = { manifest: { ...manifest, id: 'whole' }, describe: level.describe, extract: level.extract };
      export const containerModule = contribute(level, whole);`,
    );
    expect(problems).toEqual([]);
  });

  it.each([
    [
      "a feature stream whose push takes no samples",
      `const f: FeatureSet = { manifest: { id: 'f', kind: 'features', description: '', options: {} }, describe: () => ({ names: [], frameRate: 1 }), async extract() { throw new Error(); }, stream: () => ({ push: (n: number) => undefined, end: () => undefined }) };`,
      /not assignable/,
    ],
    [
      'a transfer without fit',
      `export const m = contribute({ manifest: { id: 'x', kind: 'transfer', description: '', options: {} } });`,
      /Property 'fit' is missing/,
    ],
    [
      "a regressor whose manifest says kind: 'transfer'",
      `const r: Regressor = { manifest: { id: 'r', kind: 'transfer', description: '', options: {} }, async fit() { return { predict: () => { throw new Error(); } }; } };`,
      /Type '"transfer"' is not assignable to type '"regressor"'/,
    ],
    [
      'a metric without higherIsBetter',
      `export const m = contribute({ manifest: { id: 'm', kind: 'metric', description: '', options: {} }, score: () => 0 });`,
      /higherIsBetter/,
    ],
  ])('rejects %s', (_name, body, expected) => {
    const { problems } = check(`bad-${_name.replace(/\W+/g, '-')}`, `${header}${body}`);
    expect(problems.join('\n')).toMatch(expected);
  });
});
