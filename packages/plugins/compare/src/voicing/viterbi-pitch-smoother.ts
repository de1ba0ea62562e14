/** Weights of the Viterbi pitch smoother (after openSMILE's cPitchSmootherViterbi / Luengo et al. 2007). */
export interface ViterbiWeights {
  /** Weight of the local cost -log(voicing) (+ wThr below the voicing cutoff). */
  readonly wLocal: number;
  /** Voiced-voiced transition: |log(f1/f0)| and its change from the previous step. */
  readonly wTvv: number;
  readonly wTvvd: number;
  /** Voiced-unvoiced (either way) transition cost. */
  readonly wTvuv: number;
  /** Bias against candidates below the voicing cutoff (and against unvoiced when any candidate is above). */
  readonly wThr: number;
  /** Unvoiced-unvoiced transition cost. */
  readonly wTuu: number;
}

/**
 * Chooses per frame one of `nCandidates` pitch candidates or "unvoiced" by a minimum-cost path over the
 * whole sequence. Candidate arrays are frame-major (frame t, candidate c at t * nCandidates + c; F0 0 = no
 * candidate). Writes the chosen F0 (0 when unvoiced) and the voicing of the chosen candidate (candidate 0's
 * when unvoiced, i.e. the unclipped voicing probability).
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
): void {
  if (frames === 0) return;
  const states = nCandidates + 1;
  const unvoiced = nCandidates;
  const back = new Int8Array(frames * states);
  let cost = new Float64Array(states);
  let next = new Float64Array(states);
  // Log-frequency change on the best path into each state, for the smoothness-of-change term.
  let change = new Float64Array(states);
  let nextChange = new Float64Array(states);

  const local = (t: number, s: number): number => {
    if (s === unvoiced) {
      for (let c = 0; c < nCandidates; c++) if (candVoicing[t * nCandidates + c] >= cutoff) return w.wLocal * w.wThr;
      return 0;
    }
    let pv = candVoicing[t * nCandidates + s];
    if (pv < 0.01) pv = 0.01;
    if (pv > 1) pv = 1;
    return (-Math.log(pv) + (pv < cutoff ? w.wThr : 0)) * w.wLocal;
  };

  for (let s = 0; s < states; s++) cost[s] = local(0, s);
  for (let t = 1; t < frames; t++) {
    for (let s = 0; s < states; s++) {
      let best = Infinity;
      let bestFrom = 0;
      let bestChange = 0;
      const f1 = s === unvoiced ? 0 : candF0[t * nCandidates + s];
      for (let p = 0; p < states; p++) {
        let transition: number;
        let r = 0;
        if (p === unvoiced && s === unvoiced) transition = w.wTuu;
        else if (p === unvoiced || s === unvoiced) transition = w.wTvuv;
        else {
          const f0 = candF0[(t - 1) * nCandidates + p];
          if (f0 <= 0 || f1 <= 0) transition = 999;
          else {
            r = Math.log(f1 / f0);
            transition = w.wTvv * Math.abs(r) + w.wTvvd * Math.abs(r - change[p]);
          }
        }
        const total = cost[p] + transition;
        if (total < best) {
          best = total;
          bestFrom = p;
          bestChange = r;
        }
      }
      next[s] = best + local(t, s);
      nextChange[s] = bestChange;
      back[t * states + s] = bestFrom;
    }
    [cost, next] = [next, cost];
    [change, nextChange] = [nextChange, change];
  }
  let state = 0;
  for (let s = 1; s < states; s++) if (cost[s] < cost[state]) state = s;
  for (let t = frames - 1; t >= 0; t--) {
    if (state === unvoiced) {
      outF0[t] = 0;
      outVoicing[t] = candVoicing[t * nCandidates];
    } else {
      outF0[t] = candF0[t * nCandidates + state];
      outVoicing[t] = candVoicing[t * nCandidates + state];
    }
    if (t > 0) state = back[t * states + state];
  }
}
