import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copySample, tempDir } from '../helpers/content.js';
import { pageCount, pdfText } from '../helpers/pdf.js';

describe('a new partner with no funding decisions yet (real Chromium)', () => {
  let out: string;
  let build: CliResult;

  beforeAll(async () => {
    const content = await copySample();
    await writeFile(
      join(content, 'countries/chad.md'),
      '---\nname: Chad\niso: TD\nrole: New partner\n---\n\n## Why Chad\n\nTalks on a first programme began this year.\n',
    );
    const factsheet = await readFile(join(content, 'factsheet.md'), 'utf8');
    await writeFile(join(content, 'factsheet.md'), factsheet.replace(/^countries: \[(.*)\]$/m, 'countries: [$1, TD]'));
    out = await tempDir('factsheets-no-rows-');
    build = await runCli(['build', '--content', content, '--out', out, '--jobs', '2', '--only', 'chad,factsheet']);
  }, 120_000);

  it('builds its brief, which says no funding lines are recorded yet, with a warning', () => {
    expect(build.code).toBe(0);
    expect(build.stderr).toMatch(
      /countries\/chad\.md:3: warning: .*funding\.csv has no funding rows for TD yet: the brief says that no funding lines are recorded yet/,
    );
    const brief = join(out, 'countries/chad.pdf');
    expect(pageCount(brief)).toBe(1);
    const text = pdfText(brief).replace(/\s+/g, ' ');
    expect(text).toContain('no funding lines are recorded for Chad yet');
    expect(text).not.toMatch(/€0|0%|Infinity|Funding by instrument/);
  });

  it('the factsheet shows the country as "—" with a note', () => {
    expect(build.stderr).toMatch(
      /factsheet\.md:\d+: warning: .*no funding rows for TD yet: the factsheet shows "—" for it/,
    );
    const text = pdfText(join(out, 'factsheet.pdf')).replace(/\s+/g, ' ');
    expect(text).toMatch(/Chad/);
    expect(text).toContain('— No funding lines are recorded yet for this country in the dataset.');
  });
}, 180_000);
