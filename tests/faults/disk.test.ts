import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { checkStructure } from '../helpers/pdf.js';
import { pdfsIn } from '../helpers/processes.js';

/** Small tmpfs mounts give a real read-only or full file system; they need root (CI runs as root). */
function mount(folder: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mounted: string[] = [];
afterEach(() => {
  for (const folder of mounted.splice(0)) execFileSync('umount', [folder]);
});

async function mountedFolder(options: string): Promise<string | undefined> {
  const folder = await tempDir('factsheets-mount-');
  if (!mount(folder, options)) return undefined;
  mounted.push(folder);
  return folder;
}

const canMount = process.getuid?.() === 0;

describe.skipIf(!canMount)('the output disk fails (needs root for tmpfs mounts)', () => {
  it('a read-only output folder gives one clear error, starts no browser and keeps the old PDFs', async () => {
    const out = await mountedFolder('size=2m');
    expect(out).toBeDefined();
    if (out === undefined) return;
    await mkdir(join(out, 'countries'));
    await writeFile(join(out, 'countries/mali.pdf'), 'previous');
    execFileSync('mount', ['-o', 'remount,ro', out]);

    const result = await runCli(['build', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${out}: error: the output folder cannot be written (the file system is read-only)\n` +
        '  hint: Check that the output folder is writable, or choose another with --out DIR.\n' +
        'warning: briefing-pack.pdf was not rebuilt: some English documents failed\n' +
        'warning: am/briefing-pack.pdf was not rebuilt: some Amharic documents failed\n' +
        'warning: ar-MA/briefing-pack.pdf was not rebuilt: some Arabic (Morocco) documents failed\n' +
        'warning: fr/briefing-pack.pdf was not rebuilt: some French documents failed\n',
    );
    // The sample's ten English documents, six French editions, an Arabic and an Amharic one.
    expect(result.stdout).toMatch(/\n0 built, 18 failed, 1 error in/);
    expect(await readFile(join(out, 'countries/mali.pdf'), 'utf8')).toBe('previous');
  });

  it('a disk that fills up mid-build gives one error listing the PDFs, and leaves no partial file', async () => {
    const out = await mountedFolder('size=300k');
    expect(out).toBeDefined();
    if (out === undefined) return;
    const result = await runCli(['build', '--out', out, '--jobs', '1']);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.includes('error:'));
    expect(errors).toHaveLength(1);
    // The PDFs that did not fit, and the manifest too if it came after the disk was full.
    expect(errors[0]).toMatch(
      new RegExp(
        `^${out}: error: cannot write \\d+ files \\(the disk is full\\): (?:[a-zA-Z-]+/)?countries/\\S+\\.pdf`,
      ),
    );
    const written = await pdfsIn(out);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(9);
    for (const pdf of written) expect(() => checkStructure(join(out, pdf))).not.toThrow();
    const leftovers = (await readdir(out, { recursive: true })).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});
