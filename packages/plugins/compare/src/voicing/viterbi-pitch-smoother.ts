/** Weights of the Viterbi pitch smoother (after openSMILE's cPitchSmootherViterbi / Luengo et al. 2007). */
export interface ViterbiWeights {
  /** Weight of the local cost -log(voicing) (+ wThr below the voicing cutoff). */
  readonly wLocal: number;
  /** Voiced-voiced transition: |log(f1/f0)|, and its difference from the reference change (see below). */
  readonly wTvv: number;
  readonly wTvvd: number;
  /** Voiced-unvoiced (either way) transition cost. */
  readonly wTvuv: number;
  /** Bias against candidates below the voicing cutoff (and against unvoiced when any candidate is above). */
  readonly wThr: number;
  /** Unvoiced-unvoiced transition cost. */
  readonly wTuu: number;
  /** Weight of the frequency-range cost of a voiced candidate (frequencyRangeCost; 0: none). */
  readonly wRange?: number;
}

/**
 * openSMILE's built-in pitch range cost of a candidate at f Hz (cSmileViterbiPitchSmooth::getFweight),
 * piecewise linear: 1 - f / 100 below 100 Hz, 0 from 100 to 350 Hz, (f - 350) / 250 up to 600 Hz, 1.2 above;
 * 2 for an empty candidate (f = 0).
 */
export function frequencyRangeCost(f: number): number {
  if (f > 0 && f < 100) return 1 - f / 100;
  if (f >= 100 && f < 350) return 0;
  if (f >= 350 && f < 600) return (f - 350) / 250;
  if (f >= 600) return 1.2;
  return 2;
}

/**
 * Chooses per frame one of `nCandidates` pitch candidates or "unvoiced" by a minimum-cost path. With a finite
 * `lag` (openSMILE's bufferLength, 30 frames in ComParE) frame t is decided from the best path ending `lag`
 * frames later, so costs further ahead cannot pull the track onto a subharmonic long before a jump; the
 * last `lag` frames come from the best complete path. Without a lag the whole sequence is optimised.
 *
 * Transition costs reproduce what openSMILE 3.0's smoother effectively computes (checked against SMILExtract):
 * voiced -> voiced costs wTvv |r| + wTvvd |r - c| with r = log(f_now / f_before), where the reference change c
 * is not taken from the path but is the r of the previous candidate pair examined (0 after a pair involving
 * "unvoiced", which ends every state's pairs; 1 before the first pair of a file, as openSMILE initialises it), so a move between neighbouring-ranked
 * candidates is judged relative to the move from the candidate ranked just above; pairs with a missing
 * candidate cost 999; voiced <-> unvoiced costs wTvuv; unvoiced -> unvoiced costs wTuu. Candidate arrays are frame-major (frame t, candidate c at t * nCandidates + c; F0 0 = no
 * candidate). Writes the chosen F0 (0 when unvoiced) and the voicing of the chosen candidate (candidate 0's
 * when unvoiced, i.e. the unclipped voicing probability). Returns how many frames were decided before the end
 * of the input (all of them were then written; eGeMAPS' whole-file functionals see only those, openSMILE's
 * flush of the rest comes after its functionals have run).
 */
export function smoothPitchViterbi(
  candF0: Float32Array,
  candVoicing: Float32Array,
  nCandidates: number,
  frames: number,
  cutoff: number,
  w: ViterbiWeights,
  outF0: Float32Array,
  outVoicing: Float32Array,
  lag = Infinity,
): number {
  if (frames === 0) return 0;
  const smoother = new ViterbiPitchSmoother(nCandidates, cutoff, w, lag, frames, outF0, outVoicing);
  for (let t = 0; t < frames; t++) smoother.push(candF0, candVoicing, t * nCandidates);
  const decided = smoother.decidedFrames;
  smoother.finish();
  return decided;
}

/**
 * smoothPitchViterbi fed one frame at a time (streaming): `push` takes a frame's candidates; frame t's F0 and
 * voicing are written to outF0 / outVoicing at t modulo their length once it is decided, which `decidedFrames`
 * counts (at most `lag` - 1 frames after it was pushed; the rest at `finish`). Only the open frames are kept:
 * a ring of lag + 1 frames (`capacity` frames without a lag), and output arrays of lag + 1 values suffice when
 * they are read after every push.
 */
export class ViterbiPitchSmoother {
  private readonly states: number;
  private readonly ring: number;
  private readonly candF0: Float32Array;
  private readonly candVoicing: Float32Array;
  private readonly back: Int8Array;
  private cost: Float64Array;
  private next: Float64Array;
  private frames = 0;
  private decided = 0;
  // The reference change carries over from pair to pair (each state's last pair involves "unvoiced", which
  // resets it to 0); openSMILE starts it at 1 (a change by a factor e), which makes a file that starts
  // voiced dearer to start voiced.
  private reference = 1;

  constructor(
    private readonly nCandidates: number,
    private readonly cutoff: number,
    private readonly w: ViterbiWeights,
    private readonly lag: number,
    capacity: number,
    private readonly outF0: Float32Array,
    private readonly outVoicing: Float32Array,
  ) {
    this.states = nCandidates + 1;
    this.ring = Math.max(1, Number.isFinite(lag) ? lag + 1 : capacity);
    this.candF0 = new Float32Array(this.ring * nCandidates);
    this.candVoicing = new Float32Array(this.ring * nCandidates);
    this.back = new Int8Array(this.ring * this.states);
    this.cost = new Float64Array(this.states);
    this.next = new Float64Array(this.states);
  }

