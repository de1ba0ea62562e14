import { windowCentre, windowCount, windowFirstFrame, windowMeanStd, type FrameWindows } from './window-functionals';

/** Window summaries completed by a call of WindowMeanStdStream: `count` rows at `times`, row-major in `data`. */
export interface WindowSummaries {
  readonly count: number;
  readonly times: Float64Array;
  readonly data: Float32Array;
}

/**
 * windowMeanStd over frameWindows for frame rows that arrive in order (streaming): each window's mean and
 * standard deviation of every track, computed once its frames are in, with the same arithmetic as the
 * whole-signal functions. Output rows hold mean and std of track 0, then of track 1, ... (2 x tracks values).
 * Only the frames of windows not yet summarised are kept.
 */
export class WindowMeanStdStream {
  // Frames kept: keptFrom .. keptFrom + kept - 1, row-major.
  private rows: Float32Array;
  private keptFrom = 0;
  private kept = 0;
  private next = 0;
  private readonly track: Float32Array;
  private readonly single: { count: number; start: Int32Array; end: Int32Array; times: Float64Array };

  constructor(
    private readonly tracks: number,
    private readonly frameRate: number,
    private readonly lengthSeconds: number,
    private readonly hopSeconds: number,
  ) {
    this.rows = new Float32Array(tracks * Math.max(16, Math.ceil(2 * lengthSeconds * frameRate) + 2));
    this.track = new Float32Array(Math.ceil(lengthSeconds * frameRate) + 2);
    this.single = { count: 1, start: new Int32Array(1), end: new Int32Array(1), times: new Float64Array(1) };
  }

  /**
   * Adds `count` frame rows (row-major, `tracks` values each); returns the windows they complete that lie
   * inside the first `durationSeconds` of audio (the audio received so far).
   */
  push(rows: Float32Array, count: number, durationSeconds: number): WindowSummaries {
    this.append(rows, count);
    const received = this.keptFrom + this.kept;
    const known = windowCount(durationSeconds, this.lengthSeconds, this.hopSeconds);
    let last = this.next;
    while (last < known && windowFirstFrame(last * this.hopSeconds + this.lengthSeconds, this.frameRate) <= received) last++;
    return this.summarise(last, received);
  }

  /** The audio is over after `durationSeconds` with `frames` frames in all: the remaining windows. */
  end(durationSeconds: number, frames: number): WindowSummaries {
    return this.summarise(windowCount(durationSeconds, this.lengthSeconds, this.hopSeconds), frames);
  }

  private append(rows: Float32Array, count: number): void {
    // drop the frames before the first window still to come
    const first = Math.min(windowFirstFrame(this.next * this.hopSeconds, this.frameRate), this.keptFrom + this.kept);
    const drop = Math.max(0, first - this.keptFrom);
    if (drop > 0) {
      this.rows.copyWithin(0, drop * this.tracks, this.kept * this.tracks);
      this.keptFrom += drop;
      this.kept -= drop;
    }
    const need = (this.kept + count) * this.tracks;
    if (need > this.rows.length) {
      const grown = new Float32Array(Math.max(2 * this.rows.length, need));
      grown.set(this.rows.subarray(0, this.kept * this.tracks));
      this.rows = grown;
    }
    this.rows.set(rows.subarray(0, count * this.tracks), this.kept * this.tracks);
    this.kept += count;
  }

  /** Windows next .. until - 1, their frames clamped to the first `frames`. */
  private summarise(until: number, frames: number): WindowSummaries {
    const count = Math.max(0, until - this.next);
    const width = 2 * this.tracks;
    const data = new Float32Array(count * width);
    const times = new Float64Array(count);
    const windows: FrameWindows = this.single;
    for (let k = 0; k < count; k++) {
      const w = this.next + k;
      const start = Math.min(frames, windowFirstFrame(w * this.hopSeconds, this.frameRate));
      const end = Math.min(frames, windowFirstFrame(w * this.hopSeconds + this.lengthSeconds, this.frameRate));
      const n = Math.max(0, end - start);
      if (this.track.length < n) throw new Error(`WindowMeanStdStream: window of ${n} frames`);
      this.single.start[0] = 0;
      this.single.end[0] = n;
      const out = data.subarray(k * width, (k + 1) * width);
      for (let j = 0; j < this.tracks; j++) {
        for (let i = 0; i < n; i++) this.track[i] = this.rows[(start - this.keptFrom + i) * this.tracks + j];
        windowMeanStd(this.track, windows, out, out, 1, 2 * j, 2 * j + 1);
      }
      times[k] = windowCentre(w, this.lengthSeconds, this.hopSeconds);
    }
    this.next += count;
    return { count, times, data };
  }
}
