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
  const states = nCandidates + 1;
  const unvoiced = nCandidates;
  const back = new Int8Array(frames * states);
  let decided = 0;
  let cost = new Float64Array(states);
  let next = new Float64Array(states);

  for (let s = 0; s < states; s++) cost[s] = localCost(candF0, candVoicing, nCandidates, cutoff, w, 0, s);
  // The reference change carries over from pair to pair (each state's last pair involves "unvoiced", which
  // resets it to 0); openSMILE starts it at 1 (a change by a factor e), which makes a file that starts
  // voiced dearer to start voiced.
  let reference = 1;
  for (let t = 1; t < frames; t++) {
    for (let s = 0; s < states; s++) {
      let best = Infinity;
      let bestFrom = 0;
      const f1 = s === unvoiced ? 0 : candF0[t * nCandidates + s];
      for (let p = 0; p < states; p++) {
        let transition: number;
        if (p === unvoiced && s === unvoiced) transition = w.wTuu;
        else if (p === unvoiced || s === unvoiced) {
          transition = w.wTvuv;
          reference = 0;
        } else {
          const f0 = candF0[(t - 1) * nCandidates + p];
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
      next[s] = best + localCost(candF0, candVoicing, nCandidates, cutoff, w, t, s);
      back[t * states + s] = bestFrom;
    }
    const swap = cost;
    cost = next;
    next = swap;
    if (Number.isFinite(lag)) {
      // As openSMILE's cSmileViterbi: when the oldest open frame is lag - 1 frames behind this one (its path
      // buffer of `lag` frames is full), that frame is decided from the currently best path, and only that
      // one; otherwise the frames the paths into every current state agree on are decided.
      if (t - decided >= lag - 1) writeState(candF0, candVoicing, nCandidates, outF0, outVoicing, decided++, ancestor(back, states, bestState(cost), t, decided - 1));
      else {
        while (decided < t) {
          const agreed = commonAncestor(back, states, t, decided);
          if (agreed < 0) break;
          writeState(candF0, candVoicing, nCandidates, outF0, outVoicing, decided++, agreed);
        }
      }
    }
  }
  // The frames still open (all of them without a lag) from the best complete path.
  let state = bestState(cost);
  for (let t = frames - 1; t >= decided; t--) {
    writeState(candF0, candVoicing, nCandidates, outF0, outVoicing, t, state);
    if (t > 0) state = back[t * states + state];
  }
  return decided;
}

// The helpers are module functions, not closures made per call: optimised code inlines its call targets, and
// closures new to every file sent the smoother back to unoptimised code (boxing every number) once per file.

/** Local cost of state s (a candidate, or nCandidates = unvoiced) at frame t. */
function localCost(candF0: Float32Array, candVoicing: Float32Array, nCandidates: number, cutoff: number, w: ViterbiWeights, t: number, s: number): number {
  if (s === nCandidates) {
    for (let c = 0; c < nCandidates; c++) if (candVoicing[t * nCandidates + c] >= cutoff) return w.wLocal * w.wThr;
    return 0;
  }
  let pv = candVoicing[t * nCandidates + s];
  if (pv < 0.01) pv = 0.01;
  if (pv > 1) pv = 1;
  const range = w.wRange ? frequencyRangeCost(candF0[t * nCandidates + s]) * w.wRange : 0;
  return (-Math.log(pv) + (pv < cutoff ? w.wThr : 0)) * w.wLocal + range;
}

/** Writes frame t's F0 and voicing for the chosen state. */
function writeState(candF0: Float32Array, candVoicing: Float32Array, nCandidates: number, outF0: Float32Array, outVoicing: Float32Array, t: number, state: number): void {
  if (state === nCandidates) {
    outF0[t] = 0;
    outVoicing[t] = candVoicing[t * nCandidates];
  } else {
    outF0[t] = candF0[t * nCandidates + state];
    outVoicing[t] = candVoicing[t * nCandidates + state];
  }
}

/** The state of least cost (the first of equals). */
function bestState(cost: Float64Array): number {
  let state = 0;
  for (let s = 1; s < cost.length; s++) if (cost[s] < cost[state]) state = s;
  return state;
}

/** The state at frame `at` on the best path into `state` at frame `from`. */
function ancestor(back: Int8Array, states: number, state: number, from: number, at: number): number {
  for (let u = from; u > at; u--) state = back[u * states + state];
  return state;
}

/** The state every path into frame `from` passes through at frame `at`, or -1 if they differ. */
function commonAncestor(back: Int8Array, states: number, from: number, at: number): number {
  const first = ancestor(back, states, 0, from, at);
  for (let s = 1; s < states; s++) if (ancestor(back, states, s, from, at) !== first) return -1;
  return first;
}
