import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWithExtraCountries, tempDir } from '../helpers/content.js';
import { checkStructure, pageCount } from '../helpers/pdf.js';
import { childPids, pdfsIn, signalGroup, startCli, waitFor } from '../helpers/processes.js';

const EXTRA = 16;
const TOTAL = 10 + EXTRA;

/** Every expected PDF (each document and the briefing pack) exists, is valid and has the pages its kind requires. */
async function expectComplete(out: string): Promise<void> {
  const pdfs = await pdfsIn(out);
  expect(pdfs).toHaveLength(TOTAL + 1);
  expect(pdfs).toContain('briefing-pack.pdf');
  for (const pdf of pdfs) {
    expect(() => checkStructure(join(out, pdf))).not.toThrow();
    if (pdf.startsWith('countries/')) expect(pageCount(join(out, pdf))).toBe(1);
  }
}

describe('the browser fails mid-build (real Chromium)', () => {
  it('is relaunched after it is killed, and every document is still built', async () => {
    const content = await sampleWithExtraCountries(EXTRA);
    const out = await tempDir('factsheets-crash-');
    const { child, done } = startCli(['build', '--content', content, '--out', out, '--jobs', '2']);
    await waitFor(async () => (await pdfsIn(out)).length > 0, 60_000, 'the first PDF');
    const browsers = childPids(child.pid ?? 0);
    expect(browsers.length).toBeGreaterThan(0);
    for (const pid of browsers) process.kill(pid, 'SIGKILL');

    const result = await done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`\\n${TOTAL + 1} built \\(${TOTAL} documents, the briefing pack\\), 0 failed in`),
    );
    await expectComplete(out);
  });

  it('is killed and relaunched when it hangs past the deadline, and every document is still built', async () => {
    const content = await sampleWithExtraCountries(EXTRA);
    const out = await tempDir('factsheets-hang-');
    const { child, done } = startCli(['build', '--content', content, '--out', out, '--jobs', '2', '--timeout', '3']);
    await waitFor(async () => (await pdfsIn(out)).length > 0, 60_000, 'the first PDF');
    const frozen = childPids(child.pid ?? 0);
    // Chromium runs as a process-group leader (src/stages/browser-process.ts): stop the whole browser, renderers too.
    for (const pid of frozen) signalGroup(pid, 'SIGSTOP');
    try {
      const result = await done;
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      await expectComplete(out);
    } finally {
      for (const pid of frozen) signalGroup(pid, 'SIGKILL');
    }
  });
});

describe('the build itself is killed (real Chromium)', () => {
  it('never leaves a truncated PDF nor loses a previous one', async () => {
    const content = await sampleWithExtraCountries(EXTRA);
    const out = await tempDir('factsheets-killed-');
    const first = await startCli(['build', '--content', content, '--out', out]).done;
    expect(first.code).toBe(0);
    // Every PDF is there to be lost: an empty folder would leave the loop below nothing to check.
    await expectComplete(out);
    const previous = new Map<string, Buffer>();
    for (const pdf of await pdfsIn(out)) previous.set(pdf, await readFile(join(out, pdf)));

    for (const delayMs of [300, 700, 1100]) {
      const { child, done } = startCli(['build', '--content', content, '--out', out, '--jobs', '2']);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const browsers = childPids(child.pid ?? 0);
      child.kill('SIGKILL');
      await done;
      for (const pid of browsers) signalGroup(pid, 'SIGKILL');
      // The same inputs give the same bytes, so every file must equal its previous version exactly.
      for (const [pdf, bytes] of previous) {
        expect((await readFile(join(out, pdf))).equals(bytes), `${pdf} after a kill at ${delayMs} ms`).toBe(true);
      }
    }
  });
});

describe('the build is interrupted (real Chromium)', () => {
  it('exits 130 on SIGINT and leaves no browser process behind', async () => {
    const content = await sampleWithExtraCountries(EXTRA);
    const out = await tempDir('factsheets-interrupted-');
    const { child, done } = startCli(['build', '--content', content, '--out', out]);
    await waitFor(async () => (await pdfsIn(out)).length > 0, 60_000, 'the first PDF');
    const browsers = childPids(child.pid ?? 0);
    expect(browsers.length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect((await done).code).toBe(130);
    await waitFor(async () => browsers.every((pid) => !alive(pid)), 10_000, 'the browser to end');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('two builds into the same output folder at once (real Chromium)', () => {
  it('both succeed and leave complete, identical PDFs', async () => {
    const content = await sampleWithExtraCountries(EXTRA);
    const reference = await tempDir('factsheets-reference-');
    const shared = await tempDir('factsheets-shared-');
    expect((await startCli(['build', '--content', content, '--out', reference]).done).code).toBe(0);
    const [a, b] = await Promise.all([
      startCli(['build', '--content', content, '--out', shared, '--jobs', '2']).done,
      startCli(['build', '--content', content, '--out', shared, '--jobs', '2']).done,
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    await expectComplete(shared);
    expect(await pdfsIn(reference)).toEqual(await pdfsIn(shared));
    for (const pdf of await pdfsIn(reference)) {
      expect((await readFile(join(shared, pdf))).equals(await readFile(join(reference, pdf))), pdf).toBe(true);
    }
  });
});
