#!/usr/bin/env node
/**
 * Compares emotrans' `compare-lld` (65 ComParE LLDs + deltas per 10 ms) with openSMILE's own output on the
 * same audio, column by column. Benchmark-style tool, not a test: it needs a SMILExtract binary that you
 * supply (nothing is downloaded or built here) and the built packages (`npx tsc -b`).
 *
 *   node bench/opensmile-compare.js --smilextract /path/to/SMILExtract \
 *        --config /path/to/opensmile/config/is09-13/IS13_ComParE.conf [--work DIR] [--wav more.wav ...]
 *        [--no-speech] [--per-file] [--json results.json] [--speed 300] [--plugin packages/plugins/compare]
 *
 * Test signals (16 kHz, 16-bit WAV, written to --work): a 440 Hz sine, a harmonic complex with vibrato and a
 * loudness swell, white and pink noise, silence then a tone, a chirp with amplitude modulation, and (unless
 * --no-speech, or when espeak-ng / sox are missing) espeak-ng speech in a male and a higher female voice,
 * resampled to 16 kHz with sox. Every --wav file is added.
 *
 * openSMILE runs with `-lldcsvoutput` (frameTime = start of the frame); row k of both outputs is the frame
 * starting at k x 10 ms (emotrans describes it at the centre of its 20 ms window, k x 10 ms + 10 ms).
 * Per column, over all frames of all files: Pearson r, the ratio of standard deviations emotrans /
 * openSMILE, the difference of means in openSMILE standard deviations and the largest frame difference
 * (same unit). `--speed S` times SMILExtract (LLD CSV output) and emotrans' compare-lld on S seconds of
 * speech-like audio (best of 3 runs; wall clock, and CPU time where /usr/bin/time exists).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { decodeAudioFile, encodeWav16, testSignals } = require('@emotrans/core');

const { mulberry32 } = testSignals;
// --plugin DIR loads another build of the compare plugin (e.g. an older checkout, for before/after tables)
const pluginArg = process.argv.indexOf('--plugin');
const { compareLld, compare1Hz, COMPARE_TRACK_NAMES, COMPARE_FUNCTIONAL_NAMES, comparEGrid } = require(pluginArg > 0 ? path.resolve(process.argv[pluginArg + 1]) : '@emotrans/plugin-compare');
const recordings = require('../packages/plugins/compare/test/real-audio/recordings.js');

const RATE = 16000;
const HOP = 0.01;

function parseArgs(argv) {
  const args = { wav: [], speech: true, perFile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--smilextract') args.smilextract = next();
    else if (a === '--config') args.config = next();
    else if (a === '--work') args.work = next();
    else if (a === '--wav') args.wav.push(next());
    else if (a === '--json') args.json = next();
    else if (a === '--speed') args.speed = Number(next());
    else if (a === '--plugin') next();
    else if (a === '--no-speech') args.speech = false;
    else if (a === '--real') args.real = true;
    else if (a === '--rates') args.rates = next().split(',').map(Number);
    else if (a === '--variant') args.variant = next();
    else if (a === '--delta-normaliser') args.deltaNormaliser = next();
    else if (a === '--resample') args.resample = Number(next());
    else if (a === '--per-file') args.perFile = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!args.smilextract || !args.config) throw new Error('--smilextract and --config are required (see the comment at the top of this file)');
  // The config names the openSMILE set; compare emotrans' matching variant unless one is asked for.
  if (!args.variant && /ComParE_2016/i.test(path.basename(args.config))) args.variant = 'ComParE_2016';
  return args;
}

// ---------------------------------------------------------------- test signals


function gaussian(rand) {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function signals() {
  const n = (s) => Math.round(s * RATE);
  const out = {};
  {
    const x = new Float32Array(n(3));
    for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 440 * i) / RATE);
    out.sine440 = x;
  }
  {
    // 150 Hz complex, 12 harmonics at 1/k, 5.5 Hz vibrato of +-4 %, loudness swell
    const x = new Float32Array(n(3));
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      const t = i / RATE;
      const f0 = 150 * (1 + 0.04 * Math.sin(2 * Math.PI * 5.5 * t));
      phase += (2 * Math.PI * f0) / RATE;
      let v = 0;
      for (let k = 1; k <= 12; k++) v += Math.sin(k * phase) / k;
      x[i] = 0.15 * (0.3 + 0.7 * Math.sin((Math.PI * t) / 3)) * v;
    }
    out.vibrato = x;
  }
  {
    const rand = mulberry32(1);
    const x = new Float32Array(n(3));
    for (let i = 0; i < x.length; i++) x[i] = 0.2 * gaussian(rand);
    out.white = x;
  }
  {
    // pink: white noise through Kellet's 1/f filter
    const rand = mulberry32(2);
    const x = new Float32Array(n(3));
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    for (let i = 0; i < x.length; i++) {
      const w = gaussian(rand);
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      x[i] = 0.05 * (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
      b6 = w * 0.115926;
    }
    out.pink = x;
  }
  {
    const x = new Float32Array(n(3));
    for (let i = n(1); i < x.length; i++) x[i] = 0.4 * Math.sin((2 * Math.PI * 220 * i) / RATE);
    out.silenceTone = x;
  }
  {
    // 100 -> 3000 Hz exponential chirp with 3 Hz amplitude modulation and a little noise
    const rand = mulberry32(3);
    const x = new Float32Array(n(3));
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      const t = i / RATE;
      phase += (2 * Math.PI * 100 * Math.pow(30, t / 3)) / RATE;
      x[i] = 0.3 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)) * Math.sin(phase) + 0.003 * gaussian(rand);
    }
    out.chirpAm = x;
  }
  return out;
}

/** Speech-like 16 kHz audio (pulse train through moving formants, pauses, fricatives) for --speed. */
function speechLike(seconds) {
  const rand = mulberry32(7);
  const x = new Float32Array(Math.round(seconds * RATE));
  const res = [0, 1, 2].map(() => ({ y1: 0, y2: 0 }));
  let t = 0;
  let phase = 0;
  while (t < x.length) {
    const len = Math.round((0.12 + 0.2 * rand()) * RATE);
    const pause = Math.round((0.03 + 0.12 * rand()) * RATE);
    const f0a = 90 + 170 * rand();
    const f0b = 90 + 170 * rand();
    const fricative = rand() < 0.3;
    const coeffs = [300 + 600 * rand(), 900 + 1400 * rand(), 2200 + 1000 * rand()].map((f, k) => {
      const r = Math.exp((-Math.PI * (80 + 40 * k)) / RATE);
      return { a1: 2 * r * Math.cos((2 * Math.PI * f) / RATE), a2: -r * r, g: 1 - r };
    });
    for (let i = 0; i < len && t < x.length; i++, t++) {
      const p = i / len;
      phase += (f0a + (f0b - f0a) * p) / RATE;
      let e = 0;
      if (phase >= 1) {
        phase -= 1;
        e = 1;
      }
      if (fricative) e = 0.3 * gaussian(rand);
      let y = 0;
      coeffs.forEach((c, k) => {
        const v = c.g * e + c.a1 * res[k].y1 + c.a2 * res[k].y2;
        res[k].y2 = res[k].y1;
        res[k].y1 = v;
        y += v;
      });
      x[t] = 0.5 * Math.sin(Math.PI * p) * y + 1e-3 * gaussian(rand);
    }
    for (let i = 0; i < pause && t < x.length; i++, t++) x[t] = 1e-3 * gaussian(rand);
  }
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < x.length; i++) x[i] *= 0.7 / peak;
  return x;
}

