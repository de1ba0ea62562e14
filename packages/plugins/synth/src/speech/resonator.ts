/**
 * A second-order digital resonator (Klatt 1980): y[n] = A x[n] + B y[n-1] + C y[n-2], with unity gain at
 * 0 Hz so a cascade of them models a vowel's formants without changing the overall level much.
 */
export class Resonator {
  private a = 1;
  private b = 0;
  private c = 0;
  private y1 = 0;
  private y2 = 0;

  tune(frequency: number, bandwidth: number, sampleRate: number): void {
    const r = Math.exp((-Math.PI * bandwidth) / sampleRate);
    this.c = -r * r;
    this.b = 2 * r * Math.cos((2 * Math.PI * frequency) / sampleRate);
    this.a = 1 - this.b - this.c;
  }

  step(x: number): number {
    const y = this.a * x + this.b * this.y1 + this.c * this.y2;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}
