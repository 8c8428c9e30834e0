import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEnglishSample, tempDir } from '../helpers/content.js';
import { pdfText } from '../helpers/pdf.js';
import { startCli, waitFor } from '../helpers/processes.js';

describe('watch mode (real Chromium, real file changes)', () => {
  it('rebuilds the PDF a change affects, reports a broken edit and keeps watching, stops on SIGINT', async () => {
    const content = await copyEnglishSample();
    const out = await tempDir('factsheets-watch-');
    const { child, done } = startCli(['build', '--watch', '--content', content, '--out', out]);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await waitFor(async () => stdout.includes('watching '), 60_000, 'the first build');
      expect(stdout).toMatch(/10 built, 0 failed in/);
      const niger = join(out, 'countries/niger.pdf');
      const before = (await stat(niger)).mtimeMs;
      const nigerBefore = await readFile(join(out, 'countries/mali.pdf'));

      const file = join(content, 'countries/niger.md');
      const original = await readFile(file, 'utf8');
      await writeFile(
        file,
        original.replace(
          'role: Priority country of transit',
          'role: Priority country of transit, edited in watch mode',
        ),
      );
      await waitFor(
        async () => (await stat(niger)).mtimeMs > before && /rebuilt countries\/niger\.pdf in \d+\.\d+ s/.test(stdout),
        30_000,
        'the rebuild',
      );
      expect(pdfText(niger)).toContain('edited in watch mode');
      expect(stdout).not.toMatch(/rebuilt .*mali/);
      expect((await readFile(join(out, 'countries/mali.pdf'))).equals(nigerBefore)).toBe(true);

      await writeFile(file, '---\nname: Niger\niso: [NE\n---\n');
      await waitFor(async () => /not rebuilt: 1 error/.test(stdout), 30_000, 'the error line');
      expect(stderr).toMatch(/countries\/niger\.md:3:\d+: error: the front matter is not valid YAML/);

      // Straight after the failed build: within chokidar's 50 ms window for this file, which drops the event.
      await writeFile(file, original);
      await waitFor(
        async () => (stdout.match(/rebuilt countries\/niger\.pdf/g) ?? []).length === 2,
        30_000,
        'the rebuild after the fix',
      );
    } finally {
      child.kill('SIGINT');
    }
    const result = await done;
    expect(result.code).toBe(0);
  });
});
