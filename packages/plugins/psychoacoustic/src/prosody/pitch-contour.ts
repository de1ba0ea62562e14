/** F0 in semitones above 27.5 Hz (openSMILE's F0finalLog scale); 0 stands for unvoiced. */
export function semitones(f0: number): number {
  return f0 > 0 ? 12 * Math.log2(f0 / 27.5) : 0;
}

/**
 * Pitch level, contour slope and voiced fraction of frames [start, end) of an F0 track (Hz, 0 = unvoiced,
 * frames at `frameRate`): level = mean semitones of the voiced frames (0 if none), slope = least-squares
 * slope of semitones over time on the voiced frames (semitones per second; 0 with fewer than 3).
 */
export function pitchContour(f0: Float32Array, frameRate: number, start: number, end: number): { level: number; slope: number; voicedFraction: number } {
  let n = 0;
  let st = 0;
  let tt = 0;
  for (let i = start; i < end; i++) {
    if (!(f0[i] > 0)) continue;
    n++;
    st += semitones(f0[i]);
    tt += i / frameRate;
  }
  const frames = end - start;
  if (n === 0) return { level: 0, slope: 0, voicedFraction: 0 };
  const meanSt = st / n;
  const meanT = tt / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = start; i < end; i++) {
    if (!(f0[i] > 0)) continue;
    const dt = i / frameRate - meanT;
    sxy += dt * (semitones(f0[i]) - meanSt);
    sxx += dt * dt;
  }
  return { level: meanSt, slope: n >= 3 && sxx > 0 ? sxy / sxx : 0, voicedFraction: frames > 0 ? n / frames : 0 };
}
