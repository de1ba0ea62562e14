import { COMPARE_PITCH } from './compare-pitch-config';
import type { FramedPitch } from './framed-pitch';
import { analysePeriodsOpensmile } from './opensmile-voice-quality';
import type { PeriodThreshold } from './opensmile-period-acceptance';
import { analysePeriods } from './period-analysis';
import { ShsPitchCandidates } from './shs-pitch-candidates';
import { smoothPitchViterbi } from './viterbi-pitch-smoother';

export { COMPARE_PITCH };
export type { PeriodThreshold };

/**
 * How jitter, shimmer and logHNR are measured: `opensmile` reproduces openSMILE 3.0's cPitchJitter (what the
 * ComParE papers used; `opensmile-voice-quality.ts`), `praat` is a Praat-like period analysis
 * (`period-analysis.ts`: pulse-centred periods, Praat's DDP, autocorrelation HNR).
 */
export type VoiceQualityMethod = 'opensmile' | 'praat';
export const VOICE_QUALITY_METHODS: readonly VoiceQualityMethod[] = ['opensmile', 'praat'];

export interface VoicingOptions {
  /** Default 'opensmile'. */
  readonly voiceQuality?: VoiceQualityMethod;
  /**
   * Which periods count for openSMILE's jitter and shimmer: 'running-minimum' (default; IS13_ComParE,
   * useBrokenJitterThresh 1) or 'fixed' (ComParE_2016: correlation above COMPARE_PITCH.minPeriodCorrelation).
   */
  readonly jitterThreshold?: PeriodThreshold;
}

/** The six voicing-related ComParE low-level descriptors, one value per frame each. */
export interface VoicingTracks {
  /** F0 in Hz (openSMILE's F0final): 0 on unvoiced frames. */
  readonly f0: Float32Array;
  /** Voicing (pseudo) probability of the chosen candidate, unclipped, in [0, 1]. */
  readonly voicingProbability: Float32Array;
  readonly jitterLocal: Float32Array;
  readonly jitterDDP: Float32Array;
  readonly shimmerLocal: Float32Array;
  /** Harmonics-to-noise ratio in dB; COMPARE_PITCH.logHnrFloor on unvoiced frames. */
  readonly logHNR: Float32Array;
}

/**
 * F0 (subharmonic summation + Viterbi smoothing), voicing probability, jitter (local, DDP), shimmer (local)
 * and log HNR as ComParE defines them. Frame i starts at sample i * round(hopSeconds * sampleRate) (openSMILE's
 * cFramer rounds the hop to whole samples: 221 at 22.05 kHz) and
 * spans 60 ms (zero beyond the end of the signal); every array has frameCount values, all finite.
 */
export function voicingTracks(
  samples: Float32Array,
  sampleRate: number,
  hopSeconds: number,
  frameCount: number,
  options: VoicingOptions = {},
): VoicingTracks {
  const method = options.voiceQuality ?? 'opensmile';
  if (!VOICE_QUALITY_METHODS.includes(method)) {
    throw new Error(`voicingTracks: voiceQuality must be one of ${VOICE_QUALITY_METHODS.join(', ')}, not ${String(method)}`);
  }
  if (!(sampleRate > 0) || !(hopSeconds > 0) || !Number.isInteger(frameCount) || frameCount < 0) {
    throw new Error(`voicingTracks: invalid arguments (sampleRate ${sampleRate}, hopSeconds ${hopSeconds}, frameCount ${frameCount})`);
  }
  const p = COMPARE_PITCH;
  const shs = new ShsPitchCandidates(p, sampleRate);
  const frameLength = shs.frameLength;
  const hopLength = Math.max(1, Math.round(hopSeconds * sampleRate));
  const candF0 = new Float32Array(frameCount * p.nCandidates);
  const candVoicing = new Float32Array(frameCount * p.nCandidates);
  const rms = new Float64Array(frameCount);
  const frameStarts = new Int32Array(frameCount);

  for (let t = 0; t < frameCount; t++) {
    const start = t * hopLength;
    frameStarts[t] = start;
    rms[t] = shs.read(samples, start);
    if (!(rms[t] >= p.energyThreshold)) continue; // silent: no candidates (forced unvoiced below)
    shs.analyse(candF0, candVoicing, t * p.nCandidates);
  }

  const f0 = new Float32Array(frameCount);
  const voicingProbability = new Float32Array(frameCount);
  smoothPitchViterbi(candF0, candVoicing, p.nCandidates, frameCount, p.voicingCutoff, p.viterbi, f0, voicingProbability, p.viterbiLag);
  // Low-energy frames are zeroed entirely (F0 and voicing), as the ComParE chain's energy selector does.
  for (let t = 0; t < frameCount; t++) {
    if (!(rms[t] >= p.energyThreshold)) {
      f0[t] = 0;
      voicingProbability[t] = 0;
    }
  }

  const tracks: VoicingTracks = {
    f0,
    voicingProbability,
    jitterLocal: new Float32Array(frameCount),
    jitterDDP: new Float32Array(frameCount),
    shimmerLocal: new Float32Array(frameCount),
    logHNR: new Float32Array(frameCount),
  };
  const pitch: FramedPitch = { samples, sampleRate, frameStarts, frameLength, hopLength, f0 };
  if (method === 'opensmile') {
    analysePeriodsOpensmile(pitch, { searchRangeRel: p.searchRangeRel, logHnrFloor: p.logHnrFloor, threshold: options.jitterThreshold ?? 'running-minimum', minCorrelation: p.minPeriodCorrelation }, tracks);
    return tracks;
  }
  analysePeriods(
    pitch,
    { searchRangeRel: p.searchRangeRel, minCorrelation: p.minPeriodCorrelation, logHnrFloor: p.logHnrFloor },
    tracks,
  );
  return tracks;
}
