import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { approvedSmallProject, editFile, runGuarded } from '../helpers/small-project.js';

/** An approved build of the small project, and the project itself. */
let content: string;
let approved: string;

beforeAll(async () => {
  ({ content, approved } = await approvedSmallProject());
}, 120_000);

/** A folder outside every folder the build owns, holding a file that must survive. */
async function victimFolder(): Promise<{ folder: string; file: string }> {
  const folder = await tempDir('factsheets-victim-');
  await writeFile(join(folder, 'mali.pdf'), 'keep me');
  return { folder, file: join(folder, 'mali.pdf') };
}

describe('no build writes through a link in the output folder', () => {
  it('OUT/countries linked elsewhere: the build names the link and writes nothing there', async () => {
    const out = await tempDir('factsheets-out-');
    const victim = await victimFolder();
    await symlink(victim.folder, join(out, 'countries'));
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(out, 'countries')}: error: this is a link (to ${victim.folder}): nothing is written or read through a link in the output folder`,
    );
    expect(await readFile(victim.file, 'utf8')).toBe('keep me');
    expect(await readdir(victim.folder)).toEqual(['mali.pdf']);
    // The documents outside the linked folder still build.
    expect(result.stdout).toContain('built  factsheet.pdf');
  });

  it('OUT/countries/mali.pdf a link to a file elsewhere: refused, the file elsewhere untouched', async () => {
    const out = await tempDir('factsheets-out-');
    const victim = await victimFolder();
    await mkdir(join(out, 'countries'));
    await symlink(victim.file, join(out, 'countries/mali.pdf'));
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(out, 'countries/mali.pdf')}: error: this is a link (to ${victim.file}): nothing is written or read through a link in the output folder`,
    );
    expect(await readFile(victim.file, 'utf8')).toBe('keep me');
  });
});

describe('review writes its report and reads the approved build without following links', () => {
  async function reviewedFolders(): Promise<string> {
    const out = await tempDir('factsheets-review-');
    await cp(approved, out, { recursive: true });
    return out;
  }

  it.each(['index.html', 'summary.md'])(
    'a planted OUT/review/%s link is an error naming it; the file it points to is kept',
    async (name) => {
      const out = await reviewedFolders();
      const victim = await victimFolder();
      await mkdir(join(out, 'review'));
      await symlink(victim.file, join(out, 'review', name));
      const result = await runCli(['review', '--against', approved, '--content', content, '--out', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `${join(out, 'review', name)}: error: this is a link (to ${victim.file}): nothing is written or read through a link in the output folder`,
      );
      expect(await readFile(victim.file, 'utf8')).toBe('keep me');
    },
  );

  it('an approved PDF that is a link leading outside --against is refused, its pages never drawn', async () => {
    const against = await tempDir('factsheets-against-');
    await cp(approved, against, { recursive: true });
    const outside = await tempDir('factsheets-outside-');
    // A real PDF elsewhere (another document's), linked in place of the approved Mali.
    await cp(join(approved, 'countries/ghana.pdf'), join(outside, 'other.pdf'));
    execFileSync('rm', [join(against, 'countries/mali.pdf')]);
    await symlink(join(outside, 'other.pdf'), join(against, 'countries/mali.pdf'));
    const changed = await tempDir('factsheets-content-');
    await cp(content, changed, { recursive: true });
    await editFile(join(changed, 'countries/mali.md'), 'Mali', 'Mali (edited)');
    const out = await reviewedFolders();
    const result = await runCli(['review', '--against', against, '--content', changed, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(against, 'countries/mali.pdf')}: error: this is a link (to ${join(outside, 'other.pdf')}): nothing is written or read through a link in the approved folder`,
    );
  });
});

describe('a FIFO never blocks a build or a review', () => {
  it('a FIFO as OUT/manifest.json: the build ends by itself and names it', async () => {
    const out = await tempDir('factsheets-out-');
    execFileSync('mkfifo', [join(out, 'manifest.json')]);
    const result = await runGuarded(['build', '--content', content, '--out', out], 60_000);
    expect(result.hung, 'the build hung on the FIFO').toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(out, 'manifest.json')}: error: this should be a regular file but is a named pipe (FIFO); it is never opened`,
    );
  }, 90_000);

  it('a FIFO as an approved PDF: the review ends by itself and names it', async () => {
    const against = await tempDir('factsheets-against-');
    await cp(approved, against, { recursive: true });
    execFileSync('rm', [join(against, 'countries/mali.pdf')]);
    execFileSync('mkfifo', [join(against, 'countries/mali.pdf')]);
    const changed = await tempDir('factsheets-content-');
    await cp(content, changed, { recursive: true });
    await editFile(join(changed, 'countries/mali.md'), 'Mali', 'Mali (edited)');
    const out = await reviewedFolders();
    const result = await runGuarded(['review', '--against', against, '--content', changed, '--out', out], 60_000);
    expect(result.hung, 'the review hung on the FIFO').toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(against, 'countries/mali.pdf')}: error: this should be a regular file but is a named pipe (FIFO); it is never opened`,
    );
  }, 90_000);

  async function reviewedFolders(): Promise<string> {
    const out = await tempDir('factsheets-review-');
    await cp(approved, out, { recursive: true });
    return out;
  }
});
