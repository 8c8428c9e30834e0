import { mkdtemp, readdir, readFile, writeFile, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareOutput, writeOutput } from '../../src/stages/write.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'factsheets-write-'));
}

describe('writeOutput', () => {
  it('creates folders, writes the bytes and leaves no temporary file', async () => {
    const out = await tempDir();
    await writeOutput(out, 'countries/mali.pdf', new TextEncoder().encode('%PDF new'));
    expect(await readFile(join(out, 'countries/mali.pdf'), 'utf8')).toBe('%PDF new');
    expect(await readdir(join(out, 'countries'))).toEqual(['mali.pdf']);
  });

  it('makes the folder it is given when it is missing (a new --report DIR)', async () => {
    const out = join(await tempDir(), 'new/report');
    await writeOutput(out, 'index.html', new TextEncoder().encode('<p>'));
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('<p>');
  });

  it('replaces a previous file whole', async () => {
    const out = await tempDir();
    await writeFile(join(out, 'factsheet.pdf'), 'old');
    await writeOutput(out, 'factsheet.pdf', new TextEncoder().encode('new'));
    expect(await readFile(join(out, 'factsheet.pdf'), 'utf8')).toBe('new');
  });

  it.each(['../escape.pdf', '/etc/passwd', 'countries/../../x.pdf', ''])(
    'refuses to write outside the output folder: %j',
    async (path) => {
      const out = await tempDir();
      await expect(writeOutput(out, path, new Uint8Array())).rejects.toThrow(
        /refusing to write outside the output folder/,
      );
    },
  );

  it('reports a folder that cannot be created, naming the output', async () => {
    const out = await tempDir();
    await writeFile(join(out, 'countries'), 'a file where a folder should be');
    await expect(writeOutput(out, 'countries/mali.pdf', new Uint8Array([1]))).rejects.toMatchObject({
      message: 'this should be a folder but is a regular file; it is never opened',
      file: join(out, 'countries'),
      output: 'countries/mali.pdf',
    });
  });

  it('checks that the output folder is writable before printing, in one error', async () => {
    const parent = await tempDir();
    await writeFile(join(parent, 'out'), 'a file, not a folder');
    await expect(prepareOutput(join(parent, 'out'))).rejects.toMatchObject({
      message: expect.stringMatching(/^the output folder cannot be written \((EEXIST|ENOTDIR)\)$/),
      hint: 'Check that the output folder is writable, or choose another with --out DIR.',
    });
  });

  it('removes temporary files of killed builds, but not those of a build still running', async () => {
    const out = await tempDir();
    await mkdir(join(out, 'countries'));
    await writeFile(join(out, 'countries/.mali.pdf.0123456789ab.tmp'), 'half');
    await writeFile(join(out, '.factsheet.pdf.ba9876543210.tmp'), 'half');
    await writeFile(join(out, 'notes.tmp'), 'not ours');
    const later = Date.now() + 11 * 60 * 1000;
    await prepareOutput(out, ['countries'], Date.now());
    expect((await readdir(out)).sort()).toEqual(['.factsheet.pdf.ba9876543210.tmp', 'countries', 'notes.tmp']);
    await prepareOutput(out, ['countries'], later);
    expect((await readdir(out)).sort()).toEqual(['countries', 'notes.tmp']);
    expect(await readdir(join(out, 'countries'))).toEqual([]);
  });

  // Root ignores file permissions, so this case only runs as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('reports a read-only folder and keeps the old file', async () => {
    const out = await tempDir();
    await mkdir(join(out, 'countries'));
    await writeFile(join(out, 'countries/mali.pdf'), 'old');
    await chmod(join(out, 'countries'), 0o500);
    await expect(writeOutput(out, 'countries/mali.pdf', new Uint8Array([1]))).rejects.toThrow(
      'cannot write countries/mali.pdf (EACCES)',
    );
    expect(await readFile(join(out, 'countries/mali.pdf'), 'utf8')).toBe('old');
  });
});
