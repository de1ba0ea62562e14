/**
 * Real recordings from Debian packages (installed by scripts/system-packages.sh) and the excerpts the
 * SMILExtract comparisons use: each excerpt is cut, mixed to mono and resampled by sox into a 16-bit WAV,
 * and that same WAV goes to SMILExtract and to emotrans. Plain CommonJS so that the tests, the reference
 * generator (make-references.js) and bench/opensmile-compare.js share it.
 *
 *   sox -R -D <source> -b 16 -c 1 -r <rate> <excerpt.wav> trim <start> <seconds>
 *
 * (-R: repeatable, -D: no dither, so the excerpt is the same on every machine with the same sox.)
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Source recordings: Debian package, licence, and what they hold. */
const RECORDINGS = {
  speech: {
    file: '/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav',
    package: 'pocketsphinx-testdata',
    licence: 'BSD-2 (package); LibriVox reading of Sense and Sensibility (public domain)',
    description: 'female read English speech, 16 kHz',
  },
  speech2: {
    file: '/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0920.wav',
    package: 'pocketsphinx-testdata',
    licence: 'BSD-2 (package); LibriVox reading of Sense and Sensibility (public domain)',
    description: 'female read English speech, 16 kHz',
  },
  voice48k: {
    file: '/usr/share/sounds/alsa/Front_Center.wav',
    package: 'alsa-utils',
    licence: 'GPL-2',
    description: "a man saying 'front center', 48 kHz",
  },
  music: {
    file: '/usr/share/scummvm/drascula/audio/track2.ogg',
    package: 'drascula-music',
    licence: 'Drascula licence (BSD-like, redistributable)',
    description: 'game soundtrack (orchestral), 44.1 kHz stereo Ogg Vorbis',
  },
  music2: {
    file: '/usr/share/scummvm/drascula/audio/track10.ogg',
    package: 'drascula-music',
    licence: 'Drascula licence (BSD-like, redistributable)',
    description: 'game soundtrack, 44.1 kHz stereo Ogg Vorbis',
  },
};

const RATES = [8000, 16000, 22050, 44100, 48000];

/** The short excerpts of the CI regression tests (2 s each, every rate, speech and music). */
const TEST_EXCERPTS = RATES.flatMap((rate) => [
  { id: `speech-${rate}`, recording: 'speech', start: 1.2, seconds: 2, rate },
  { id: `music-${rate}`, recording: 'music', start: 40, seconds: 2, rate },
]);

/** The longer excerpts bench/opensmile-compare.js --real measures on (per rate: about 25 s speech, 25 s music). */
function benchExcerpts(rate) {
  return [
    { id: `speech-a-${rate}`, recording: 'speech', start: 0, seconds: 7.1, rate },
    { id: `speech-b-${rate}`, recording: 'speech2', start: 0, seconds: 6.05, rate },
    { id: `voice48k-${rate}`, recording: 'voice48k', start: 0, seconds: 1.4, rate },
    { id: `music-a-${rate}`, recording: 'music', start: 30, seconds: 15, rate },
    { id: `music-b-${rate}`, recording: 'music2', start: 10, seconds: 10, rate },
  ];
}

/** Why an excerpt cannot be made here (missing package or sox), or undefined. */
function unavailable(excerpt) {
  const recording = RECORDINGS[excerpt.recording];
  if (!fs.existsSync(recording.file)) return `${recording.file} missing (Debian package ${recording.package}; scripts/system-packages.sh installs it)`;
  if (spawnSync('sox', ['--version'], { stdio: 'ignore' }).status !== 0) return 'sox is not installed';
  return undefined;
}

/** Writes the excerpt WAV into `dir` (sox, as above) and returns its path and SHA-256. */
function makeExcerpt(excerpt, dir) {
  const recording = RECORDINGS[excerpt.recording];
  const out = path.join(dir, `${excerpt.id}.wav`);
  const args = ['-R', '-D', recording.file, '-b', '16', '-c', '1', '-r', String(excerpt.rate), out, 'trim', String(excerpt.start), String(excerpt.seconds)];
  const run = spawnSync('sox', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${run.stderr}`);
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(out)).digest('hex');
  return { file: out, sha256, command: `sox ${args.join(' ')}` };
}

module.exports = { RECORDINGS, RATES, TEST_EXCERPTS, benchExcerpts, unavailable, makeExcerpt };
