import puppeteer from 'puppeteer';
import { findBrowser } from '../src/browser/find.js';
import { addPrintMarks } from '../src/pdf/print-marks.js';
import { rewriteStreams } from '../src/pdf/rewrite.js';
import { declareStandards } from '../src/pdf/standards.js';
import { checkStandards } from '../src/pdf/ua-check.js';
import { STREAM_FIXES } from '../src/stages/finish.js';
import { SLUG_MM } from '../src/stages/print-geometry.js';
import { printCondition } from '../src/stages/print-profile.js';
import type { RenderJob } from '../src/model/documents.js';

/** Milliseconds per document of the PDF/UA-1 and PDF/X-4 work the finishing step adds, medians over the documents. */
export interface StandardsCost {
  readonly documents: number;
  /** Repairing the streams (artifacts, ligatures, soft hyphens) and the standards' update, screen edition. */
  readonly finishMs: number;
  /** The PDF/UA-1 check of the finished screen PDF. */
  readonly checkMs: number;
  /** The same for a print edition: crop marks, OutputIntent and colour, then PDF/UA-1 + PDF/X-4 checked. */
  readonly printFinishMs: number;
  readonly printCheckMs: number;
}

/**
 * Prints each page as the build does (tagged, with an outline), then times, on Chromium's own
 * bytes, what the standards cost: the stream repairs and the update that declares PDF/UA-1
 * (and PDF/X-4 for print), and the check the build runs before writing.
 */
export async function standardsCost(pages: readonly string[], runs: number): Promise<StandardsCost> {
  const browser = await puppeteer.launch({
    executablePath: findBrowser(process.env['PUPPETEER_EXECUTABLE_PATH'], () => undefined),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--export-tagged-pdf', '--disable-dev-shm-usage'],
  });
  const printed: Uint8Array[] = [];
  const page = await browser.newPage();
  for (const html of pages) {
    await page.setContent(html, { waitUntil: 'load' });
    printed.push(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
  }
  await browser.close();
  const condition = printCondition({ view: { settings: {} }, document: { name: 'bench' } } as unknown as RenderJob);
  const timed = <T>(work: () => T): { value: T; ms: number } => {
    const samples: number[] = [];
    let value = work();
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      value = work();
      samples.push(performance.now() - started);
    }
    return { value, ms: median(samples) };
  };
  const costs = printed.map((bytes) => {
    const finish = timed(() => declareStandards(rewriteStreams(bytes, STREAM_FIXES)));
    const check = timed(() => checkStandards(finish.value, 'bench.pdf'));
    const printFinish = timed(() =>
      declareStandards(addPrintMarks(rewriteStreams(bytes, STREAM_FIXES), { bleedMm: 3, slugMm: SLUG_MM }), condition),
    );
    const printCheck = timed(() => checkStandards(printFinish.value, 'bench.pdf', { print: true }));
    return { finish: finish.ms, check: check.ms, printFinish: printFinish.ms, printCheck: printCheck.ms };
  });
  return {
    documents: costs.length,
    finishMs: median(costs.map((cost) => cost.finish)),
    checkMs: median(costs.map((cost) => cost.check)),
    printFinishMs: median(costs.map((cost) => cost.printFinish)),
    printCheckMs: median(costs.map((cost) => cost.printCheck)),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
