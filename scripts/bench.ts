/**
 * `npm run bench`: measures factsheets on this machine and prints one table (and a JSON file).
 * Builds run as whole processes (`node dist/cli.js`), as users run them. Options:
 *   --n N        synthetic countries (default 200)   --runs R   runs per figure, median (default 3)
 *   --out FILE   JSON results (default bench-results.json)
 */
import { contentImageReader } from '../src/stages/content-images.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer';
import { resolveConfig } from '../src/config.js';
import { createEnvironment } from '../src/stages/render/handlebars/environment.js';
import countryCodes from 'i18n-iso-countries';
import { loadAtlas } from '../src/stages/plan/atlas.js';
import { layoutLocatorMap } from '../src/stages/plan/locator-map.js';
import { findBrowser } from '../src/browser/find.js';
import { declaredFonts } from '../src/fonts/embed.js';
import { loadSources } from '../src/stages/load.js';
import { planJobs } from '../src/stages/plan.js';
import { planPack } from '../src/stages/plan/pack.js';
import { processTreePssMb } from '../src/browser/memory.js';
import { packSheets } from '../src/pipeline/pack-step.js';
import { renderPage } from '../src/stages/render/page.js';
import { validateSources } from '../src/stages/validate.js';
import { launchViewer, openDocument, startPreview, waitForPaint } from '../tests/helpers/preview.js';
import { standardsCost, type StandardsCost } from './bench-standards.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(ROOT, 'dist/cli.js');
/** Countries of the region first, then every other country of the atlas: each synthetic brief its own country (one brief per country and language) and a real locator map. */
const REGION = [
  'ML',
  'NE',
  'NG',
  'SN',
  'ET',
  'GN',
  'CI',
  'GH',
  'BF',
  'TD',
  'MR',
  'GM',
  'SL',
  'LR',
  'CM',
  'SD',
  'ER',
  'SO',
  'KE',
  'UG',
  'MA',
  'DZ',
  'TN',
  'LY',
  'EG',
];

async function countryCodesFor(n: number): Promise<string[]> {
  const atlas = await loadAtlas();
  const all = [...atlas.countries.keys()].flatMap((numeric) => countryCodes.numericToAlpha2(numeric) ?? []).sort();
  const codes = [...new Set([...REGION, ...all])];
  if (n > codes.length) throw new Error(`--n ${n}: the atlas has ${codes.length} countries, one brief each`);
  return codes.slice(0, n);
}

interface Run {
  readonly seconds: number;
  readonly peakPssMb: number;
  readonly browserStarted: boolean;
  readonly stdout: string;
}

/**
 * Runs the CLI. Timing runs only watch whether it starts a browser (one small read of its
 * children); memory runs also sample the PSS of its whole process tree every 50 ms, which
 * costs enough to be kept out of the timings.
 */
