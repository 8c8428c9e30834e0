import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEnglishSample, tempDir } from '../helpers/content.js';
import { startCli, waitFor } from '../helpers/processes.js';

const OVERFLOW =
  `\n${'The partnership keeps its promises to every country, year after year, with more words than any single page can hold. '.repeat(12)}\n`.repeat(
    14,
  );

describe('watch mode remembers failed documents (real Chromium, real file changes)', () => {
  it('does not try a failed brief again until its inputs change, and says so in one line', async () => {
    const content = await copyEnglishSample();
    const out = await tempDir('factsheets-watch-memo-');
    const ghana = join(content, 'countries/ghana.md');
    const senegal = join(content, 'countries/senegal.md');
    const ghanaOriginal = await readFile(ghana, 'utf8');
    await writeFile(ghana, ghanaOriginal + OVERFLOW);
    await writeFile(senegal, (await readFile(senegal, 'utf8')) + OVERFLOW);
    // And one that fails before printing: its front matter is not valid YAML.
    await writeFile(join(content, 'countries/nigeria.md'), '---\nname: Nigeria\niso: [NG\n---\n');
    const { child, done } = startCli(['build', '--watch', '--content', content, '--out', out]);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const overflowErrors = (): number => (stderr.match(/does not fit on one page/g) ?? []).length;
    const yamlErrors = (): number => (stderr.match(/the front matter is not valid YAML/g) ?? []).length;
    try {
      await waitFor(async () => stdout.includes('watching '), 90_000, 'the first build');
      expect(stdout).toMatch(/7 built, 3 failed, 3 errors in/);
      expect(overflowErrors()).toBe(2);
      expect(yamlErrors()).toBe(1);

      // An unrelated save: only Niger is printed; the three failures are one short line each.
      const niger = join(content, 'countries/niger.md');
      await writeFile(
        niger,
        (await readFile(niger, 'utf8')).replace(
          'role: Priority country of transit',
          'role: Priority country of transit, edited',
        ),
      );
      await waitFor(
        async () =>
          /rebuilt countries\/niger\.pdf/.test(stdout) && (stderr.match(/still failing as before/g) ?? []).length === 3,
        60_000,
        'the rebuild of Niger',
      );
      expect(stdout).toMatch(/rebuilt countries\/niger\.pdf in \d+\.\d+ s\n/);
      expect(stderr).toMatch(/still failing as before: one-pager ghana \(fix .*countries\/ghana\.md\)/);
      expect(stderr).toMatch(/still failing as before: one-pager senegal \(fix .*countries\/senegal\.md\)/);
      expect(stderr).toMatch(/still failing as before: one-pager nigeria \(fix .*countries\/nigeria\.md:3:\d+\)/);
      expect(overflowErrors()).toBe(2);
      expect(yamlErrors()).toBe(1);

      // Ghana fixed: its inputs changed, so it is tried again and built; Senegal stays summarised.
      await writeFile(ghana, ghanaOriginal);
      // A save may be seen half-written first (one more build, one more summary line): at least one more, never the full error again.
      await waitFor(
        async () =>
          /rebuilt countries\/ghana\.pdf/.test(stdout) &&
          (stderr.match(/still failing as before: one-pager senegal/g) ?? []).length >= 2,
        60_000,
        'the rebuild of Ghana',
      );
      expect(stdout).not.toMatch(/rebuilt [^\n]*senegal/);
      expect(overflowErrors()).toBe(2);
    } finally {
      child.kill('SIGINT');
    }
    const result = await done;
    expect(result.code).toBe(0);
  }, 240_000);
});
