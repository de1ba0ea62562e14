/**
 * Summaries of frame-level tracks over longer windows (the paper: mean and standard deviation over 1 s).
 *
 * Edge rule: window w covers [w * hop, w * hop + length) seconds of audio and holds the frames whose start
 * time falls inside it (frame i starts at i / frameRate). Only whole windows are kept: there are
 * floor((duration - length) / hop) + 1 of them (0 if the audio is shorter than one window), so with a
 * 1 s window and a 1 s hop, floor(duration) windows. A window is described at its centre,
 * w * hop + length / 2.
 */
export interface FrameWindows {
  readonly count: number;
  /** First frame of each window. */
  readonly start: Int32Array;
  /** One past the last frame of each window (clamped to the frames that exist). */
  readonly end: Int32Array;
  /** Centre time of each window, seconds. */
  readonly times: Float64Array;
}

export function windowCount(durationSeconds: number, lengthSeconds: number, hopSeconds: number): number {
  if (lengthSeconds <= 0 || hopSeconds <= 0) throw new Error(`window length ${lengthSeconds} and hop ${hopSeconds} must be positive`);
  // A small tolerance so that 3.0 s of audio at a float sample rate still gives 3 windows.
  const eps = 1e-9;
  if (durationSeconds + eps < lengthSeconds) return 0;
  return Math.floor((durationSeconds - lengthSeconds) / hopSeconds + eps) + 1;
}

export function frameWindows(durationSeconds: number, frameRate: number, frames: number, lengthSeconds: number, hopSeconds: number): FrameWindows {
  const count = windowCount(durationSeconds, lengthSeconds, hopSeconds);
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const times = new Float64Array(count);
  for (let w = 0; w < count; w++) {
    start[w] = Math.min(frames, windowFirstFrame(w * hopSeconds, frameRate));
    end[w] = Math.min(frames, windowFirstFrame(w * hopSeconds + lengthSeconds, frameRate));
    times[w] = windowCentre(w, lengthSeconds, hopSeconds);
  }
  return { count, start, end, times };
}

/** The first frame whose start time, i / frameRate, is at or after `seconds` (a window starting or ending there). */
export function windowFirstFrame(seconds: number, frameRate: number): number {
  return Math.ceil(seconds * frameRate - 1e-9);
}

/** The time window w describes: its centre. */
export function windowCentre(w: number, lengthSeconds: number, hopSeconds: number): number {
  return w * hopSeconds + lengthSeconds / 2;
}

/**
 * Arithmetic mean and population standard deviation (openSMILE `amean`, `stddev`) of `track` over each
 * window; written to mean[w * stride] and std[w * stride] so results can land directly in a row-major
 * matrix. An empty window gives 0 and 0.
 */
export function windowMeanStd(track: Float32Array, windows: FrameWindows, mean: Float32Array, std: Float32Array, stride = 1, offsetMean = 0, offsetStd = 0): void {
  for (let w = 0; w < windows.count; w++) {
    const s = windows.start[w];
    const e = windows.end[w];
    const n = e - s;
    let m = 0;
    let v = 0;
    if (n > 0) {
      let sum = 0;
      for (let i = s; i < e; i++) sum += track[i];
      m = sum / n;
      let sq = 0;
      for (let i = s; i < e; i++) {
        const d = track[i] - m;
        sq += d * d;
      }
      v = Math.sqrt(sq / n);
    }
    mean[offsetMean + w * stride] = m;
    std[offsetStd + w * stride] = v;
  }
}
