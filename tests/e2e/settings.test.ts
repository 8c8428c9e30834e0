import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir, writeContent } from '../helpers/content.js';
import { pageText, pdfInfo, pdfText } from '../helpers/pdf.js';
import { DATASET_HEADER } from '../helpers/sources.js';

/** Prose long enough to run onto a second page, where the running head shows. */
const LONG_BODY = Array.from(
  { length: 6 },
  (_, section) =>
    `## Section ${section + 1}\n\n${'The harbour authority upgraded quays, cranes and the rail link to the port. '.repeat(18)}\n`,
).join('\n');

// Three pages: more than the layout's budget of two, which the front matter allows.
const factsheet = (title: string) =>
  `---\ntitle: ${title}\ndate: 2024-03-01\npage_budget: 3\ncountries: [PT]\n---\n\n${LONG_BODY}`;

/** Another programme's project: its own settings, two factsheets, one brief (fictional sample data). */
const PROJECT_FILES = {
  'factsheets.yml': [
    '# Settings of a fictional programme, for this test.',
    'series: Green Ports Initiative',
    'publisher: Ports Office',
    'kicker: "{series} · Port brief"',
    'footer_note: Provisional figures, sample data',
    'currency: USD',
    'funding_label: Grants signed',
    '',
  ].join('\n'),
  'annual-review.md': factsheet('Annual review'),
  'harbour-update.md': factsheet('Harbour update'),
  'countries/portugal.md':
    '---\nname: Portugal\niso: PT\n---\n\n## Ports\n\nSample text about the ports of Portugal.\n',
  'funding.csv': `${DATASET_HEADER}\nPT,Port Fund,Quay works,Transport,2023,12500000,paid,Sample data: test\n`,
};

describe('project settings on real pages', () => {
  let root: string;
  let out: string;
  let first: CliResult;

  beforeAll(async () => {
    root = await writeContent(PROJECT_FILES);
    out = await tempDir('factsheets-settings-');
    first = await runCli(['build', '--content', root, '--out', out, '--jobs', '2']);
  }, 120_000);

  it('builds another programme without touching a template', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
  });

  it("gives each factsheet its own running head (series and title) and the settings' footer note", () => {
    const review = pageText(join(out, 'annual-review.pdf'), 2);
    const update = pageText(join(out, 'harbour-update.pdf'), 2);
    expect(review).toMatch(/GREEN PORTS INITIATIVE · ANNUAL REVIEW/);
    expect(update).toMatch(/GREEN PORTS INITIATIVE · HARBOUR UPDATE/);
    expect(update).not.toMatch(/ANNUAL REVIEW/);
    expect(review).toContain('Provisional figures, sample data');
    // The first page opens with the title band, whose kicker names the series: no running head there.
    expect(pageText(join(out, 'annual-review.pdf'), 1)).not.toMatch(/GREEN PORTS INITIATIVE · ANNUAL REVIEW/);
    expect(pageText(join(out, 'annual-review.pdf'), 1)).toMatch(
      /GREEN PORTS INITIATIVE · FACTSHEET · 1 MARCH 2024 Annual review/,
    );
  });

  it('titles the pack from the settings and counts what it holds', () => {
    const pack = join(out, 'briefing-pack.pdf');
    expect(pdfInfo(pack)['Title']).toBe('Briefing pack: Green Ports Initiative');
    expect(pageText(pack, 1)).toMatch(/Green Ports Initiative 2 factsheets and 1 country brief, \d+ pages\./);
  });

  it("prints the brief's kicker, funding label and currency from the settings, and the publisher as Author", () => {
    const brief = join(out, 'countries/portugal.pdf');
    const text = pdfText(brief);
    expect(text).toMatch(/Green Ports Initiative · Port brief/i);
    expect(text).toContain('Grants signed');
    expect(text).toContain('$12.5 million');
    expect(text).not.toMatch(/€|Partnership|Migration/);
    expect(pdfInfo(brief)['Author']).toBe('Ports Office');
  });

  it('rebuilds what a settings change affects, and reports a broken settings file at its line', async () => {
    const again = await runCli(['build', '--content', root, '--out', out, '--jobs', '2', '--json']);
    // Three documents and the briefing pack, all current.
    expect(
      (JSON.parse(again.stdout) as { documents: { status: string }[] }).documents.map((entry) => entry.status),
    ).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const settings = join(root, 'factsheets.yml');
    await writeFile(
      settings,
      (await readFile(settings, 'utf8')).replace('Provisional figures, sample data', 'Final figures, sample data'),
    );
    const changed = await runCli(['build', '--content', root, '--out', out, '--jobs', '2', '--json']);
    expect(changed.code).toBe(0);
    const statuses = Object.fromEntries(
      (JSON.parse(changed.stdout) as { documents: { name: string; status: string }[] }).documents.map((entry) => [
        entry.name,
        entry.status,
      ]),
    );
    // Every layout may print any setting (view.settings), so every document is rebuilt, and the pack made of them.
    expect(statuses).toEqual({
      'annual-review': 'built',
      'harbour-update': 'built',
      portugal: 'built',
      'briefing-pack': 'built',
    });
    expect(pageText(join(out, 'harbour-update.pdf'), 2)).toContain('Final figures, sample data');

    await writeFile(settings, 'series: Green Ports Initiative\ncurrency: dollars\n');
    const broken = await runCli(['build', '--content', root, '--out', out, '--jobs', '2']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/factsheets\.yml:2:11: error: field "currency" must be an ISO 4217 currency code/);
  });
}, 180_000);
