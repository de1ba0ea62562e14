/**
 * Speed of the `psychoacoustic` feature set on 2 minutes of a synthetic music-like 22.05 kHz signal (chords
 * of harmonic tones changing on a beat, with percussive noise bursts), single core, as a multiple of real
 * time (CPU time), with the time of its parts (short-frame spectral tracks, roughness, SHS voicing) and peak memory.
 * Also the voicing module alone on 16 kHz audio (its share of compare-1hz).
 */
const { createRandom } = require('@emotrans/core');
const { computePsychoacoustic, spectralTracks, roughnessTrack } = require('@emotrans/plugin-psychoacoustic');
const { voicingTracks } = require('@emotrans/plugin-compare');

const SECONDS = Number(process.env.PSYCHOACOUSTIC_BENCH_SECONDS || 120);

function musicLike(seconds, sampleRate, random) {
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  const beat = 0.5;
  for (let start = 0; start < seconds; start += beat) {
    const root = 110 * Math.pow(2, Math.floor(random.next() * 24) / 12);
    const chord = [root, root * 1.26, root * 1.5];
    const from = Math.round(start * sampleRate);
    const to = Math.min(n, Math.round((start + beat) * sampleRate));
    for (const f of chord) {
      for (let h = 1; h <= 6 && h * f < sampleRate / 2; h++) {
        const w = (2 * Math.PI * h * f) / sampleRate;
        const a = 0.05 / h;
        for (let i = from; i < to; i++) out[i] += a * Math.sin(w * i) * Math.exp(-(i - from) / (0.3 * sampleRate));
      }
    }
    for (let i = from; i < Math.min(to, from + 0.03 * sampleRate); i++) out[i] += 0.2 * random.normal() * Math.exp(-(i - from) / (0.005 * sampleRate));
  }
  return out;
}

/** CPU seconds (user) of f: less disturbed than wall time on a shared machine. */
function seconds(f) {
  const t0 = process.cpuUsage();
  const result = f();
  return { result, elapsed: process.cpuUsage(t0).user / 1e6 };
}

const SR = 22050;
const samples = musicLike(SECONDS, SR, createRandom(3));
computePsychoacoustic(samples.subarray(0, 5 * SR), SR, { window: 1, hop: 1 }); // JIT warm-up
const total = seconds(() => computePsychoacoustic(samples, SR, { window: 1, hop: 1 }));
const frames = Math.floor((samples.length - 1) / Math.round(0.01 * SR)) + 1;
const spectral = seconds(() => spectralTracks(samples, SR, 0.01, frames));
const rough = seconds(() => roughnessTrack(samples, SR));
const voicing = seconds(() => voicingTracks(samples, SR, 0.01, frames));
let nonFinite = 0;
for (const v of total.result.data) if (!Number.isFinite(v)) nonFinite++;
console.log(`psychoacoustic: ${SECONDS} s of 22.05 kHz music-like audio -> ${total.result.rows} x ${total.result.cols} features (${nonFinite} non-finite)`);
console.log(`  whole set: ${total.elapsed.toFixed(2)} s = ${(SECONDS / total.elapsed).toFixed(1)}x real time`);
console.log(`  spectral tracks (loudness, sharpness, centroid, flux, onsets): ${spectral.elapsed.toFixed(2)} s; roughness: ${rough.elapsed.toFixed(2)} s; voicing (SHS F0): ${voicing.elapsed.toFixed(2)} s`);

const SR16 = 16000;
const samples16 = musicLike(SECONDS, SR16, createRandom(3));
const frames16 = Math.floor((samples16.length / SR16 - 0.06) / 0.01) + 1;
const v16 = seconds(() => voicingTracks(samples16, SR16, 0.01, frames16));
console.log(`  voicing module on the same music at 16 kHz: ${v16.elapsed.toFixed(2)} s for ${SECONDS} s = ${(SECONDS / v16.elapsed).toFixed(1)}x real time`);
console.log(`  peak memory (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