function writeWav16(file, samples, rate = RATE) {
  fs.writeFileSync(file, encodeWav16(Float32Array.from(samples), rate));
}

function have(tool) {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** espeak-ng speech resampled to 16 kHz with sox: a default (male) voice and a higher female one. */
function speechFiles(dir) {
  if (!have('espeak-ng') || !have('sox')) return [];
  const voices = [
    { name: 'speech', args: [], text: 'The quick brown fox jumps over the lazy dog. How are you feeling today? I am rather happy, thank you, but a little tired.' },
    { name: 'speechFemale', args: ['-v', 'en+f3', '-p', '70', '-s', '150'], text: 'Oh no! Where did you put the keys? We are going to be late again, and nobody seems to care at all.' },
  ];
  const files = [];
  for (const v of voices) {
    const raw = path.join(dir, `${v.name}-22k.wav`);
    const out = path.join(dir, `${v.name}.wav`);
    if (spawnSync('espeak-ng', [...v.args, '-w', raw, v.text]).status !== 0) continue;
    if (spawnSync('sox', [raw, '-r', String(RATE), '-b', '16', out]).status !== 0) continue;
    files.push(out);
  }
  return files;
}

// ---------------------------------------------------------------- running both

function runSmile(args, wav, csv) {
  fs.rmSync(csv, { force: true });
  const t0 = process.hrtime.bigint();
  const run = spawnSync(args.smilextract, ['-C', args.config, '-I', wav, '-lldcsvoutput', csv, '-l', '1'], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (run.status !== 0 || !fs.existsSync(csv)) throw new Error(`SMILExtract failed on ${wav} (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  return seconds;
}

function readSmileCsv(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(';');
  const timeCol = header.indexOf('frameTime');
  const rows = lines.slice(1).map((l) => l.split(';'));
  const names = header.slice(timeCol + 1).map((h) => h.replace(/^'|'$/g, ''));
  const times = rows.map((r) => Number(r[timeCol]));
  const data = rows.map((r) => r.slice(timeCol + 1).map(Number));
  return { names, times, data };
}

/** emotrans' options from the command line (variant, delta normaliser, resampling). */
function emotransOptions(args) {
  return {
    ...(args.variant ? { variant: args.variant } : {}),
    ...(args.deltaNormaliser ? { deltaNormaliser: args.deltaNormaliser } : {}),
    ...(args.resample ? { sampleRate: args.resample } : {}),
  };
}

async function runEmotrans(wav, args) {
  const signal = await decodeAudioFile(wav);
  return compareLld.extract(signal, emotransOptions(args));
}

// ---------------------------------------------------------------- openSMILE 3.0's onlyInSegments normaliser

const VOICING = ['F0final_sma', 'voicingFinalUnclipped_sma', 'jitterLocal_sma', 'jitterDDP_sma', 'shimmerLocal_sma', 'logHNR_sma'];

/**
 * openSMILE 3.0's cDeltaRegression with onlyInSegments divides by a running total that starts at 10
 * (2 x (1 + 4)) and grows by k^2 for every contributing pair (both ends non-zero; the first value repeated
 * before the start, nothing after the end) of every frame and every field of the level, in frame-then-field
 * order. From openSMILE's own smoothed voicing columns this rebuilds that total and rescales openSMILE's
 * deltas to the per-frame normaliser 2 sum k^2 (contributing pairs), so they can be compared with emotrans'
 * segment deltas. The last four rows are left out (NaN): the total jumps while openSMILE flushes at the end
 * of the input. Returns column name -> corrected delta values per row.
 */
function rescaleSegmentDeltas(smile) {
  const idx = (n) => smile.names.indexOf(n);
  const n = smile.data.length;
  const out = {};
  for (const c of VOICING) out[c.replace('_sma', '_sma_de')] = new Float64Array(n);
  let running = 10;
  for (let t = 0; t < n; t++) {
    for (const c of VOICING) {
      const j = idx(c);
      const at = (i) => (i >= n ? 0 : smile.data[Math.max(0, i)][j]);
      let perFrame = 0;
      for (let k = 1; k <= 2; k++) {
        if (at(t - k) !== 0 && at(t + k) !== 0) {
          running += k * k;
          perFrame += 2 * k * k;
        }
      }
      const name = c.replace('_sma', '_sma_de');
      out[name][t] = t >= n - 4 ? NaN : perFrame > 0 ? (smile.data[t][idx(name)] * running) / perFrame : 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------- statistics

function stats(pairs) {
  const n = pairs.length;
  if (n < 3) return { n, r: NaN, meanRatio: NaN, stdRatio: NaN, meanOffset: NaN, maxError: NaN, meanE: NaN, meanO: NaN, stdE: NaN, stdO: NaN };
  let se = 0, so = 0;
  for (const [e, o] of pairs) {
    se += e;
    so += o;
  }
  const me = se / n, mo = so / n;
  let vee = 0, voo = 0, veo = 0;
  for (const [e, o] of pairs) {
    vee += (e - me) ** 2;
    voo += (o - mo) ** 2;
    veo += (e - me) * (o - mo);
  }
  const stdE = Math.sqrt(vee / n), stdO = Math.sqrt(voo / n);
  let maxDiff = 0;
  for (const [e, o] of pairs) maxDiff = Math.max(maxDiff, Math.abs(e - o));
  return {
    n,
    r: vee > 0 && voo > 0 ? veo / Math.sqrt(vee * voo) : NaN,
    meanE: me,
    meanO: mo,
    stdE,
    stdO,
    meanRatio: mo !== 0 ? me / mo : NaN,
    stdRatio: stdO > 0 ? stdE / stdO : NaN,
    /** (mean emotrans - mean openSMILE) / std openSMILE */
    meanOffset: stdO > 0 ? (me - mo) / stdO : me === mo ? 0 : NaN,
    /** largest |emotrans - openSMILE| of a frame, in openSMILE stds */
    maxError: stdO > 0 ? maxDiff / stdO : maxDiff === 0 ? 0 : NaN,
  };
}

/** Feature groups for the summary table (names without the _sma / _sma_de part). */
function groupOf(name) {
  const de = name.includes('_sma_de') ? ' (delta)' : '';
  const base = name.replace(/_sma(_de)?/, '');
  let g;
  if (/^(F0final|voicingFinalUnclipped)/.test(base)) g = 'F0, voicing probability';
  else if (/^(jitter|shimmer|logHNR)/.test(base)) g = 'jitter, shimmer, HNR';
  else if (/lengthL1norm/.test(base)) g = 'loudness (audspec L1 norms)';
  else if (/RMSenergy/.test(base)) g = 'RMS energy';
  else if (/zcr/.test(base)) g = 'zero-crossing rate';
  else if (/audSpec_Rfilt/.test(base)) g = 'RASTA auditory bands [0-25]';
  else if (/fband/.test(base)) g = 'band energies 250-650, 1k-4k';
  else if (/RollOff/.test(base)) g = 'roll-off 25/50/75/90';
  else if (/Flux/.test(base)) g = 'flux';
  else if (/Centroid/.test(base)) g = 'centroid';
  else if (/Entropy/.test(base)) g = 'entropy';
  else if (/(Variance|Skewness|Kurtosis)/.test(base)) g = 'variance, skewness, kurtosis';
  else if (/Slope/.test(base)) g = 'slope';
  else if (/Sharpness/.test(base)) g = 'sharpness';
  else if (/Harmonicity/.test(base)) g = 'harmonicity';
  else if (/^mfcc/.test(base)) g = 'MFCC 1-14';
  else g = 'other';
  return g + de;
}

const fmt = (v, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '  -  ');
const fmtg = (v) => (Number.isFinite(v) ? v.toPrecision(4) : '-');

function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

// ---------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const work = args.work || fs.mkdtempSync(path.join(os.tmpdir(), 'opensmile-compare-'));
  fs.mkdirSync(work, { recursive: true });

  if (args.speed) {
    // Best of `repeat` runs (the least disturbed by other load), wall clock and CPU time.
    const repeat = 3;
    const wav = path.join(work, `speechlike-${args.speed}s.wav`);
    writeWav16(wav, speechLike(args.speed));
    const csv = path.join(work, 'speed.csv');
    const timeTool = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    let smileWall = Infinity;
    let smileCpu = Infinity;
    for (let k = 0; k < repeat; k++) {
      smileWall = Math.min(smileWall, runSmile(args, wav, csv));
      if (timeTool) {
        const run = spawnSync(timeTool, ['-f', 'cpu %U %S', args.smilextract, '-C', args.config, '-I', wav, '-lldcsvoutput', csv, '-l', '0'], { encoding: 'utf8' });
        const m = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr);
        if (m) smileCpu = Math.min(smileCpu, Number(m[1]) + Number(m[2]));
      }
    }
    const signal = await decodeAudioFile(wav);
    let emoWall = Infinity;
    let emoCpu = Infinity;
    for (let k = 0; k < repeat; k++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await compareLld.extract(signal, {});
      emoWall = Math.min(emoWall, Number(process.hrtime.bigint() - t0) / 1e9);
      const c = process.cpuUsage(c0);
      emoCpu = Math.min(emoCpu, (c.user + c.system) / 1e6);
    }
    const x = (t) => (Number.isFinite(t) ? `${t.toFixed(2)} s = ${(args.speed / t).toFixed(1)}x real time` : 'n/a');
    console.log(`${args.speed} s of 16 kHz speech-like audio, best of ${repeat}:`);
    console.log(`  SMILExtract (${path.basename(args.config)}, LLD CSV, whole process): wall ${x(smileWall)}; CPU ${x(smileCpu)}`);
    console.log(`  emotrans compare-lld (in-process):                          wall ${x(emoWall)}; CPU ${x(emoCpu)}`);
    return;
  }

  if (args.real) return realRecordings(args, work);

  const files = [];
  for (const [name, x] of Object.entries(signals())) {
    const f = path.join(work, `${name}.wav`);
    writeWav16(f, x);
    files.push(f);
  }
  if (args.speech) {
    const speech = speechFiles(work);
    if (speech.length) files.push(...speech);
    else console.log('(espeak-ng or sox not available: no speech files)');
  }
  files.push(...args.wav);

  const names = COMPARE_TRACK_NAMES;
  const pairs = names.map(() => []);
  const rescaledPairs = {};
  const perFile = {};
  const timing = [];
  for (const wav of files) {
    const label = path.basename(wav, '.wav');
    const csv = path.join(work, `${label}.opensmile.csv`);
    runSmile(args, wav, csv);
    const smile = readSmileCsv(csv);
    const emo = await runEmotrans(wav, args);
    const missing = names.filter((n) => !smile.names.includes(n));
    if (missing.length) throw new Error(`openSMILE CSV lacks ${missing.length} emotrans columns, e.g. ${missing.slice(0, 5).join(', ')}`);
    // Row k of both is the frame starting at k x 10 ms (openSMILE's frameTime is the start, emotrans' time
    // the centre of the 20 ms window). openSMILE's last row can repeat the time of the row before (the row
    // its smoothers add at the end of the input), so rows are matched by index and the times only checked.
    const matched = [];
    let timeMismatches = 0;
    for (let k = 0; k < Math.min(smile.times.length, emo.rows); k++) {
      if (Math.abs(smile.times[k] - k * HOP) > HOP / 2 || Math.abs(emo.times[k] - HOP - k * HOP) > 1e-6) timeMismatches++;
      matched.push([k, k]);
    }
    timing.push({
      file: label,
      emotransFrames: emo.rows,
      opensmileFrames: smile.times.length,
      matched: matched.length,
      timeMismatches,
      opensmileFirstTime: smile.times[0],
      emotransFirstTime: emo.times[0],
    });
    const colIndex = names.map((n) => smile.names.indexOf(n));
    perFile[label] = {};
    names.forEach((n, j) => {
      const p = matched.map(([i, k]) => [emo.data[i * emo.cols + j], smile.data[k][colIndex[j]]]);
      pairs[j].push(...p);
      perFile[label][n] = stats(p);
    });
    const rescaled = rescaleSegmentDeltas(smile);
    for (const [n, values] of Object.entries(rescaled)) {
      const j = names.indexOf(n);
      const p = matched.map(([i, k]) => [emo.data[i * emo.cols + j], values[k]]).filter(([, o]) => !Number.isNaN(o));
      (rescaledPairs[n] ??= []).push(...p);
    }
  }

  const help = spawnSync(args.smilextract, ['-h'], { encoding: 'utf8' });
  const version = /openSMILE version ([^\n]*)/.exec(`${help.stdout}${help.stderr}`);
  console.log(`openSMILE ${version ? version[1].trim() : '(version not reported)'}: ${args.smilextract} with ${args.config}`);
  console.log('\nrows per file (emotrans / openSMILE / compared; rows whose openSMILE frameTime is not k x 10 ms; first row time emotrans / openSMILE):');
  for (const t of timing) console.log(`  ${t.file.padEnd(12)} ${t.emotransFrames} / ${t.opensmileFrames} / ${t.matched}; ${t.timeMismatches}; ${t.emotransFirstTime} / ${t.opensmileFirstTime}`);

  const results = names.map((n, j) => ({ name: n, group: groupOf(n), ...stats(pairs[j]), perFileMedianR: median(Object.values(perFile).map((f) => f[n].r)) }));
  // Agreement: r > 0.95 over the pooled frames, the same scale (std ratio within 10 %) and the same level
  // (means apart by less than a tenth of openSMILE's std; mean ratios mislead for tracks centred on 0).
  const agrees = (r) => r.r > 0.95 && Math.abs(Math.log(r.stdRatio)) < Math.log(1.1) && Math.abs(r.meanOffset) < 0.1;
  const line = (r) =>
    `${agrees(r) ? ' ok ' : ' -- '}${r.name.padEnd(44)} r=${fmt(r.r)} fileR=${fmt(r.perFileMedianR)}  mean ${fmtg(r.meanE)} / ${fmtg(r.meanO)} (offset ${fmt(r.meanOffset, 2)} std)  std ${fmtg(r.stdE)} / ${fmtg(r.stdO)} = ${fmt(r.stdRatio)}  max frame error ${fmtg(r.maxError)} std`;

  console.log('\nper column (all files pooled): r, median per-file r, mean emotrans / openSMILE (offset in openSMILE stds), std emotrans / openSMILE = ratio');
  for (const r of results) console.log(line(r));

  const rescaled = Object.entries(rescaledPairs).map(([name, p]) => ({ name, ...stats(p) }));
  console.log("\nvoicing deltas against openSMILE's deltas rescaled to the per-frame normaliser (see rescaleSegmentDeltas):");
  for (const r of rescaled) console.log(line(r));

  const groups = [...new Set(results.map((r) => r.group))];
  console.log('\nper group: columns agreeing (r > 0.95, std ratio within 10 %, mean offset < 0.1 std), median r, median std ratio, median |mean offset| and largest frame error (openSMILE stds)');
  console.log('| group | columns agreeing | median r | median std ratio | median abs. mean offset | max frame error |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const g of groups) {
    const rs = results.filter((r) => r.group === g);
    const maxError = Math.max(...rs.map((r) => r.maxError).filter(Number.isFinite));
    console.log(`| ${g} | ${rs.filter(agrees).length} / ${rs.length} | ${fmt(median(rs.map((r) => r.r)))} | ${fmt(median(rs.map((r) => r.stdRatio)))} | ${fmt(median(rs.map((r) => Math.abs(r.meanOffset))), 2)} | ${fmtg(maxError)} |`);
  }
  console.log(`\n${results.filter(agrees).length} of ${results.length} columns agree`);

  if (args.perFile) {
    for (const [file, cols] of Object.entries(perFile)) {
      console.log(`\n# ${file}`);
      for (const n of names) {
        const s = cols[n];
        console.log(`  ${n.padEnd(44)} r=${fmt(s.r)} mean ${fmtg(s.meanE)} / ${fmtg(s.meanO)}  std ${fmtg(s.stdE)} / ${fmtg(s.stdO)}`);
      }
    }
  }
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ files: timing, results, rescaledVoicingDeltas: rescaled, perFile }, null, 1));
  console.log(`\nwork files in ${work}`);
}

