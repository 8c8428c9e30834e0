import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copySample, tempDir } from '../helpers/content.js';

describe('after --only, the outputs left behind are named (real Chromium)', () => {
  it('a changed row of Mali: the factsheet and the pack now disagree, and the warning says how to refresh them', async () => {
    const content = await copySample();
    const out = await tempDir('factsheets-only-');
    const full = await runCli(['build', '--content', content, '--out', out, '--jobs', '2']);
    expect(full.code).toBe(0);

    // Nothing changed: --only says nothing about the others.
    const quiet = await runCli(['build', '--content', content, '--out', out, '--only', 'mali']);
    expect(quiet.stderr).toBe('');

    const csv = join(content, 'funding.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace(/^(ML,[^\n]*?,)36500000,/m, '$141000000,'));
    const only = await runCli(['build', '--content', content, '--out', out, '--only', 'mali']);
    expect(only.code).toBe(0);
    expect(only.stdout).toMatch(/built {2}countries\/mali\.pdf/);
    expect(only.stdout).toMatch(/built {2}fr\/countries\/mali\.pdf/);
    // Both editions of the factsheet total Mali's rows; each language's pack holds the old pages.
    expect(only.stderr).toBe(
      'warning: factsheet.pdf, fr/factsheet.pdf, briefing-pack.pdf and fr/briefing-pack.pdf now disagree with their inputs (this run was limited by --only); build without --only to refresh them\n',
    );
  }, 180_000);
});
