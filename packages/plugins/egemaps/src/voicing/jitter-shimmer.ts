import { analysePeriodsOpensmile, type FramedPitch } from '../compare-building-blocks';
import { GEMAPS_PITCH } from './gemaps-pitch-config';

/** jitterLocal and shimmerLocaldB per frame (0 when unvoiced). */
export interface JitterShimmer {
  readonly jitterLocal: Float32Array;
  readonly shimmerLocalDB: Float32Array;
}

/**
 * jitterLocal and shimmerLocalDB as openSMILE 3.0's cPitchJitter computes them for GeMAPS: the same period
 * search and frame statistics as ComParE's (the compare plugin's analysePeriodsOpensmile documents them), with
 * GeMAPS' settings: searchRangeRel 0.1, minNumPeriods 2, a fixed correlation threshold minCC 0.5
 * (useBrokenJitterThresh 0). shimmerLocalDB = 20 log10(1 + shimmerLocal); jitterDDP and logHNR are not used.
 */
export function gemapsJitterShimmer(pitch: FramedPitch): JitterShimmer {
  const p = GEMAPS_PITCH;
  const frames = pitch.f0.length;
  const tracks = {
    jitterLocal: new Float32Array(frames),
    jitterDDP: new Float32Array(frames),
    shimmerLocal: new Float32Array(frames),
    logHNR: new Float32Array(frames),
  };
  analysePeriodsOpensmile(pitch, { searchRangeRel: p.searchRangeRel, logHnrFloor: p.logHnrFloor, threshold: 'fixed', minCorrelation: p.minPeriodCorrelation }, tracks);
  const shimmerLocalDB = new Float32Array(frames);
  for (let f = 0; f < frames; f++) shimmerLocalDB[f] = 20 * Math.log10(tracks.shimmerLocal[f] + 1);
  return { jitterLocal: tracks.jitterLocal, shimmerLocalDB };
}
