import vm from 'node:vm';
import { transformCell } from '../src/execution/transform-cell';
import { originalLine } from '../src/execution/traceback';
import { SourceMap } from 'node:module';

/** Runs cells one after another in a fresh context, as the runtime does, and returns each cell's value. */
async function runCells(cells: string[], modules: Record<string, unknown> = {}): Promise<unknown[]> {
  const context = vm.createContext({
    __emotrans: {
      require: (id: string) => {
        if (!(id in modules)) throw new Error(`no module ${id}`);
        return modules[id];
      },
      importDefault: (m: { __esModule?: boolean; default?: unknown }) => (m && m.__esModule ? m.default : m),
      importStar: (m: unknown) => m,
    },
  });
  vm.runInContext('globalThis.globalThis = this;', context);
  const values: unknown[] = [];
  for (const [i, code] of cells.entries()) {
    const runnable = transformCell(code, `cell_${i}`);
    values.push(await vm.runInContext(runnable.js, context, { filename: `cell[${i}]` }));
  }
  return values;
}

describe('cells as runnable scripts', () => {
  it('keeps declarations across cells and lets a later cell declare them again', async () => {
    const values = await runCells(['const a: number = 1;\nlet b = 2;', 'a + b', "const a = 'x';\na.repeat(b)"]);
    expect(values).toEqual([undefined, 3, 'xx']);
  });

  it('publishes functions (hoisted), classes, enums and destructured names', async () => {
    const values = await runCells([
      'const early = later(2);\nfunction later(n: number): number { return n * 10; }',
      'class Box<T> { constructor(readonly value: T) {} }\nenum Colour { Red, Green }\nconst { p, q: [r] } = { p: 1, q: [5] };',
      '[early, new Box(3).value, Colour.Green, p + r]',
    ]);
    expect(values[2]).toEqual([20, 3, 1, 6]);
  });

  it('turns imports into requires and drops type-only ones', async () => {
    const lib = { __esModule: true, default: 'the default', named: 41 };
    const values = await runCells(["import type { Nothing } from 'absent';\nimport def, { named as n } from 'lib';\nimport * as all from 'lib';", '[def, n + 1, all.named]'], { lib });
    expect(values[1]).toEqual(['the default', 42, 41]);
  });

  it('supports top-level await and returns only a final expression', async () => {
    const values = await runCells(['const v = await Promise.resolve(7);\nv * 2', 'const w = 1;', 'if (w) { w; }']);
    expect(values).toEqual([14, undefined, undefined]);
  });

  it('maps a line of the generated script back to the TypeScript cell line', () => {
    const code = 'interface Skipped {\n  a: number;\n}\ntype Gone = string;\nconst x = 1;\nthrow new Error(String(x));';
    const runnable = transformCell(code, 'cell_m');
    const jsLines = runnable.js.split('\n');
    const jsLine = jsLines.findIndex((l) => l.includes('throw new Error')) + 1;
    const source = { label: 'Cell [1]', map: new SourceMap(JSON.parse(runnable.sourceMap)), prefixLength: runnable.prefixLength, lines: code.split('\n'), scriptLines: jsLines.length };
    const column = jsLines[jsLine - 1].indexOf('throw') + 1;
    expect(originalLine(source, jsLine, column)).toBe(6);
  });
});
