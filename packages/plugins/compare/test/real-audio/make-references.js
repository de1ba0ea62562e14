#!/usr/bin/env node
/**
 * Regenerates the SMILExtract reference CSVs of the real-audio regression test (real-audio.test.ts) from the
 * excerpts in recordings.js. Needs a SMILExtract binary and openSMILE's config folder (openSMILE 3.0, commit
 * 341aea9); it is never run by the tests or CI, which only read the committed CSVs. The exact command that
 * made the committed files:
 *
 *   node packages/plugins/compare/test/real-audio/make-references.js \
 *     --smilextract /work/tools/bin/SMILExtract --configs /work/tools/opensmile-src/config
 *
 * Per excerpt it runs `SMILExtract -C <config> -I <excerpt.wav> -lldcsvoutput <csv>` with
 * is09-13/IS13_ComParE.conf (all 130 LLD columns) and compare16/ComParE_2016.conf (the 12 voice-quality
 * columns that differ between the two), keeps frameTime and those columns with 7 significant digits, and
 * gzips them to references/<excerpt>.<config>.csv.gz; references/excerpts.json records each excerpt's sox
 * command and SHA-256, so the test knows it analyses the WAV SMILExtract saw.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { TEST_EXCERPTS, makeExcerpt, unavailable } = require('./recordings');

const CONFIGS = {
  IS13_ComParE: { file: 'is09-13/IS13_ComParE.conf', columns: (name) => /_sma(_de)?(\[\d+\])?$/.test(name) },
  ComParE_2016: { file: 'compare16/ComParE_2016.conf', columns: (name) => /^(jitterLocal|jitterDDP|shimmerLocal)_sma(_de)?$/.test(name) },
};

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`${name} is required (see the comment at the top)`);
  return process.argv[i + 1];
}

const smilextract = arg('--smilextract');
const configs = arg('--configs');
const out = path.join(__dirname, 'references');
fs.mkdirSync(out, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-references-'));
const manifest = { openSMILE: '3.0 (commit 341aea9)', command: 'SMILExtract -C <config> -I <excerpt.wav> -lldcsvoutput <csv> -l 0', excerpts: [] };
for (const excerpt of TEST_EXCERPTS) {
  const why = unavailable(excerpt);
  if (why) throw new Error(`${excerpt.id}: ${why}`);
  const { file, sha256, command } = makeExcerpt(excerpt, work);
  for (const [variant, config] of Object.entries(CONFIGS)) {
    const csv = path.join(work, `${excerpt.id}.${variant}.csv`);
    const run = spawnSync(smilextract, ['-C', path.join(configs, config.file), '-I', file, '-lldcsvoutput', csv, '-l', '0'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`SMILExtract failed on ${file}: ${run.stderr}`);
    const [head, ...lines] = fs.readFileSync(csv, 'utf8').trim().split('\n');
    const header = head.split(';');
    const keep = header.map((name, j) => j === 1 || (j > 1 && config.columns(name)));
    const text = [header.filter((_, j) => keep[j]).join(',')]
      .concat(lines.map((line) => line.split(';').filter((_, j) => keep[j]).map((v) => String(Number(Number(v).toPrecision(7)))).join(',')))
      .join('\n');
    fs.writeFileSync(path.join(out, `${excerpt.id}.${variant}.csv.gz`), zlib.gzipSync(`${text}\n`, { level: 9 }));
  }
  manifest.excerpts.push({ ...excerpt, sha256, command: command.replace(work, '<dir>') });
  console.log(`${excerpt.id}: ${sha256}`);
}
fs.writeFileSync(path.join(out, 'excerpts.json'), `${JSON.stringify(manifest, null, 1)}\n`);
fs.rmSync(work, { recursive: true, force: true });
