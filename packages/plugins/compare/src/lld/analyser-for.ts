import { ComparELldAnalyser } from './compute-llds';

const analysers = new Map<number, ComparELldAnalyser>();

/** The analyser (tables: windows, FFT plan, filterbanks) of one sample rate, kept for reuse. */
export function analyserFor(sampleRate: number): ComparELldAnalyser {
  let analyser = analysers.get(sampleRate);
  if (!analyser) {
    analyser = new ComparELldAnalyser(sampleRate);
    analysers.set(sampleRate, analyser);
  }
  return analyser;
}