async function runCli(args: readonly string[], options: { memory?: boolean; exitCode?: number } = {}): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let stdout = '';
  let peak = 0;
  let browserStarted = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Reads /proc directly (spawning pgrep and cat this often would itself load the 2 cores).
  const sampler = setInterval(() => {
    if (options.memory === true) {
      const sample = processTreePssMb(child.pid ?? 0, true);
      if (sample === undefined) return;
      if (sample.processes > 1) browserStarted = true;
      peak = Math.max(peak, sample.mb * 1024);
    } else if (!browserStarted) {
      try {
        browserStarted = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim() !== '';
      } catch {
        // ended
      }
    }
  }, 20);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(sampler);
  if (code !== (options.exitCode ?? 0))
    throw new Error(`factsheets ${args.join(' ')} exited ${code}:\n${stdout}\n${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakPssMb: peak / 1024, browserStarted, stdout };
}

/** A content folder with `n` one-pagers of realistic length and the sample's factsheet. */
export async function syntheticContent(n: number): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'factsheets-bench-'));
  await cp(join(ROOT, 'content'), folder, { recursive: true });
  await rm(join(folder, 'countries'), { recursive: true });
  // One language, as the figures have always been measured: the French factsheet would add a document.
  await rm(join(folder, 'factsheet.fr.md'), { force: true });
  await mkdir(join(folder, 'countries'));
  const mali = await readFile(join(ROOT, 'content/countries/mali.md'), 'utf8');
  const body = mali.slice(mali.indexOf('\n---', 4) + 4);
  const codes = await countryCodesFor(n);
  for (let index = 0; index < n; index += 1) {
    const iso = codes[index] ?? 'ML';
    await writeFile(
      join(folder, `countries/country-${String(index).padStart(3, '0')}.md`),
      `---\nname: Country ${index}\niso: ${iso}\nrole: Synthetic brief for the benchmark\nsummary: A generated page with the narrative, charts, table and map of a real brief.\ndate: 2017-09-06\n---\n${body.replace(/Mali/g, `Country ${index}`)}`,
    );
  }
  const rows = ['country,instrument,programme,sector,year,amount_eur,status,source'];
  for (const iso of new Set([...REGION, ...codes])) {
    rows.push(`${iso},EU Emergency Trust Fund for Africa,Jobs and skills,Jobs,2016,36500000,contracted,Sample data`);
    rows.push(`${iso},EU Emergency Trust Fund for Africa,Resilience,Resilience,2017,28000000,committed,Sample data`);
    rows.push(`${iso},European Development Fund,Budget support,Governance,2016,60000000,paid,Sample data`);
    rows.push(
      `${iso},Instrument contributing to Stability and Peace,Border management,Migration,2016,9500000,contracted,Sample data`,
    );
  }
  await writeFile(join(folder, 'funding.csv'), `${rows.join('\n')}\n`);
  return folder;
}

/** The bundled sample without its French editions: the sample the figures were first measured on. */
export async function englishSampleCopy(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'factsheets-bench-english-'));
  await cp(join(ROOT, 'content'), folder, { recursive: true });
  for (const sub of [folder, join(folder, 'countries')]) {
    for (const name of await readdir(sub)) if (name.endsWith('.fr.md')) await rm(join(sub, name));
  }
  const settings = join(folder, 'factsheets.yml');
  await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^languages:[\s\S]*$/m, ''));
  return folder;
}

/**
 * `factsheets review` after one dataset row changed: the output folder is copied as the
 * approved build, one amount changes by a million (pages show millions, so the PDFs change),
 * the build runs (not timed), then the review (its build step is a no-op) compares every PDF
 * with the approved copy. Returns the seconds of the review process, and what it found.
 */
async function reviewAfterOneRow(
  content: string,
  out: string,
  run: number,
): Promise<{ seconds: number; changed: number; pages: number }> {
  const approved = await mkdtemp(join(tmpdir(), 'factsheets-bench-approved-'));
  await cp(out, approved, { recursive: true });
  const file = join(content, 'funding.csv');
  const csv = await readFile(file, 'utf8');
  await writeFile(
    file,
    csv.replace(
      /^(SL,European Development Fund,Budget support,Governance,2016,)(\d+)/m,
      (_, head: string, amount: string) => `${head}${Number(amount) + 1_000_000 * run}`,
    ),
  );
  await runCli(['build', '--content', content, '--out', out]);
  const review = await runCli(['review', '--against', approved, '--content', content, '--out', out, '--json'], {
    exitCode: 3,
  });
  await rm(approved, { recursive: true, force: true });
  const json = JSON.parse(review.stdout) as { summary: { changed: number }; pagesRendered: number };
  return { seconds: review.seconds, changed: json.summary.changed, pages: json.pagesRendered };
}

/**
 * The same documents' final HTML, made by factsheets' own stages (no printing): every
 * document and the briefing pack's two sheets (cover and contents, page numbers), paginated
 * as the built output (its manifest) says.
 */
export async function finalHtml(content: string, builtOut: string): Promise<string[]> {
  const config = resolveConfig({ contentDir: content }, process.env, ROOT);
  const sources = await loadSources(config.contentDir, config.templatesDir);
  const validation = validateSources(sources);
  const atlas = await loadAtlas();
  const jobs = planJobs(validation.documents, validation.dataset, (iso) => layoutLocatorMap(iso, atlas)).jobs;
  const templates = createEnvironment(sources.templates, (await declaredFonts(sources.templates)).css);
  const contentImages = { read: contentImageReader(config.contentDir, config.limits), limits: config.limits };
  const manifest = JSON.parse(await readFile(join(builtOut, 'manifest.json'), 'utf8')) as {
    documents: { output: string; pages: number }[];
  };
  const pages = new Map(manifest.documents.map((entry) => [entry.output, entry.pages]));
  const plan = planPack(jobs.map((job) => ({ job, pages: pages.get(job.outputPath) ?? 1 })));
  return [
    ...jobs.map((job) => renderPage(job, templates, contentImages).html),
    ...(plan === undefined ? [] : Object.values(packSheets(plan, templates))),
  ];
}

/** The raw baseline: one browser, a pool of reused pages, setContent + pdf, nothing else. */
async function rawBaseline(pages: string[], poolSize: number): Promise<{ seconds: number }> {
  const started = performance.now();
  const browser = await puppeteer.launch({
    executablePath: findBrowser(process.env['PUPPETEER_EXECUTABLE_PATH'], () => undefined),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: poolSize }, async () => {
      const page = await browser.newPage();
      while (next < pages.length) {
        const html = pages[next] ?? '';
        next += 1;
        await page.setContent(html, { waitUntil: 'load' });
        await page.pdf({ preferCSSPageSize: true, printBackground: true });
      }
    }),
  );
  await browser.close();
  return { seconds: (performance.now() - started) / 1000 };
}

/** Starts watch mode, waits for its first build, changes one country, times until its PDF is rewritten. */
async function watchLatency(content: string, out: string): Promise<number> {
  const child = spawn(process.execPath, [CLI, 'build', '--watch', '--content', content, '--out', out], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  try {
    await waitUntil(() => /watching/.test(stdout), 120_000);
    const target = join(out, 'countries/country-007.pdf');
    const before = (await stat(target)).mtimeMs;
    const file = join(content, 'countries/country-007.md');
    const text = await readFile(file, 'utf8');
    const saved = performance.now();
    await writeFile(file, text.replace('Synthetic brief', `Synthetic brief, edited ${Date.now()}`));
    await waitUntil(async () => (await stat(target)).mtimeMs > before, 30_000);
    return (performance.now() - saved) / 1000;
  } finally {
    child.kill('SIGINT');
    await new Promise((done) => child.on('close', done));
  }
}

/**
 * The preview on a copy of the sample, its page open on one one-pager in Chromium: for each
 * save, the time from writing the Markdown to the page's canvas showing the new PDF (as the
 * page records it, on the next frame after the swap), and the page's share of it (from being
 * told of the new PDF to showing it), in seconds.
 */
export async function previewLatencies(saves: number): Promise<{ total: number[]; drawing: number[] }> {
  // The English sample, as the figure has always been measured (the French editions would add six documents to every build).
  const content = await englishSampleCopy();
  const out = await mkdtemp(join(tmpdir(), 'factsheets-bench-preview-out-'));
  const preview = await startPreview(CLI, ['--content', content, '--out', out], ROOT);
  const viewer = await launchViewer();
  try {
    const page = await viewer.newPage();
    let paint = await openDocument(page, preview.url, 'mali', 120_000);
    const file = join(content, 'countries/mali.md');
    const text = await readFile(file, 'utf8');
    const total: number[] = [];
    const drawing: number[] = [];
    for (let save = 1; save <= saves; save += 1) {
      // Past chokidar's 50 ms window and the quiet check after each save, as between a writer's saves.
      await new Promise((done) => setTimeout(done, 300));
      const written = performance.timeOrigin + performance.now();
      await writeFile(file, text.replace(/^role: (.*)$/m, `role: $1, save ${save}`));
      paint = await waitForPaint(page, paint.paints, 30_000);
      total.push((paint.paintedAt - written) / 1000);
      drawing.push((paint.paintedAt - paint.drawStartedAt) / 1000);
    }
    return { total, drawing };
  } finally {
    await viewer.close();
    await preview.stop();
    for (const folder of [content, out]) await rm(folder, { recursive: true, force: true });
  }
}

/** The value below which a share `p` of the samples lie (nearest rank). */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 5));
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '200' },
      runs: { type: 'string', default: '3' },
      out: { type: 'string', default: 'bench-results.json' },
    },
  });
  const n = Number(values.n);
  const runs = Number(values.runs);
  const jobs = Math.max(1, Math.min(4, availableParallelism() * 2));
  const results: Record<string, number | string | boolean> = {};
  const times = async (label: string, run: () => Promise<number>): Promise<number> => {
    const samples: number[] = [];
    for (let index = 0; index < runs; index += 1) samples.push(await run());
    process.stderr.write(`  ${label}: ${samples.map((value) => value.toFixed(3)).join(', ')}\n`);
    return median(samples);
  };

  process.stderr.write(
    `factsheets benchmark: N=${n}, ${runs} runs each, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`,
  );
  const content = await syntheticContent(n);
  const small = await syntheticContent(Math.max(1, Math.round(n / 4)));
  const documents = n + 1;

  const cold = await times('cold full build (s)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'factsheets-bench-out-'));
    return (await runCli(['build', '--content', content, '--out', out])).seconds;
  });
  const peakOf = async (folder: string): Promise<number> => {
    const out = await mkdtemp(join(tmpdir(), 'factsheets-bench-out-'));
    return (await runCli(['build', '--content', folder, '--out', out], { memory: true })).peakPssMb;
  };
  const peak = await peakOf(content);
  const peakSmall = await peakOf(small);
  process.stderr.write(
    `  peak memory (MB): N=${n} ${peak.toFixed(0)}, N=${Math.round(n / 4)} ${peakSmall.toFixed(0)}\n`,
  );

  const out = await mkdtemp(join(tmpdir(), 'factsheets-bench-out-'));
  await runCli(['build', '--content', content, '--out', out]);
  let noopStartedBrowser = false;
  const noop = await times('no-op rebuild (s)', async () => {
    const run = await runCli(['build', '--content', content, '--out', out]);
    noopStartedBrowser ||= run.browserStarted;
    return run.seconds;
  });
  let edit = 0;
  const oneMarkdown = await times('one country Markdown changed (s)', async () => {
    const file = join(content, 'countries/country-003.md');
    edit += 1;
    await writeFile(file, `${await readFile(file, 'utf8')}\nEdited ${edit}.\n`);
    return (await runCli(['build', '--content', content, '--out', out])).seconds;
  });
  const oneRow = await times('one dataset row changed (s)', async () => {
    const file = join(content, 'funding.csv');
    const csv = await readFile(file, 'utf8');
    await writeFile(
      file,
      csv.replace(
        /^(GM,European Development Fund,Budget support,Governance,2016,)(\d+)/m,
        (_, head: string, amount: string) => `${head}${Number(amount) + 1}`,
      ),
    );
    return (await runCli(['build', '--content', content, '--out', out])).seconds;
  });

  let reviewFound = { changed: 0, pages: 0 };
  const review = await times('review after one dataset row changed (s)', async () => {
    edit += 1;
    const measured = await reviewAfterOneRow(content, out, edit);
    reviewFound = measured;
    return measured.seconds;
  });

  const html = await finalHtml(content, out);
  const baseline = await times('raw baseline (s)', async () => (await rawBaseline(html, jobs)).seconds);

  const englishSample = await englishSampleCopy();
  const sampleCold = await times('sample cold build (English), whole process (s)', async () => {
    const sampleOut = await mkdtemp(join(tmpdir(), 'factsheets-bench-sample-'));
    return (await runCli(['build', '--content', englishSample, '--out', sampleOut])).seconds;
  });
  const bilingualCold = await times('sample cold build (with its French editions), whole process (s)', async () => {
    const sampleOut = await mkdtemp(join(tmpdir(), 'factsheets-bench-sample-'));
    return (await runCli(['build', '--out', sampleOut])).seconds;
  });

  const sampleBuilt = await mkdtemp(join(tmpdir(), 'factsheets-bench-sample-'));
  await runCli(['build', '--content', englishSample, '--out', sampleBuilt]);
  const standards: StandardsCost = await standardsCost(
    (await finalHtml(englishSample, sampleBuilt)).slice(0, -2),
    runs,
  );
  process.stderr.write(`  PDF/UA-1 + PDF/X-4 per document (ms): ${JSON.stringify(standards)}\n`);

  let watch: number | string = 'not measured';
  try {
    watch = await times('watch: one country saved → PDF rewritten (s)', async () => watchLatency(content, out));
  } catch (error) {
    watch = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }

  let preview: { p50: number; p95: number; drawingP50: number } | string = 'not measured';
  try {
    const latencies = await previewLatencies(20);
    process.stderr.write(
      `  preview: save → page repainted (s): ${latencies.total.map((value) => value.toFixed(3)).join(', ')}\n`,
    );
    process.stderr.write(
      `  preview: of which fetching and drawing in the page (s): ${latencies.drawing.map((value) => value.toFixed(3)).join(', ')}\n`,
    );
    preview = {
      p50: percentile(latencies.total, 0.5),
      p95: percentile(latencies.total, 0.95),
      drawingP50: percentile(latencies.drawing, 0.5),
    };
  } catch (error) {
    preview = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }

  Object.assign(results, {
    machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${cpus()[0]?.model ?? ''}`.trim(),
    n,
    documents,
    runs,
    jobs,
    coldSeconds: cold,
    coldDocsPerSecond: (documents + 1) / cold,
    baselineSeconds: baseline,
    baselineDocsPerSecond: html.length / baseline,
    throughputRatio: (documents + 1) / cold / (html.length / baseline),
    noopSeconds: noop,
    noopStartedBrowser,
    oneMarkdownSeconds: oneMarkdown,
    oneRowSeconds: oneRow,
    reviewOneRowSeconds: review,
    reviewChangedPdfs: reviewFound.changed,
    reviewPagesRendered: reviewFound.pages,
    sampleColdSeconds: sampleCold,
    bilingualSampleColdSeconds: bilingualCold,
    watchSeconds: watch,
    ...(typeof preview === 'string'
      ? { previewRepaint: preview }
      : {
          previewRepaintP50Seconds: preview.p50,
          previewRepaintP95Seconds: preview.p95,
          previewDrawingP50Seconds: preview.drawingP50,
        }),
    peakPssMb: peak,
    peakPssSmallMb: peakSmall,
    memoryRatio: peak / Math.max(1, peakSmall),
    standardsFinishMs: standards.finishMs,
    standardsCheckMs: standards.checkMs,
    standardsPrintFinishMs: standards.printFinishMs,
    standardsPrintCheckMs: standards.printCheckMs,
  });

  const row = (figure: string, value: string, target: string, met: boolean | undefined) =>
    `| ${figure.padEnd(44)} | ${value.padStart(14)} | ${target.padEnd(22)} | ${met === undefined ? '' : met ? 'yes' : 'NO'} |`;
  const lines = [
    `| ${'figure'.padEnd(44)} | ${'measured'.padStart(14)} | ${'target'.padEnd(22)} | met |`,
    `|${'-'.repeat(46)}|${'-'.repeat(16)}|${'-'.repeat(24)}|-----|`,
    row(`cold full build, N=${n} (+ factsheet, pack)`, `${cold.toFixed(2)} s`, '', undefined),
    row('  documents per second (pack included)', ((documents + 1) / cold).toFixed(1), '', undefined),
    row('  raw baseline, same final HTML, documents/s', (html.length / baseline).toFixed(1), '', undefined),
    row(
      '  throughput / raw baseline',
      `${((documents + 1) / cold / (html.length / baseline)).toFixed(2)}×`,
      '≥ 0.85×',
      (documents + 1) / cold / (html.length / baseline) >= 0.85,
    ),
    row(`  peak memory, Node + Chromium (PSS)`, `${peak.toFixed(0)} MB`, '≤ 1024 MB', peak <= 1024),
    row(
      `  peak memory vs N=${Math.round(n / 4)} (${peakSmall.toFixed(0)} MB, one run each)`,
      `${(peak / Math.max(1, peakSmall)).toFixed(2)}×`,
      '≤ 1.2×',
      peak / Math.max(1, peakSmall) <= 1.2,
    ),
    row('no-op rebuild', `${noop.toFixed(2)} s`, '≤ 0.5 s, no browser', noop <= 0.5 && !noopStartedBrowser),
    row('rebuild after one country Markdown changed', `${oneMarkdown.toFixed(2)} s`, '', undefined),
    row('rebuild after one dataset row changed', `${oneRow.toFixed(2)} s`, '', undefined),
    row(
      'review after one dataset row changed',
      `${review.toFixed(2)} s`,
      `${reviewFound.changed} PDFs, ${reviewFound.pages} pages drawn`,
      undefined,
    ),
    row('sample cold build (factsheet + 8), process', `${sampleCold.toFixed(2)} s`, '≤ 2.5 s', sampleCold <= 2.5),
    row(
      'sample + 6 French editions, cold, process',
      `${bilingualCold.toFixed(2)} s`,
      '(15 documents, 2 packs)',
      undefined,
    ),
    row(
      'watch: one country saved → PDF rewritten',
      typeof watch === 'number' ? `${watch.toFixed(2)} s` : watch,
      '≤ 0.3 s',
      typeof watch === 'number' ? watch <= 0.3 : false,
    ),
    row(
      'preview: save → page repainted, p50 / p95',
      typeof preview === 'string' ? preview : `${preview.p50.toFixed(2)} / ${preview.p95.toFixed(2)} s`,
      '≤ 0.3 s p95, 20 saves',
      typeof preview === 'string' ? false : preview.p95 <= 0.3,
    ),
    row(
      '  of which fetching and drawing it, p50',
      typeof preview === 'string' ? '' : `${preview.drawingP50.toFixed(2)} s`,
      '',
      undefined,
    ),
    row(
      `PDF/UA-1 finishing per document (${standards.documents})`,
      `${standards.finishMs.toFixed(1)} ms`,
      'a few ms',
      undefined,
    ),
    row('  PDF/UA-1 check per document', `${standards.checkMs.toFixed(1)} ms`, 'a few ms', undefined),
    row(
      '  print edition: PDF/X-4 finishing',
      `${standards.printFinishMs.toFixed(1)} ms`,
      '(crop marks included)',
      undefined,
    ),
    row('  print edition: PDF/UA-1 + PDF/X-4 check', `${standards.printCheckMs.toFixed(1)} ms`, '', undefined),
  ];
  process.stdout.write(
    `\nfactsheets benchmark (${results['machine']}), medians of ${runs} runs\n\n${lines.join('\n')}\n`,
  );
  await writeFile(String(values.out), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${values.out}\n`);
  for (const folder of [content, small]) await rm(folder, { recursive: true, force: true });
}

// Runs when started as a script; importing it (to make synthetic content elsewhere) runs nothing.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
