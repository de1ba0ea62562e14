/** Viterbi weights as openSMILE 3.0's cSmileViterbiPitchSmooth applies the configured ones. */
export interface PitchViterbiWeights {
  readonly wLocal: number;
  readonly wTvv: number;
  /** openSMILE's setWeights stores wTvv here whatever wTvvd is configured to. */
  readonly wTvvd: number;
  readonly wTvuv: number;
  readonly wThr: number;
  /** Weight of the built-in frequency-range preference (100-350 Hz free; see rangeWeight). */
  readonly wRange: number;
  /** unvoiced -> unvoiced: openSMILE's test for it never matches, so such pairs cost its fallback 1. */
  readonly wTuu: number;
}

/**
 * openSMILE's built-in F0 range weight (cSmileViterbiPitchSmooth::getFweight): 1 - f / 100 below 100 Hz, 0 up to
 * 350 Hz, rising linearly to 1 at 600 Hz, 1.2 above; 2 for a missing candidate.
 */
export function rangeWeight(f: number): number {
  if (f > 0 && f < 100) return 1 - f / 100;
  if (f >= 100 && f < 350) return 0;
  if (f >= 350 && f < 600) return (f - 350) / 250;
  if (f >= 600) return 1.2;
  return 2;
}

/**
 * The incremental Viterbi pitch smoother of openSMILE 3.0 (cPitchSmootherViterbi) over candidate F0 / voicing
 * arrays (frame-major, `nCandidates` per frame, F0 0 = no candidate), with its decision rule: after each frame,
 * if more than `bufferLength` frames would be undecided, the oldest is decided from the currently cheapest path;
 * otherwise every leading frame on which all paths agree is decided; at the end the rest follow the cheapest path.
 * Costs: voiced state local (-ln v + wThr [v < cutoff]) wLocal + rangeWeight(f) wRange (v clipped to
 * [0.01, 1]), unvoiced local wLocal wThr when any candidate reaches the cutoff; voiced -> voiced
 * wTvv |r| + wTvvd |r - c| with r = ln(f_now / f_before) and c the r of the previous pair examined
 * (reset to 0 by a pair with "unvoiced", 1 before the first pair; openSMILE keeps it in one variable), 999 with a
 * missing candidate;
 * voiced <-> unvoiced wTvuv. Writes the chosen F0 (0 unvoiced).
 */
export function smoothPitchOpensmile(
  candF0: Float32Array,
  candVoicing: Float32Array,
  nCandidates: number,
  frames: number,
  cutoff: number,
  w: PitchViterbiWeights,
  bufferLength: number,
  outF0: Float32Array,
): void {
  if (frames === 0) return;
  const states = nCandidates + 1;
  const unvoiced = nCandidates;
  const back = new Int8Array(frames * states);
  let cost = new Float64Array(states);
  let next = new Float64Array(states);
  const chosen = new Int8Array(frames);
  let decided = 0; // frames [0, decided) are decided (openSMILE's convIdx + 1)

  const local = (t: number, s: number): number => {
    if (s === unvoiced) {
      for (let c = 0; c < nCandidates; c++) if (candVoicing[t * nCandidates + c] >= cutoff) return w.wLocal * w.wThr;
      return 0;
    }
    let v = candVoicing[t * nCandidates + s];
    if (v < 0.01) v = 0.01;
    if (v > 1) v = 1;
    return (-Math.log(v) + (v < cutoff ? w.wThr : 0)) * w.wLocal + rangeWeight(candF0[t * nCandidates + s]) * w.wRange;
  };
  const ancestor = (state: number, from: number, at: number): number => {
    for (let u = from; u > at; u--) state = back[u * states + state];
    return state;
  };
  const cheapest = (): number => {
    let best = 0;
    for (let s = 1; s < states; s++) if (cost[s] < cost[best]) best = s;
    return best;
  };

  // openSMILE starts the change memory at 1 (cSmileViterbiPitchSmooth's constructor), which penalises a voiced
  // start of the file once
  let change = 1;
  for (let t = 0; t < frames; t++) {
    if (t === 0) {
      for (let s = 0; s < states; s++) cost[s] = local(0, s);
    } else {
      for (let s = 0; s < states; s++) {
        const f1 = s === unvoiced ? 0 : candF0[t * nCandidates + s];
        let best = Infinity;
        let bestFrom = 0;
        for (let p = 0; p < states; p++) {
          let transition: number;
          if (p !== unvoiced && s !== unvoiced) {
            const f0 = candF0[(t - 1) * nCandidates + p];
            if (f0 === 0 || f1 === 0) transition = 999;
            else {
              const r = Math.log(f1 / f0);
              transition = w.wTvv * Math.abs(r) + w.wTvvd * Math.abs(r - change);
              change = r;
            }
          } else if (p === unvoiced && s === unvoiced) transition = w.wTuu;
          else {
            change = 0;
            transition = w.wTvuv;
          }
          const total = transition + cost[p];
          if (total < best) {
            best = total;
            bestFrom = p;
          }
        }
        next[s] = best + local(t, s);
        back[t * states + s] = bestFrom;
      }
      [cost, next] = [next, cost];
    }
    // pathIdx = t + 1, convIdx = decided - 1
    if (t + 1 - (decided - 1) > bufferLength) {
      chosen[decided] = ancestor(cheapest(), t, decided);
      decided++;
    } else {
      while (decided <= t) {
        const first = ancestor(0, t, decided);
        let agree = true;
        for (let s = 1; s < states && agree; s++) agree = ancestor(s, t, decided) === first;
        if (!agree) break;
        chosen[decided++] = first;
      }
    }
  }
  const last = cheapest();
  for (let t = decided; t < frames; t++) chosen[t] = ancestor(last, frames - 1, t);
  for (let t = 0; t < frames; t++) outF0[t] = chosen[t] === unvoiced ? 0 : candF0[t * nCandidates + chosen[t]];
}
