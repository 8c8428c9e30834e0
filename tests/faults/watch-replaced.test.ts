import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/content.js';
import { pdfText } from '../helpers/pdf.js';
import { startCli, waitFor } from '../helpers/processes.js';
import { smallProject } from '../helpers/small-project.js';

describe('watch mode survives its content folder being replaced (rm -rf content && tar x, git stash)', () => {
  it('notices the folder coming back, rebuilds from it, and keeps following saves', async () => {
    const content = await smallProject();
    const archive = join(await tempDir('factsheets-archive-'), 'content.tar');
    const out = await tempDir('factsheets-watch-');
    const { child, done } = startCli(['build', '--watch', '--content', content, '--out', out]);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const rebuilds = (): number => (stdout.match(/rebuilt countries\/mali\.pdf/g) ?? []).length;
    try {
      await waitFor(async () => stdout.includes('watching '), 60_000, 'the first build');
      const mali = join(content, 'countries/mali.md');
      const original = await readFile(mali, 'utf8');
      // The folder as an archive holds it with an edit; the folder itself goes away and comes back.
      await writeFile(mali, original.replace('Mali is both', 'Mali, restored from the archive, is both'));
      execFileSync('tar', ['cf', archive, '-C', dirname(content), content.split('/').pop() ?? '']);
      await waitFor(async () => rebuilds() === 1, 30_000, 'the rebuild of the edit');
      execFileSync('rm', ['-rf', content]);
      await waitFor(async () => /not rebuilt: 1 error/.test(stdout), 30_000, 'the build without a content folder');
      const before = stdout.length;
      execFileSync('tar', ['xf', archive, '-C', dirname(content)]);
      // Back: noticed (its Mali is the one already printed), and a save in it is seen and printed.
      await waitFor(
        async () => stdout.slice(before).includes('no change to print'),
        30_000,
        'the build of the restored folder',
      );
      await writeFile(mali, original.replace('Mali is both', 'Mali, saved after the restore, is both'));
      await waitFor(async () => rebuilds() === 2, 30_000, 'the rebuild after the folder came back');
      expect(pdfText(join(out, 'countries/mali.pdf'))).toContain('saved after the restore');
    } finally {
      child.kill('SIGINT');
    }
    expect((await done).code).toBe(0);
  }, 150_000);
});
