import { COMPARE_PITCH } from './compare-pitch-config';
import { OpensmilePeriodAnalyser, type VoiceQualityValues } from './opensmile-voice-quality';
import type { PeriodThreshold } from './opensmile-period-acceptance';
import { ShsPitchCandidates } from './shs-pitch-candidates';
import { ViterbiPitchSmoother } from './viterbi-pitch-smoother';

/** One frame's six voicing LLDs, in COMPARE_LLDS order (F0final, voicingFinalUnclipped, jitterLocal, jitterDDP, shimmerLocal, logHNR). */
export type VoicingRow = Float64Array;

/**
 * Where a voicing stream's rows go. An object with a method rather than a callback: the optimised code of
 * the stream calls the same method for every file's stream, where a new closure per file would deoptimise it.
 */
export interface VoicingRowSink {
  voicingRow(t: number, row: VoicingRow): void;
}

/**
 * voicingTracks (voiceQuality 'opensmile') frame by frame, for audio that arrives in blocks: `pushFrame` takes
 * the next 60 ms frame (frame t starts at sample t x hop), and `sink.voicingRow(t, row)` gets each frame's six values once
 * the Viterbi smoother has decided its F0 (at most its lag, 30 frames, later) and its periods are measured;
 * `finish` decides the rest. Every value equals voicingTracks' for the whole signal; only the open frames and the
 * samples from `earliestSample` on are needed.
 */
export class ComparEVoicingStream {
  readonly frameLength: number;
  readonly hopLength: number;
  private readonly shs: ShsPitchCandidates;
  private readonly smoother: ViterbiPitchSmoother;
  private readonly periods: OpensmilePeriodAnalyser;
  private readonly rms: Float64Array;
  // The smoother's decisions, a ring of lag + 1 frames read after every push.
  private readonly decidedF0: Float32Array;
  private readonly decidedVoicing: Float32Array;
  private consumed = 0;
  private readonly candF0: Float32Array;
  private readonly candVoicing: Float32Array;
  // NaN until the first frame is measured (and so a double from the start: see OpensmilePeriodStatistics).
  private readonly values: VoiceQualityValues = { jitterLocal: NaN, jitterDDP: NaN, shimmerLocal: NaN, logHNR: NaN };
  private readonly row: VoicingRow = new Float64Array(6);
  private frames = 0;
  // The samples the current call was given, for the frames the smoother decides during it.
  private samples: Float32Array = new Float32Array(0);
  private base = 0;

  constructor(
    sampleRate: number,
    hopSeconds: number,
    jitterThreshold: PeriodThreshold,
    private readonly sink: VoicingRowSink,
  ) {
    const p = COMPARE_PITCH;
    this.shs = new ShsPitchCandidates(p, sampleRate);
    this.frameLength = this.shs.frameLength;
    this.hopLength = Math.max(1, Math.round(hopSeconds * sampleRate));
    this.candF0 = new Float32Array(p.nCandidates);
    this.candVoicing = new Float32Array(p.nCandidates);
    this.rms = new Float64Array(p.viterbiLag + 1);
    this.decidedF0 = new Float32Array(p.viterbiLag + 1);
    this.decidedVoicing = new Float32Array(p.viterbiLag + 1);
    this.smoother = new ViterbiPitchSmoother(p.nCandidates, p.voicingCutoff, p.viterbi, p.viterbiLag, 0, this.decidedF0, this.decidedVoicing);
    this.periods = new OpensmilePeriodAnalyser(
      { searchRangeRel: p.searchRangeRel, logHnrFloor: p.logHnrFloor, threshold: jitterThreshold, minCorrelation: p.minPeriodCorrelation },
      sampleRate,
      this.frameLength,
      this.hopLength,
    );
  }

  /** Absolute index of the earliest sample a later call reads (the period analysis trails the frames). */
  get earliestSample(): number {
    return this.periods.earliestSample;
  }

  /** Frames pushed so far. */
  get pushed(): number {
    return this.frames;
  }

  /** The next frame; `samples[k]` is sample `base + k` and holds the frame whole. */
  pushFrame(samples: Float32Array, base: number): void {
    const p = COMPARE_PITCH;
    const t = this.frames++;
    this.samples = samples;
    this.base = base;
    const energy = this.shs.read(samples, t * this.hopLength - base);
    this.rms[t % this.rms.length] = energy;
    this.candF0.fill(0);
    this.candVoicing.fill(0);
    if (energy >= p.energyThreshold) this.shs.analyse(this.candF0, this.candVoicing, 0); // silent: no candidates
    this.smoother.push(this.candF0, this.candVoicing, 0);
    this.takeDecided();
  }

  /** No more frames: the open ones are decided; `samples` from `base` reach the end of the signal. */
  finish(samples: Float32Array, base: number): void {
    this.samples = samples;
    this.base = base;
    this.smoother.finish();
    this.takeDecided();
  }

  /** The frames the smoother decided since the last call, in order. */
  private takeDecided(): void {
    const ring = this.decidedF0.length;
    while (this.consumed < this.smoother.decidedFrames) {
      const t = this.consumed++;
      this.decided(t, this.decidedF0[t % ring], this.decidedVoicing[t % ring]);
    }
  }

  private decided(t: number, f0: number, voicing: number): void {
    // Low-energy frames are zeroed entirely (F0 and voicing), as the ComParE chain's energy selector does.
    if (!(this.rms[t % this.rms.length] >= COMPARE_PITCH.energyThreshold)) {
      f0 = 0;
      voicing = 0;
    }
    // As voicingTracks stores them: single precision.
    const F0 = Math.fround(f0);
    this.periods.frame(F0, t * this.hopLength, this.samples, this.base, this.values);
    const row = this.row;
    row[0] = F0;
    row[1] = Math.fround(voicing);
    row[2] = Math.fround(this.values.jitterLocal);
    row[3] = Math.fround(this.values.jitterDDP);
    row[4] = Math.fround(this.values.shimmerLocal);
    row[5] = Math.fround(this.values.logHNR);
    this.sink.voicingRow(t, row);
  }
}
