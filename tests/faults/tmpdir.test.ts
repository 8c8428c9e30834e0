import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';

describe('a TMPDIR the browser cannot use', () => {
  it.each([
    ['missing', async () => join(await tempDir('factsheets-tmpdir-'), 'not-there'), 'ENOENT'],
    [
      'a file',
      async () => {
        const file = join(await tempDir('factsheets-tmpdir-'), 'a-file');
        await writeFile(file, 'not a folder');
        return file;
      },
      'ENOTDIR',
    ],
  ])('(%s) is one clear error naming it, in text and in --json, and no internal error', async (_, make, code) => {
    const tmp = await make();
    const out = await tempDir('factsheets-tmpdir-out-');
    const text = await runCli(['build', '--out', out, '--force'], { env: { TMPDIR: tmp } });
    expect(text.code).toBe(1);
    expect(text.stderr).not.toContain('internal error');
    expect(text.stderr).toContain(`error: cannot create the browser's temporary profile in ${tmp}: ${code}`);
    expect(text.stderr).toContain('hint: TMPDIR must name an existing, writable folder (or be unset).');
    expect(text.stderr.match(/temporary profile/g)).toHaveLength(1);

    const json = await runCli(['build', '--out', out, '--force', '--json'], { env: { TMPDIR: tmp } });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; errors: { message: string; hint?: string }[] };
    expect(report.ok).toBe(false);
    expect(report.errors.map((error) => error.message)).toEqual([
      `cannot create the browser's temporary profile in ${tmp}: ${code}`,
    ]);
  });
});
