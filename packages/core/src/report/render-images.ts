import fs from 'node:fs';
import path from 'node:path';
import type { NamedFigure } from './figure-html';
import { plotlyScript } from './figure-html';
import { writeFileAtomic } from '../results/atomic-write';

export type ImageFormat = 'png' | 'svg';

/** Chromium flags: headless, no sandbox (root in CI), nothing that reaches the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A system Chromium (never downloaded): $EMOTRANS_CHROMIUM when set (only it: `none` or a missing path
 * turns rendering off), else the Debian or usual locations.
 */
export function findChromium(): string | undefined {
  const forced = process.env.EMOTRANS_CHROMIUM;
  if (forced !== undefined) return forced && fs.existsSync(forced) ? forced : undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((c) => fs.existsSync(c));
}

export interface RenderOutcome {
  /** Files written. */
  readonly files: string[];
  /** Why nothing was rendered (no Chromium, launch failure), when so. */
  readonly skipped?: string;
}

/**
 * Renders figures to PNG and/or SVG files in `dir` with Plotly.toImage inside headless Chromium (driven by
 * playwright-core). Without a Chromium it renders nothing and says why instead of failing.
 */
export async function renderFigureImages(
  figures: readonly NamedFigure[],
  dir: string,
  formats: readonly ImageFormat[] = ['png', 'svg'],
): Promise<RenderOutcome> {
  const executablePath = findChromium();
  if (!executablePath) return { files: [], skipped: 'no Chromium found (set EMOTRANS_CHROMIUM or install chromium); PNG/SVG not rendered' };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    return { files: [], skipped: `Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}` };
  }
  const files: string[] = [];
  try {
    const page = await browser.newPage();
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><script>${plotlyScript()}</script></head><body></body></html>`);
    fs.mkdirSync(dir, { recursive: true });
    for (const { name, figure } of figures) {
      const width = Number(figure.layout.width) || 900;
      const height = Number(figure.layout.height) || 500;
      for (const format of formats) {
        const url = await page.evaluate(
          // Runs in the page, where plotly.js defines the global Plotly.
          async ({ figure, format, width, height }) =>
            (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly.toImage(figure, { format, width, height }),
          { figure, format, width, height },
        );
        const comma = url.indexOf(',');
        const header = url.slice(0, comma);
        const payload = url.slice(comma + 1);
        const bytes = header.endsWith(';base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
        const file = path.join(dir, `${name}.${format}`);
        writeFileAtomic(file, bytes);
        files.push(file);
      }
    }
  } finally {
    await browser.close();
  }
  return { files };
}