  /** Frames decided (written) so far. */
  get decidedFrames(): number {
    return this.decided;
  }

  /** The next frame's candidates: `nCandidates` values of each array from `offset`. */
  push(candF0: Float32Array, candVoicing: Float32Array, offset: number): void {
    const { states, nCandidates, cutoff, w, lag, ring, back } = this;
    const unvoiced = nCandidates;
    const t = this.frames++;
    const at = (t % ring) * nCandidates;
    for (let c = 0; c < nCandidates; c++) {
      this.candF0[at + c] = candF0[offset + c];
      this.candVoicing[at + c] = candVoicing[offset + c];
    }
    if (t === 0) {
      for (let s = 0; s < states; s++) this.cost[s] = localCost(this.candF0, this.candVoicing, nCandidates, cutoff, w, at, s);
      return;
    }
    const previous = ((t - 1) % ring) * nCandidates;
    const cost = this.cost;
    const next = this.next;
    let reference = this.reference;
    for (let s = 0; s < states; s++) {
      let best = Infinity;
      let bestFrom = 0;
      const f1 = s === unvoiced ? 0 : this.candF0[at + s];
      for (let p = 0; p < states; p++) {
        let transition: number;
        if (p === unvoiced && s === unvoiced) transition = w.wTuu;
        else if (p === unvoiced || s === unvoiced) {
          transition = w.wTvuv;
          reference = 0;
        } else {
          const f0 = this.candF0[previous + p];
          if (f0 <= 0 || f1 <= 0) transition = 999;
          else {
            const r = Math.log(f1 / f0);
            transition = w.wTvv * Math.abs(r) + w.wTvvd * Math.abs(r - reference);
            reference = r;
          }
        }
        const total = cost[p] + transition;
        if (total < best) {
          best = total;
          bestFrom = p;
        }
      }
      next[s] = best + localCost(this.candF0, this.candVoicing, nCandidates, cutoff, w, at, s);
      back[(t % ring) * states + s] = bestFrom;
    }
    this.reference = reference;
    this.cost = next;
    this.next = cost;
    if (Number.isFinite(lag)) {
      // As openSMILE's cSmileViterbi: when the oldest open frame is lag - 1 frames behind this one (its path
      // buffer of `lag` frames is full), that frame is decided from the currently best path, and only that
      // one; otherwise the frames the paths into every current state agree on are decided.
      if (t - this.decided >= lag - 1) {
        const d = this.decided++;
        this.write(d, ancestor(back, states, ring, bestState(this.cost), t, d));
      } else {
        while (this.decided < t) {
          const agreed = commonAncestor(back, states, ring, t, this.decided);
          if (agreed < 0) break;
          this.write(this.decided++, agreed);
        }
      }
    }
  }

  /** The frames still open (all of them without a lag) from the best complete path. */
  finish(): void {
    const { states, ring, back } = this;
    let state = bestState(this.cost);
    for (let t = this.frames - 1; t >= this.decided; t--) {
      this.write(t, state);
      if (t > 0) state = back[(t % ring) * states + state];
    }
    this.decided = this.frames;
  }

  private write(t: number, state: number): void {
    const at = (t % this.ring) * this.nCandidates;
    const out = t % this.outF0.length;
    if (state === this.nCandidates) {
      this.outF0[out] = 0;
      this.outVoicing[out] = this.candVoicing[at];
    } else {
      this.outF0[out] = this.candF0[at + state];
      this.outVoicing[out] = this.candVoicing[at + state];
    }
  }
}

// The helpers are module functions, not closures made per call: optimised code inlines its call targets, and
// closures new to every file sent the smoother back to unoptimised code (boxing every number) once per file.

/** Local cost of state s (a candidate, or nCandidates = unvoiced) of the frame whose candidates start at `at`. */
function localCost(candF0: Float32Array, candVoicing: Float32Array, nCandidates: number, cutoff: number, w: ViterbiWeights, at: number, s: number): number {
  if (s === nCandidates) {
    for (let c = 0; c < nCandidates; c++) if (candVoicing[at + c] >= cutoff) return w.wLocal * w.wThr;
    return 0;
  }
  let pv = candVoicing[at + s];
  if (pv < 0.01) pv = 0.01;
  if (pv > 1) pv = 1;
  const range = w.wRange ? frequencyRangeCost(candF0[at + s]) * w.wRange : 0;
  return (-Math.log(pv) + (pv < cutoff ? w.wThr : 0)) * w.wLocal + range;
}

/** The state of least cost (the first of equals). */
function bestState(cost: Float64Array): number {
  let state = 0;
  for (let s = 1; s < cost.length; s++) if (cost[s] < cost[state]) state = s;
  return state;
}

/** The state at frame `at` on the best path into `state` at frame `from` (back-pointers in a ring of `ring` frames). */
function ancestor(back: Int8Array, states: number, ring: number, state: number, from: number, at: number): number {
  for (let u = from; u > at; u--) state = back[(u % ring) * states + state];
  return state;
}

/** The state every path into frame `from` passes through at frame `at`, or -1 if they differ. */
function commonAncestor(back: Int8Array, states: number, ring: number, from: number, at: number): number {
  const first = ancestor(back, states, ring, 0, from, at);
  for (let s = 1; s < states; s++) if (ancestor(back, states, ring, s, from, at) !== first) return -1;
  return first;
}
