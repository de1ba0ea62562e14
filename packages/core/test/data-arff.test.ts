import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadInputError, parseArffTable, readArffTable } from '../src';

function expectBad(run: () => unknown, message: string | RegExp): void {
  expect(run).toThrow(BadInputError);
  expect(run).toThrow(message);
}

describe('ARFF reader (shared by the corpora and opensmile-import plugins)', () => {
  const text = [
    "@relation 'AVEC 2016 gold standard'",
    '% a comment',
    '@attribute Instance_name string',
    "@ATTRIBUTE 'frame time' NUMERIC",
    '@attribute "Gold Standard" real',
    '@attribute label {low,high}',
    '',
    '@data',
    "'train_1',0.00,0.125,low",
    '% between rows',
    "'train_1, take 2',0.04,-1e-2,?",
    '',
  ].join('\r\n');

  it('reads attributes (quoted names, types, numeric or not) and rows with their file lines', () => {
    const table = parseArffTable(text, 'g.arff');
    expect(table.relation).toBe('AVEC 2016 gold standard');
    expect(table.attributes).toEqual([
      { name: 'Instance_name', type: 'string', numeric: false },
      { name: 'frame time', type: 'numeric', numeric: true },
      { name: 'Gold Standard', type: 'real', numeric: true },
      { name: 'label', type: '{low,high}', numeric: false },
    ]);
    expect(table.rows).toEqual([
      { line: 9, values: ['train_1', '0.00', '0.125', 'low'] },
      { line: 11, values: ['train_1, take 2', '0.04', '-1e-2', '?'] },
    ]);
  });

  it('reads a file and names it when it cannot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-arff-'));
    try {
      const file = path.join(dir, 'g.arff');
      fs.writeFileSync(file, text);
      expect(readArffTable(file).rows).toHaveLength(2);
      expectBad(() => readArffTable(path.join(dir, 'missing.arff'), 'annotation file'), /missing\.arff: .*annotation file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names file and line of every malformed part', () => {
    const head = '@relation r\n@attribute t numeric\n@attribute v numeric\n@data\n';
    expectBad(() => parseArffTable(`${head}0,1\n0.04\n`, 'short.arff'), 'short.arff: line 6: 1 values, but 2 attributes are declared (t, v)');
    expectBad(() => parseArffTable(`${head}0,1,2\n`, 'long.arff'), 'long.arff: line 5: 3 values, but 2 attributes are declared');
    expectBad(() => parseArffTable('@relation r\n@attribute t\n@data\n', 'a.arff'), 'a.arff: line 2: malformed @attribute declaration');
    expectBad(() => parseArffTable('@relation r\n@attribute t relational\n@data\n', 'rel.arff'), 'line 2: relational attributes are not supported');
    expectBad(() => parseArffTable('t,v\n0,1\n', 'csv.arff'), 'csv.arff: line 1: expected @relation, @attribute or @data, got "t,v"');
    expectBad(() => parseArffTable(head.replace('@data\n', ''), 'nodata.arff'), 'nodata.arff: no @data section');
    expectBad(() => parseArffTable('@relation r\n@data\n', 'noattr.arff'), 'noattr.arff: no @attribute declarations');
    expectBad(() => parseArffTable('', 'empty.arff'), 'empty.arff: empty ARFF file');
    expectBad(() => parseArffTable(`${head}{0 1}\n`, 'sparse.arff'), 'sparse ARFF data');
    expectBad(() => parseArffTable(`${head}0,1\n'open,1\n`, 'quote.arff'), /quote\.arff: line 6: malformed ARFF data/);
  });
});