// ---------------------------------------------------------------- real recordings at every rate

/** Pearson r of two equally long arrays (NaN when either is constant). */
function pearson(a, b) {
  return stats(a.map((v, i) => [v, b[i]])).r;
}

/**
 * Mean and population std over 1 s windows [w, w + 1) of the rows whose frame starts inside (emotrans'
 * compare-1hz rule), from openSMILE's LLD CSV (frameTime = frame start): the 1 Hz functionals of SMILExtract's
 * own LLDs. Its last row repeats the time of the row before and is left out of the windows as emotrans' is not.
 */
function windowFunctionals(smile, names, duration) {
  const windows = Math.floor(duration + 1e-9);
  const cols = names.map((n) => smile.names.indexOf(n));
  const out = [];
  for (let w = 0; w < windows; w++) {
    const rows = smile.data.filter((_, k) => smile.times[k] >= w - 1e-9 && smile.times[k] < w + 1 - 1e-9 && !(k > 0 && smile.times[k] === smile.times[k - 1]));
    const row = [];
    for (const j of cols) {
      const v = rows.map((r) => r[j]);
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      row.push(m, Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length));
    }
    out.push(row);
  }
  return out;
}

/**
 * --real: the Debian recordings (test/real-audio/recordings.js) cut and resampled by sox to each rate; per
 * rate, over all its files, the LLD columns with r >= 0.99 against SMILExtract on the same WAV, and the 1 Hz
 * functionals (compare-1hz against the 1 s mean / std of SMILExtract's LLDs).
 */
