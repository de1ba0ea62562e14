import { RastaFilter } from './rasta-filter';

/**
 * Equal-loudness weight after Hermansky (1990, JASA), with openSMILE's high-frequency term and scaling
 * (about 1 at 1 kHz): 1e32 (w^2 + 56.8e6) w^4 / ((w^2 + 6.3e6)^2 (w^2 + 0.38e9) (w^7 + 1.7e31)), w = 2 pi f.
 */
export function equalLoudnessWeight(hz: number): number {
  const w = 2 * Math.PI * hz;
  const w2 = w * w;
  const c = w2 + 6.3e6;
  return (1e32 * ((w2 + 56.8e6) * w2 * w2)) / (c * c * (w2 + 0.38e9) * (w2 * w2 * w2 * w + 1.7e31));
}

/** openSMILE cPlp's default floor for critical-band powers. */
export const MEL_FLOOR = 9.3e-10;

/**
 * The auditory spectrum of ComParE (cPlp with doAud=1, compression 0.33, no LP): each band power of a
 * 26-band mel power spectrum is weighted by the equal-loudness curve at the band centre and compressed
 * with the cube-root-like power law (x^0.33). The RASTA variant filters log band powers first
 * (log -> RASTA -> + log weight -> x 0.33 -> exp), which is what `audSpec_Rfilt` holds.
 */
export class AuditorySpectrum {
  private readonly weights: Float64Array;
  private readonly logWeights: Float64Array;
  private readonly rasta: RastaFilter;
  private readonly work: Float64Array;

  constructor(
    centresHz: Float64Array,
    framePeriodSeconds: number,
    private readonly compression = 0.33,
  ) {
    this.weights = Float64Array.from(centresHz, equalLoudnessWeight);
    this.logWeights = Float64Array.from(this.weights, (w) => Math.log(w));
    this.rasta = new RastaFilter(centresHz.length, framePeriodSeconds);
    this.work = new Float64Array(centresHz.length);
  }

  /**
   * Plain auditory spectrum into `out`; returns its L1 norm divided by the number of bands
   * (audspec_lengthL1norm: openSMILE's cVectorOperation `ll1`, the sum normalised by the vector length).
   */
  plain(melPower: ArrayLike<number>, out: Float64Array): number {
    let sum = 0;
    for (let m = 0; m < this.weights.length; m++) {
      const p = Math.max(melPower[m], MEL_FLOOR) * this.weights[m];
      const v = Math.pow(p, this.compression);
      out[m] = v;
      sum += Math.abs(v);
    }
    return sum / this.weights.length;
  }

  /** RASTA-filtered auditory spectrum into `out` (call once per frame, in order); returns its L1 norm / bands. */
  rastaFiltered(melPower: ArrayLike<number>, out: Float64Array): number {
    const work = this.work;
    for (let m = 0; m < work.length; m++) work[m] = Math.log(Math.max(melPower[m], MEL_FLOOR));
    this.rasta.process(work);
    let sum = 0;
    for (let m = 0; m < work.length; m++) {
      const v = Math.exp((work[m] + this.logWeights[m]) * this.compression);
      out[m] = v;
      sum += Math.abs(v);
    }
    return sum / this.weights.length;
  }
}
