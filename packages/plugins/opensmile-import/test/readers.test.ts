import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadInputError } from '@emotrans/core';
import { parseArff, parseOpenSmileCsv, readArff, readOpenSmileCsv } from '../src';

// Shaped like openSMILE's csvSink / arffSink output (LLD and functionals), values chosen by hand.
const LLD_CSV = [
  'name;frameTime;pcm_RMSenergy_sma;pcm_zcr_sma;F0final_sma',
  "'unknown';0.000000;1.250000e-02;0.1;0",
  "'unknown';0.010000;2.500000e-02;0.2;110.5",
  "'unknown';0.020000;-3.5e-03;0.3;220.25",
  "'unknown';0.030000;4;0.4;0",
  '',
].join('\n');

const FUNCTIONALS_ARFF = [
  "@relation 'openSMILE_features'",
  '',
  '% written by a test, shaped like openSMILE arffSink output',
  '@attribute name string',
  '@attribute frameIndex numeric',
  '@attribute frameTime numeric',
  '@attribute pcm_loudness_sma_amean numeric',
  "@ATTRIBUTE 'mfcc sma[1] stddev' REAL",
  '@attribute emotion {unknown,happy}',
  '@attribute class numeric',
  '',
  '@data',
  '',
  "'clip_1',0,0.000000,0.75,-12.5,unknown,?",
  '% a comment between rows',
  "'clip_1',1,1.000000,0.5,3e-2,happy,?",
  "'clip_1',2,2.000000,0.25,7,unknown,?",
].join('\n');

const at = (m: { data: Float32Array; cols: number }, row: number, col: number) => m.data[row * m.cols + col];

function expectBad(run: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as Error).message).toMatch(pattern);
}

describe('openSMILE CSV', () => {
  it('reads LLD output: names, frame times, values, rate', () => {
    const m = parseOpenSmileCsv(LLD_CSV, 'a.csv');
    expect(m.names).toEqual(['pcm_RMSenergy_sma', 'pcm_zcr_sma', 'F0final_sma']);
    expect(Array.from(m.times)).toEqual([0, 0.01, 0.02, 0.03]);
    expect(m.rows).toBe(4);
    expect(m.frameRate).toBeCloseTo(100, 6);
    expect(at(m, 0, 0)).toBeCloseTo(0.0125, 7);
    expect(at(m, 2, 0)).toBeCloseTo(-0.0035, 7);
    expect(at(m, 2, 2)).toBeCloseTo(220.25, 4);
    expect(at(m, 3, 1)).toBeCloseTo(0.4, 6);
  });

  it('reads the comma variant, drops frameIndex/frameLength, applies timeShift', () => {
    const text = 'name,frameIndex,frameTime,frameLength,a,b\r\nx,0,0.5,1,1,2\r\nx,1,1.5,1,3,4\r\n';
    const m = parseOpenSmileCsv(text, 'b.csv', { timeShift: 0.5 });
    expect(m.names).toEqual(['a', 'b']);
    expect(Array.from(m.times)).toEqual([1, 2]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4]);
    expect(m.frameRate).toBe(1);
  });

  it('names file and line for ragged rows, non-numbers, missing frameTime, empty files', () => {
    expectBad(() => parseOpenSmileCsv('name;frameTime;a;b\nx;0;1;2\nx;1;3\n', 'r.csv'), /^r\.csv: line 3: 3 values, but the header has 4 columns/);
    expectBad(() => parseOpenSmileCsv('name;frameTime;a;b\nx;0;1;2\nx;1;3;abc\n', 'n.csv'), /^n\.csv: line 3, column 'b': "abc", not a finite number/);
    expectBad(() => parseOpenSmileCsv('name;frameTime;a\nx;0;nan\n', 'nan.csv'), /line 2, column 'a': "nan", not a finite number/);
    // Number() would read these as 16, 1 and a blank: a corrupt feature file, not values.
    expectBad(() => parseOpenSmileCsv('name;frameTime;a\nx;0;0x10\n', 'hex.csv'), /line 2, column 'a': "0x10", not a finite number/);
    expectBad(() => parseOpenSmileCsv('name;frameTime;a\nx;0;0b1\n', 'bin.csv'), /line 2, column 'a': "0b1", not a finite number/);
    expect(parseOpenSmileCsv('name;frameTime;a\nx;0;1.234000e+00\nx;0.01;-.5\n', 'ok.csv').data[1]).toBeCloseTo(-0.5);
    expectBad(() => parseOpenSmileCsv('name;frameTime;a\nx;;1\n', 'e.csv'), /line 2, column 'frameTime': an empty cell/);
    expectBad(() => parseOpenSmileCsv('name;a;b\nx;1;2\n', 't.csv'), /^t\.csv: no frameTime column/);
    expectBad(() => parseOpenSmileCsv('', 'empty.csv'), /^empty\.csv: empty feature file/);
    expectBad(() => parseOpenSmileCsv('name;frameTime;a\n', 'h.csv'), /h\.csv: no data rows/);
    expectBad(() => parseOpenSmileCsv('name;frameTime;a\nx;1;1\nx;0.5;2\n', 'd.csv'), /line 3: frameTime 0\.5 is earlier than the row before/);
    expectBad(() => readOpenSmileCsv(path.join(os.tmpdir(), 'no-such-emotrans.csv')), /feature file not found/);
  });
});

describe('ARFF', () => {
  it('reads functionals output: numeric attributes are features, names/labels/indices are not', () => {
    const m = parseArff(FUNCTIONALS_ARFF, 'f.arff');
    expect(m.names).toEqual(['pcm_loudness_sma_amean', 'mfcc sma[1] stddev']);
    expect(Array.from(m.times)).toEqual([0, 1, 2]);
    expect(Array.from(m.data)).toEqual([0.75, -12.5, 0.5, Math.fround(0.03), 0.25, 7]);
    expect(m.frameRate).toBe(1);
  });

  it('reads a file from disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-arff-'));
    try {
      const file = path.join(dir, 'lld.arff');
      fs.writeFileSync(file, "@relation x\n@attribute name string\n@attribute frameTime numeric\n@attribute f numeric\n@data\n'a',0.00,1\n'a',0.01,2\n");
      const m = readArff(file);
      expect(Array.from(m.data)).toEqual([1, 2]);
      expect(m.frameRate).toBeCloseTo(100, 6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names file and line for malformed files', () => {
    const head = '@relation r\n@attribute name string\n@attribute frameTime numeric\n@attribute f numeric\n@attribute g numeric\n@data\n';
    expectBad(() => parseArff(`${head}'a',0,1,2\n'a',1,1\n`, 'r.arff'), /^r\.arff: line 8: 3 values, but 4 attributes are declared/);
    expectBad(() => parseArff(`${head}'a',0,1,2\n'a',1,?,2\n`, 'q.arff'), /^q\.arff: line 8, column 'f': a missing value \(\?\)/);
    expectBad(() => parseArff(`${head}'a',0,1,x2\n`, 'x.arff'), /line 7, column 'g': "x2", not a finite number/);
    expectBad(() => parseArff(head.replace('@data\n', ''), 'nodata.arff'), /no @data section/);
    expectBad(() => parseArff(`${head}{0 a, 2 1}\n`, 's.arff'), /sparse ARFF/);
    expectBad(() => parseArff('hello world\n', 'text.arff'), /line 1: expected @relation, @attribute or @data/);
    expectBad(() => parseArff('@relation r\n@attribute name string\n@attribute f numeric\n@data\na,1\n', 'nt.arff'), /no frameTime column/);
  });
});