async function realRecordings(args, work) {
  const rates = args.rates || recordings.RATES;
  const names = COMPARE_TRACK_NAMES;
  const table = [];
  const failing = {};
  for (const rate of rates) {
    const lldPairs = names.map(() => [[], []]);
    const hzPairs = COMPARE_FUNCTIONAL_NAMES.map(() => [[], []]);
    let frames = 0;
    let seconds = 0;
    let timeMismatches = 0;
    let rowMismatches = 0;
    for (const excerpt of recordings.benchExcerpts(rate)) {
      const why = recordings.unavailable(excerpt);
      if (why) {
        console.log(`skipping ${excerpt.id}: ${why}`);
        continue;
      }
      const { file } = recordings.makeExcerpt(excerpt, work);
      const csv = path.join(work, `${excerpt.id}.opensmile.csv`);
      runSmile(args, file, csv);
      const smile = readSmileCsv(csv);
      const signal = await decodeAudioFile(file);
      const emo = await compareLld.extract(signal, emotransOptions(args));
      const grid = comparEGrid(args.resample || rate);
      if (emo.rows !== smile.times.length) rowMismatches++;
      const n = Math.min(emo.rows, smile.times.length);
      const colIndex = names.map((c) => smile.names.indexOf(c));
      for (let k = 0; k < n; k++) {
        // openSMILE's frameTime is the frame start k hop / rate (its last row repeats the time before)
        if (k < n - 1 && Math.abs(smile.times[k] - (k * grid.hop) / grid.sampleRate) > 1e-5) timeMismatches++;
        names.forEach((_, j) => {
          lldPairs[j][0].push(emo.data[k * emo.cols + j]);
          lldPairs[j][1].push(smile.data[k][colIndex[j]]);
        });
      }
      frames += n;
      const duration = signal.samples.length / signal.sampleRate;
      seconds += duration;
      const hz = await compare1Hz.extract(signal, { window: 1, hop: 1, ...emotransOptions(args) });
      const ref = windowFunctionals(smile, names, duration);
      for (let w = 0; w < Math.min(hz.rows, ref.length); w++) {
        COMPARE_FUNCTIONAL_NAMES.forEach((_, j) => {
          hzPairs[j][0].push(hz.data[w * hz.cols + j]);
          hzPairs[j][1].push(ref[w][j]);
        });
      }
    }
    const lldR = lldPairs.map(([e, o]) => pearson(e, o));
    const hzR = hzPairs.map(([e, o]) => pearson(e, o));
    const ok = (r) => r >= 0.99;
    failing[rate] = names.map((c, j) => [c, lldR[j]]).filter(([, r]) => !ok(r));
    table.push({ rate, frames, seconds, lld: lldR.filter(ok).length, hz: hzR.filter(ok).length, timeMismatches, rowMismatches, hzFailing: COMPARE_FUNCTIONAL_NAMES.filter((_, j) => !ok(hzR[j])) });
    console.log(`${rate} Hz: ${lldR.filter(ok).length}/130 LLD, ${hzR.filter(ok).length}/260 1 Hz columns r >= 0.99 (${frames} frames, ${seconds.toFixed(1)} s; frameTime mismatches ${timeMismatches}, files with other row counts ${rowMismatches})`);
    for (const [c, r] of failing[rate]) console.log(`    ${c.padEnd(44)} r = ${fmt(r, 4)}`);
  }
  console.log(`\n${path.basename(args.config)}${args.variant ? `, emotrans variant ${args.variant}` : ''}${args.resample ? `, emotrans resampling to ${args.resample} Hz` : ''}`);
  console.log('| rate | frames | LLD columns r >= 0.99 | 1 Hz columns r >= 0.99 |');
  console.log('| --- | --- | --- | --- |');
  for (const t of table) console.log(`| ${t.rate} Hz | ${t.frames} | ${t.lld} / 130 | ${t.hz} / 260 |`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ table, failing }, null, 1));
}

main().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
