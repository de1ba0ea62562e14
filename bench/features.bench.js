/**
 * Feature extraction speed: the paper's `compare-1hz` set (65 ComParE LLDs + deltas -> mean/std per 1 s)
 * on 5 minutes of a synthetic speech-like 16 kHz signal, single core, as a multiple of real time, with
 * the time split between the voicing module (F0, jitter, shimmer, HNR) and the other 59 LLDs, and peak
 * memory. Target: >= 40x real time (openSMILE's C++ runs the ComParE LLDs at ~86x on this machine).
 */
const { createRandom } = require('@emotrans/core');
const { compare1Hz, ComparELldAnalyser, smoothAndDelta } = require('@emotrans/plugin-compare');

const SAMPLE_RATE = 16000;
const SECONDS = Number(process.env.FEATURES_BENCH_SECONDS || 300);

/**
 * Voiced "syllables" (a glottal-like pulse train whose F0 glides between 90 and 260 Hz, shaped by three
 * formant resonators that move per syllable) at about 4 per second, separated by short pauses with faint
 * noise, plus fricative-like noise bursts.
 */
function speechLike(seconds, random) {
  const n = Math.round(seconds * SAMPLE_RATE);
  const out = new Float32Array(n);
  const resonators = [0, 1, 2].map(() => ({ y1: 0, y2: 0 }));
  let phase = 0;
  let t = 0;
  while (t < n) {
    const syllable = Math.round((0.12 + 0.2 * random.next()) * SAMPLE_RATE);
    const pause = Math.round((0.03 + 0.12 * random.next()) * SAMPLE_RATE);
    const f0Start = 90 + 170 * random.next();
    const f0End = 90 + 170 * random.next();
    const formants = [300 + 600 * random.next(), 900 + 1400 * random.next(), 2200 + 1000 * random.next()];
    const fricative = random.next() < 0.3;
    const coeffs = formants.map((f, k) => {
      const bandwidth = 80 + 40 * k;
      const r = Math.exp((-Math.PI * bandwidth) / SAMPLE_RATE);
      return { a1: 2 * r * Math.cos((2 * Math.PI * f) / SAMPLE_RATE), a2: -r * r, gain: 1 - r };
    });
    for (let i = 0; i < syllable && t < n; i++, t++) {
      const progress = i / syllable;
      const f0 = f0Start + (f0End - f0Start) * progress;
      phase += f0 / SAMPLE_RATE;
      let excitation = 0;
      if (phase >= 1) {
        phase -= 1;
        excitation = 1;
      }
      if (fricative) excitation = 0.3 * random.normal();
      let y = 0;
      coeffs.forEach((c, k) => {
        const s = resonators[k];
        const v = c.gain * excitation + c.a1 * s.y1 + c.a2 * s.y2;
        s.y2 = s.y1;
        s.y1 = v;
        y += v;
      });
      const envelope = Math.sin(Math.PI * progress);
      out[t] = 0.5 * envelope * y + 1e-3 * random.normal();
    }
    for (let i = 0; i < pause && t < n; i++, t++) out[t] = 1e-3 * random.normal();
  }
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < n; i++) out[i] *= 0.8 / peak;
  return out;
}

async function main() {
  const samples = speechLike(SECONDS, createRandom(7));
  const audio = { samples, sampleRate: SAMPLE_RATE, origin: 'bench:speech-like' };
  // warm up the JIT on a short excerpt
  await compare1Hz.extract({ ...audio, samples: samples.subarray(0, 5 * SAMPLE_RATE) }, { window: 1, hop: 1 }, {});

  const started = process.hrtime.bigint();
  const features = await compare1Hz.extract(audio, { window: 1, hop: 1 }, {});
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;

  const analyser = new ComparELldAnalyser(SAMPLE_RATE);
  const t0 = process.hrtime.bigint();
  const raw = analyser.analyse(samples, null);
  smoothAndDelta(raw);
  const withoutVoicing = Number(process.hrtime.bigint() - t0) / 1e9;

  let nonFinite = 0;
  for (const v of features.data) if (!Number.isFinite(v)) nonFinite++;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`compare-1hz: ${SECONDS} s of 16 kHz speech-like audio -> ${features.rows} x ${features.cols} features (${nonFinite} non-finite)`);
  console.log(`  all 65 LLDs + deltas + functionals: ${elapsed.toFixed(2)} s = ${(SECONDS / elapsed).toFixed(1)}x real time (target >= 40x; openSMILE C++ ~86x)`);
  console.log(`  the 59 non-voicing LLDs alone: ${withoutVoicing.toFixed(2)} s = ${(SECONDS / withoutVoicing).toFixed(1)}x real time`);
  console.log(`  voicing module (F0, voicing, jitter, shimmer, HNR): ~${Math.max(0, elapsed - withoutVoicing).toFixed(2)} s`);
  console.log(`  peak memory (maxRSS): ${peakRssMb.toFixed(0)} MB; heap used now ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
}
main();
