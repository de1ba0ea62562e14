/**
 * kernelRegion hands out disjoint 16-byte-aligned regions of one kernel instance per thread, starts a new arena
 * (a new instance) only when the current one is full, and fits a region larger than an arena in an arena of its
 * own; FrameSpectrum objects of one configuration share a region, others get their own.
 */
import { dsp } from '@emotrans/core';
import { FrameSpectrum } from '../src/spectrum/frame-spectrum';
import { kernelRegion, oneFunctionModule, wasmVector, WASM_PAGE, type KernelArenas } from '../src/wasm/wasm-module';
import { WASM_OP } from '../src/wasm/wasm-opcodes';

const emptyKernel = () => oneFunctionModule('noop', [], [...wasmVector([]), WASM_OP.END]);

describe('kernelRegion', () => {
  it('gives disjoint aligned regions, a new arena when full, and one of its own to a region larger than an arena', () => {
    const arenas: KernelArenas<() => void> = {};
    const a = kernelRegion(arenas, emptyKernel, 'noop', 100)!;
    const b = kernelRegion(arenas, emptyKernel, 'noop', 8)!;
    expect(a.offset).toBe(0);
    expect(b.offset).toBe(112);
    expect(b.buffer).toBe(a.buffer);
    expect(b.run).toBe(a.run);
    const arenaBytes = a.buffer.byteLength;
    const rest = kernelRegion(arenas, emptyKernel, 'noop', arenaBytes - 128)!;
    expect(rest.buffer).toBe(a.buffer);
    const next = kernelRegion(arenas, emptyKernel, 'noop', 16)!;
    expect(next.buffer).not.toBe(a.buffer);
    expect(next.offset).toBe(0);
    const huge = kernelRegion(arenas, emptyKernel, 'noop', arenaBytes + WASM_PAGE)!;
    expect(huge.buffer.byteLength).toBeGreaterThanOrEqual(arenaBytes + WASM_PAGE);
    expect(huge.offset).toBe(0);
  });

  it('FrameSpectrum objects of one FFT size and window share their arrays; another window has its own', () => {
    const window = dsp.hammingWindow(320);
    const one = new FrameSpectrum(512, window);
    const two = new FrameSpectrum(512, Float64Array.from(window));
    const other = new FrameSpectrum(512, dsp.hammingWindow(300));
    expect(two.frame).toBe(one.frame);
    expect(two.magnitude).toBe(one.magnitude);
    expect(other.frame).not.toBe(one.frame);
    expect(other.frame.buffer === one.frame.buffer ? other.frame.byteOffset !== one.frame.byteOffset : true).toBe(true);
  });
});
