import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFile, readdir, stat, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput, type ChunkWriter } from '../../src/stages/write.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { editFile, smallProject } from '../helpers/small-project.js';

const canMount = process.getuid?.() === 0;
const PREVIOUS = 'the previous, good pack';
/** A pack of three pieces (as mergePdfPieces gives it), 3 × 64 KB. */
const pieces = [0x41, 0x42, 0x43].map((byte) => new Uint8Array(64 * 1024).fill(byte));

async function folderWithPreviousPack(): Promise<string> {
  const out = await tempDir('factsheets-whole-');
  await writeFile(join(out, 'briefing-pack.pdf'), PREVIOUS);
  return out;
}

/** The real write, until `budget` bytes have gone to disk: then what a full disk does. */
function fillingDisk(budget: number, full: 'throws' | 'short' | 'lies'): ChunkWriter {
  let left = budget;
  return async (handle, chunk, position) => {
    if (left <= 0) {
      if (full === 'throws')
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      // A writer that says it wrote everything (lies) or nothing more (short).
      return full === 'lies' ? chunk.byteLength : 0;
    }
    const length = Math.min(left, chunk.byteLength);
    const { bytesWritten } = await handle.write(chunk, 0, length, position);
    left -= bytesWritten;
    return full === 'lies' ? chunk.byteLength : bytesWritten;
  };
}

async function expectPreviousKept(out: string): Promise<void> {
  expect(await readFile(join(out, 'briefing-pack.pdf'), 'utf8')).toBe(PREVIOUS);
  expect((await readdir(out)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}

describe('an output is written whole or not at all (an injected writer fills the disk)', () => {
  it('a full disk halfway through the pack: the previous pack is kept, the error says the disk is full', async () => {
    const out = await folderWithPreviousPack();
    await expect(
      writeOutput(out, 'briefing-pack.pdf', pieces, { writer: fillingDisk(100_000, 'throws') }),
    ).rejects.toMatchObject({
      message: 'cannot write briefing-pack.pdf (the disk is full)',
      file: join(out, 'briefing-pack.pdf'),
      hint: 'Free disk space and build again; the previous file was kept.',
      reason: 'the disk is full',
    });
    await expectPreviousKept(out);
  });

  it('a short write that is not an error: every write is checked for its length', async () => {
    const out = await folderWithPreviousPack();
    await expect(
      writeOutput(out, 'briefing-pack.pdf', pieces, { writer: fillingDisk(100_000, 'short') }),
    ).rejects.toMatchObject({
      message: 'cannot write briefing-pack.pdf (a write was cut short)',
    });
    await expectPreviousKept(out);
  });

  it('a writer that says it wrote what it did not: what is on disk is checked before the rename', async () => {
    const out = await folderWithPreviousPack();
    await expect(
      writeOutput(out, 'briefing-pack.pdf', pieces, { writer: fillingDisk(100_000, 'lies') }),
    ).rejects.toMatchObject({
      message: 'cannot write briefing-pack.pdf (what is on disk differs from what was written)',
    });
    await expectPreviousKept(out);
  });

  it('with room on the disk, all the pieces are written, in order', async () => {
    const out = await folderWithPreviousPack();
    await writeOutput(out, 'briefing-pack.pdf', pieces, { writer: fillingDisk(10_000_000, 'throws') });
    const hash = createHash('sha256');
    for (const piece of pieces) hash.update(piece);
    expect(
      createHash('sha256')
        .update(await readFile(join(out, 'briefing-pack.pdf')))
        .digest('hex'),
    ).toBe(hash.digest('hex'));
  });

  // Mounting needs root (CI runs as root); the injected writers above cover the same paths without it.
  it.skipIf(!canMount)(
    'a write the kernel cuts short on a real full file system (a 64 KB tmpfs) keeps the previous file (needs root)',
    async () => {
      const out = await folderWithPreviousPack();
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', out], { stdio: 'ignore' });
      try {
        await writeFile(join(out, 'briefing-pack.pdf'), PREVIOUS);
        await expect(writeOutput(out, 'briefing-pack.pdf', pieces)).rejects.toMatchObject({
          message: 'cannot write briefing-pack.pdf (the disk is full)',
        });
        await expectPreviousKept(out);
      } finally {
        execFileSync('umount', [out]);
      }
    },
  );
});

describe.skipIf(!canMount)('the disk fills while the build writes the pack (a small tmpfs; needs root)', () => {
  it('the build fails naming the pack and the full disk; the previous pack and its manifest entry stay true', async () => {
    const content = await smallProject();
    const out = await tempDir('factsheets-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', out], { stdio: 'ignore' });
    try {
      const first = await runCli(['build', '--content', content, '--out', out, '--quiet']);
      expect(first.code, first.stderr).toBe(0);
      const previousPack = await readFile(join(out, 'briefing-pack.pdf'));
      // Mali changes (its PDF fits on the disk); the pack, made again, does not.
      await editFile(join(content, 'countries/mali.md'), 'Mali is both', 'Mali, edited, is both');
      const mali = (await stat(join(out, 'countries/mali.pdf'))).size;
      expect(previousPack.byteLength).toBeGreaterThan(2 * mali + 64 * 1024);
      const { bavail, bsize } = await statfs(out);
      await writeFile(join(out, 'filler'), new Uint8Array(bavail * bsize - (mali + 64 * 1024)));

      const second = await runCli(['build', '--content', content, '--out', out]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `${join(out, 'briefing-pack.pdf')}: error: cannot write briefing-pack.pdf (the disk is full)`,
      );
      expect(second.stdout).not.toContain('built  briefing-pack.pdf');
      const pack = await readFile(join(out, 'briefing-pack.pdf'));
      expect(pack.equals(previousPack), 'the previous pack is kept byte for byte').toBe(true);
      // The manifest (if it could be written at all) describes the pack that is on disk.
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
        documents: { output: string; sha256: string }[];
      };
      const entry = manifest.documents.find((document) => document.output === 'briefing-pack.pdf');
      expect(entry?.sha256).toBe(createHash('sha256').update(pack).digest('hex'));
    } finally {
      execFileSync('umount', [out]);
    }
  }, 120_000);
});
