import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as dfd from 'danfojs-node';
import { toMimeBundle, explicitBundle } from '../src/display/mime-bundle';
import { PLOTLY_ASSET, plotlyBundle, plotlyLibrarySource } from '../src/display/plotly';

/** A valid 2x1 RGB PNG built from its chunks (signature, IHDR, IDAT, IEND) with CRCs. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  const pixels = zlib.deflateSync(Buffer.from([0, 255, 0, 0, 0, 0, 255]));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

describe('rich display', () => {
  it('shows a danfo DataFrame as an HTML table with its columns, index and values', () => {
    const frame = new dfd.DataFrame({ condition: ['intra', 'cross'], ccc: [0.5, 0.25] });
    const bundle = toMimeBundle(frame, require);
    const html = String(bundle['text/html']);
    expect(html).toContain('<table');
    expect(html).toContain('<th>condition</th><th>ccc</th>');
    expect(html).toContain('<tr><th>0</th><td>intra</td><td>0.5</td></tr>');
    expect(html).toContain('<tr><th>1</th><td>cross</td><td>0.25</td></tr>');
    expect(html).toContain('2 rows × 2 columns');
    expect(String(bundle['text/plain'])).toContain('intra');
  });

  it('shows a danfo Series as a one-column table', () => {
    const series = new dfd.Series([3, 4], { index: ['a', 'b'] });
    const html = String(toMimeBundle(series, require)['text/html']);
    expect(html).toContain('<tr><th>a</th><td>3</td></tr>');
    expect(html).toContain('<tr><th>b</th><td>4</td></tr>');
  });

  it('escapes HTML in table cells', () => {
    const frame = new dfd.DataFrame({ name: ['<b>x</b>'] });
    expect(String(toMimeBundle(frame, require)['text/html'])).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('shows long string results up to 100,000 characters, and says when it cut one', () => {
    expect(String(toMimeBundle('a'.repeat(20_000), require)['text/plain'])).toBe(`'${'a'.repeat(20_000)}'`);
    const cut = String(toMimeBundle('b'.repeat(150_000), require)['text/plain']);
    expect(cut).toContain(`'${'b'.repeat(100_000)}'... 50000 more characters`);
    expect(cut).toMatch(/result truncated: 100,000 of 150,000 characters shown/);
  });

  it('recognises PNG bytes and SVG documents', () => {
    const png = tinyPng();
    const bundle = toMimeBundle(png, require);
    expect(bundle['image/png']).toBe(png.toString('base64'));
    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>';
    expect(toMimeBundle(Buffer.from(svg), require)['image/svg+xml']).toBe(svg);
    expect(explicitBundle('image/svg+xml', svg)['image/svg+xml']).toBe(svg);
    expect(() => explicitBundle('image/svg+xml', 'not svg')).toThrow(/not an SVG/);
    // other bytes are not images
    expect(toMimeBundle(Buffer.from([1, 2, 3]), require)['image/png']).toBeUndefined();
  });

  it('shows a Plotly figure as its JSON MIME type, with HTML and text fallbacks', () => {
    const figure = { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: { text: 'Bars' } } };
    const bundle = toMimeBundle(figure, require);
    expect(bundle['application/vnd.plotly.v1+json']).toEqual({ data: figure.data, layout: figure.layout, config: {} });
    expect(bundle['text/plain']).toBe("Plotly figure 'Bars' with 1 trace(s)");
    expect(String(bundle['text/html'])).toContain('Plotly.newPlot');
  });

  // The HTML fallback must draw offline in the classic Notebook, whose page has require.js (an AMD `define`)
  // and serves the kernelspec's folder: headless Chromium loads such a page with two figure outputs (the
  // page's base URL has kernelspecs/emotrans/plotly-emotrans.js, as installed), then counts the drawn plots.
  it('draws figures offline in a page with require.js, loading plotly.js once from the kernelspec folder', () => {
    const figure = { data: [{ type: 'scatter', x: [1, 2, 3], y: [2, 1, 3] }], layout: { title: { text: 'one' } } };
    const options = { kernelName: 'emotrans', embed: false };
    const first = String(plotlyBundle(figure, require, options)['text/html']);
    const second = String(plotlyBundle(figure, require, options)['text/html']);
    expect(first.length).toBeLessThan(10_000);
    expect(second.length).toBeLessThan(10_000);
    // what an untrusted notebook shows (scripts stripped): the figure's description, not a blank
    expect(first.replace(/<script[\s\S]*?<\/script>/g, '')).toMatch(/Plotly figure &#39;one&#39; with 1 trace\(s\)/);
    expect(String(plotlyBundle(figure, require, { ...options, embed: true })['text/html']).length).toBeGreaterThan(1_000_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-plotly-'));
    fs.mkdirSync(path.join(dir, 'kernelspecs', 'emotrans'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'kernelspecs', 'emotrans', PLOTLY_ASSET), plotlyLibrarySource(require));
    const page = path.join(dir, 'page.html');
    fs.writeFileSync(
      page,
      `<html><head></head><body data-base-url="file://${dir}/"><script>window.define = function () { window.amdUsed = true; }; window.define.amd = {};</script>` +
        `<div>${first}</div><div>${second}</div>` +
        '<script>setTimeout(function () { document.title = "plots:" + document.querySelectorAll(".js-plotly-plot .main-svg").length / 3 + " amd:" + Boolean(window.amdUsed); }, 3000);</script></body></html>',
    );
    const run = spawnSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--virtual-time-budget=10000', '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 60000, maxBuffer: 100 * 1024 * 1024 });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.error).toBeUndefined();
    expect(/<title>([^<]*)<\/title>/.exec(run.stdout)?.[1]).toBe('plots:2 amd:false');
  }, 90000);
});
