import path from 'node:path';
import { CellChecker } from '../src/language/cell-checker';
import { isComplete } from '../src/language/is-complete';

// The checker of a notebook in the repository's notebooks folder (so @emotrans/core resolves as it does there).
describe('type checking across cells', () => {
  const checker = new CellChecker(path.resolve(__dirname, '..', '..', '..', 'notebooks'));
  let cell = 0;
  /** Checks a cell and, when it has no errors, records it as run. */
  const run = (code: string) => {
    const errors = checker.check(code).filter((d) => d.isError);
    if (errors.length === 0) checker.commit(code, ++cell);
    return errors;
  };

  it('reports a type error with its cell line and column', () => {
    const errors = run("const fine = 1;\n\nconst wrong: number = 'text';");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3, column: 7, code: 2322 });
  });

  it('sees the declarations of earlier cells, with their types', () => {
    expect(run('const base = { rate: 2 };\nfunction twice(n: number) { return 2 * n; }\ninterface Shape { sides: number }')).toEqual([]);
    expect(run('const square: Shape = { sides: 4 };\ntwice(base.rate) + square.sides')).toEqual([]);
    const errors = run("twice('two')");
    expect(errors.map((e) => e.code)).toEqual([2345]);
  });

  it('lets a later cell declare a name again, with another type', () => {
    expect(run("const base = 'now a string';\nbase.toUpperCase()")).toEqual([]);
    expect(run('base.length')).toEqual([]);
    expect(run('base.rate').map((e) => e.code)).toEqual([2339]);
  });

  it('allows assigning to an earlier let, not to an earlier const', () => {
    expect(run('let counter = 0;\nconst fixed = 1;')).toEqual([]);
    expect(run('counter += 1;\ncounter++;')).toEqual([]);
    const errors = run('fixed = 2;');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/earlier cell declared it as a constant/);
  });

  it('checks imports of emotrans packages against their types', () => {
    expect(run("import { createSession } from '@emotrans/core';\nconst session = createSession();")).toEqual([]);
    expect(run("session.registry.list('transfer').map((t) => t.manifest.id)")).toEqual([]);
    expect(run("session.registry.list('no-such-kind')").map((e) => e.code)).toEqual([2345]);
    expect(run("import { none } from '@emotrans/plugin-transfer-basic';\nconst noneId: string = none.manifest.id;")).toEqual([]);
    expect(run('const wrongId: number = none.manifest.id;').map((e) => e.code)).toEqual([2322]);
    expect(run("import { nothing } from '@emotrans/plugin-transfer-basic';").map((e) => e.code)).toEqual([2305]);
  });

  it('skips type checking of a cell starting with // @ts-nocheck', () => {
    expect(run("// @ts-nocheck\nconst n: number = 'text';")).toEqual([]);
  });

  it('forgets every cell on reset', () => {
    checker.reset();
    expect(run('counter').map((e) => e.code)).toEqual([2304]);
  });

  it('offers completions from earlier cells and members by type', () => {
    expect(run('const zebraCount = 3;')).toEqual([]);
    const code = 'zebraC';
    expect(checker.completions(code, code.length)).toEqual({ names: ['zebraCount'], kinds: ['instance'], start: 0, end: 6 });
    const member = 'zebraCount.toFix';
    expect(checker.completions(member, member.length)).toMatchObject({ names: ['toFixed'], kinds: ['function'] });
    expect(checker.quickInfo('zebraCount', 3)).toMatch(/const zebraCount: 3|zebraCount: number/);
  });
});

describe('is_complete', () => {
  it.each([
    ['1 + 1', 'complete'],
    ['function f() {\n  return 1;\n}', 'complete'],
    ['function f() {', 'incomplete'],
    ['const xs = [1, 2,', 'incomplete'],
    ['const s = `open template', 'incomplete'],
    ['x.', 'incomplete'],
    ['@dec', 'incomplete'],
    ['let y: ', 'incomplete'],
    ['1 +* 2', 'invalid'],
    ['const = 3;', 'invalid'],
  ])('%j is %s', (code, status) => {
    expect(isComplete(code).status).toBe(status);
  });

  it('suggests an indent after an opening brace', () => {
    expect(isComplete('if (x) {')).toEqual({ status: 'incomplete', indent: '  ' });
  });
});
