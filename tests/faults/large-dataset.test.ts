import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources } from '../../src/stages/load.js';
import { planJobs } from '../../src/stages/plan.js';
import { validateSources } from '../../src/stages/validate.js';
import { runCli } from '../helpers/cli.js';
import { copyEnglishSample, TEMPLATES, tempDir } from '../helpers/content.js';

const ROWS = 200_000;
/** Countries with no one-pager (one-pagers list their rows: these would overflow a page). */
const BIG_COUNTRIES = [
  'FR',
  'DE',
  'IT',
  'ES',
  'PT',
  'BE',
  'NL',
  'AT',
  'SE',
  'FI',
  'DK',
  'PL',
  'CZ',
  'GR',
  'IE',
  'RO',
  'BG',
  'HU',
  'SK',
  'SI',
];

/** 200,000 valid rows (some 10 MB) after the sample's own, spread over BIG_COUNTRIES. */
function largeDataset(sampleCsv: string): string {
  const lines = [sampleCsv.trimEnd()];
  for (let index = 0; index < ROWS; index += 1) {
    lines.push(
      `${BIG_COUNTRIES[index % BIG_COUNTRIES.length] ?? 'FR'},EU Emergency Trust Fund for Africa,Programme ${index},Sector,${2000 + (index % 20)},${1000 + index},paid,Sample data: generated`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The sample plus 200,000 rows and a factsheet tabulating the big countries' totals. */
async function largeContent(): Promise<string> {
  const content = await copyEnglishSample();
  const sample = await readFile(join(content, 'funding.csv'), 'utf8');
  await writeFile(join(content, 'funding.csv'), largeDataset(sample));
  await writeFile(
    join(content, 'totals.md'),
    `---\ntitle: Totals by country\ncountries: [${BIG_COUNTRIES.join(', ')}]\n---\n\nThe totals of every country in the dataset.\n`,
  );
  return content;
}

/** The expected total of one big country: the sum of its generated amounts. */
function expectedTotal(iso: string): number {
  const offset = BIG_COUNTRIES.indexOf(iso);
  let total = 0;
  for (let index = offset; index < ROWS; index += BIG_COUNTRIES.length) total += 1000 + index;
  return total;
}

describe('a dataset of 200,000 rows', () => {
  it('validates and plans: every row kept, the factsheet tabulates exact totals', async () => {
    const sources = await loadSources(await largeContent(), TEMPLATES);
    const validation = validateSources(sources);
    expect(validation.errors).toEqual([]);
    expect(validation.dataset.records.length).toBeGreaterThan(ROWS);
    const planned = planJobs(validation.documents, validation.dataset);
    expect(planned.errors).toEqual([]);
    const totals = planned.jobs.find((job) => job.document.name === 'totals');
    const rows = (totals?.view['countries'] as { rows: { iso: string; total: number }[] } | undefined)?.rows;
    expect(rows?.map((row) => row.total)).toEqual(BIG_COUNTRIES.map(expectedTotal));
  });

  it('200,000 bad rows: each taints its country, the first ten of the kind are listed, then a count (no stack overflow)', async () => {
    const content = await largeContent();
    const bad = (await readFile(join(content, 'funding.csv'), 'utf8')).replace(
      /,paid,Sample data: generated/g,
      ',spent,Sample data: generated',
    );
    await writeFile(join(content, 'funding.csv'), bad);
    const validation = validateSources(await loadSources(content, TEMPLATES));
    expect(validation.errors).toHaveLength(11);
    expect(validation.errors[10]?.message).toBe('and 199,990 more bad values in column "status" (200,000 in all)');
    expect([...validation.dataset.taintedCountries].sort()).toEqual([...BIG_COUNTRIES].sort());
  });

  it('builds: the CLI prints every document, the totals factsheet included', async () => {
    const out = await tempDir();
    const result = await runCli(['build', '--content', await largeContent(), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n12 built \(11 documents, the briefing pack\), 0 failed in /);
    expect(result.stdout).toContain('built  totals.pdf');
  }, 120_000);
});
