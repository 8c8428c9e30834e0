import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';
import { pageCount, pdfText } from '../helpers/pdf.js';
import { formatMoney } from '../../src/stages/render/handlebars/format.js';
import { generateContent, type GeneratedCountry } from '../helpers/realistic-content.js';

interface JsonFit {
  readonly step: string;
  readonly stepIndex: number;
  readonly roomMm: number;
  readonly lines?: { readonly shown: number; readonly leftOut: number };
}
interface JsonReport {
  readonly documents: {
    readonly name: string;
    readonly status: string;
    readonly output: string;
    readonly fit?: JsonFit;
  }[];
  readonly errors: { readonly document?: string; readonly message: string }[];
}

/**
 * Generated briefs (the seed of realistic-fit.test.ts) whose funding tables the fitter cut, one
 * printed at each step. Before the fitter showed lines again after its estimate, each of them
 * left room for at least one more line (measured: 12 to 18 mm left with one more line shown).
 */
const SEED = 20_171_006;
const BRIEFS = ['c-084-gm', 'c-111-jm', 'c-195-sd'];
const STEPS = ['compact', 'dense'];
const MIN_LINES = [6, 4, 3];

/** The one-pager's templates, its fit steps stopping at `stepIndex`, where the table may not drop under `lines`. */
async function templatesKeeping(stepIndex: number, lines: number): Promise<string> {
  const folder = await tempDir('factsheets-fit-templates-');
  await cp(TEMPLATES, folder, { recursive: true });
  const layout = join(folder, 'layouts/one-pager.hbs');
  const declared = 'data-fit-steps="compact dense" data-fit-min-lines="6 4 3"';
  const text = await readFile(layout, 'utf8');
  expect(text).toContain(declared);
  const minLines = [...MIN_LINES.slice(0, stepIndex), lines].join(' ');
  await writeFile(
    layout,
    text.replace(declared, `data-fit-steps="${STEPS.slice(0, stepIndex).join(' ')}" data-fit-min-lines="${minLines}"`),
  );
  return folder;
}

describe('the fitter fills the room it has: as many funding lines as fit at the step it prints at', () => {
  let briefs: GeneratedCountry[];
  let folder: string;
  let out: string;
  let report: JsonReport;

  beforeAll(async () => {
    const content = generateContent(SEED, 200);
    briefs = BRIEFS.map((name) => content.countries.find((country) => country.name === name) as GeneratedCountry);
    const header = content.csv.split('\n')[0] ?? '';
    folder = await writeContent({
      'funding.csv': `${header}\n${briefs.flatMap((brief) => brief.rows).join('\n')}\n`,
      ...Object.fromEntries(briefs.map((brief) => [`countries/${brief.name}.md`, brief.markdown])),
    });
    out = await tempDir('factsheets-fit-room-');
    report = JSON.parse(
      (await runCli(['build', '--content', folder, '--out', out, '--jobs', '2', '--json'])).stdout,
    ) as JsonReport;
  }, 120_000);

  it('prints the largest N lines that fit and a closing line for the rest: every row accounted for, the amounts adding up', async () => {
    expect(report.errors).toEqual([]);
    expect(
      new Set(briefs.map((brief) => report.documents.find((each) => each.name === brief.name)?.fit?.step)),
    ).toEqual(new Set(['design', ...STEPS]));
    for (const brief of briefs) {
      const document = report.documents.find((each) => each.name === brief.name);
      const { shown = 0, leftOut = 0 } = document?.fit?.lines ?? {};
      const pdf = join(out, document?.output ?? '');
      expect(pageCount(pdf), brief.name).toBe(1);
      expect(shown + leftOut, brief.name).toBe(brief.rows.length);
      const amounts = brief.rows.map((row) => Number(row.split(',').at(-3))).sort((a, b) => b - a);
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      expect(text, brief.name).toContain(`and ${leftOut} more lines`);
      expect(text, brief.name).toContain(formatMoney(amounts.slice(shown).reduce((sum, amount) => sum + amount, 0)));
      expect(text, brief.name).toContain(formatMoney(amounts.reduce((sum, amount) => sum + amount, 0)));
      // One more would not fit: the same page made to keep N + 1 lines at its step runs over.
      const fit = document?.fit;
      const templates = await templatesKeeping(fit?.stepIndex ?? 0, (fit?.lines?.shown ?? 0) + 1);
      const again = await runCli([
        'build',
        '--content',
        folder,
        '--out',
        await tempDir('factsheets-fit-more-'),
        '--templates',
        templates,
        '--only',
        brief.name,
        '--json',
      ]);
      const errors = (JSON.parse(again.stdout) as JsonReport).errors;
      expect(
        errors.map((error) => error.message),
        brief.name,
      ).toEqual([expect.stringMatching(/^does not fit on one page even at its densest step/)]);
    }
  }, 120_000);
});
