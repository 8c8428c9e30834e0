import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyEnglishSample, tempDir } from '../helpers/content.js';
import { startCli } from '../helpers/processes.js';

/** 100 KB of emphasis markers that make a Markdown parser backtrack for minutes. */
const STARS = `---\ntitle: Stars\n---\n\n${'*'.repeat(50_000)}x${'*'.repeat(50_000)}\n`;

describe('one pathological document stalls nothing else (real Chromium)', () => {
  it('fails alone at the deadline while every other document is built', async () => {
    const content = await copyEnglishSample();
    await writeFile(join(content, 'stars.md'), STARS);
    const out = await tempDir('factsheets-isolation-');
    const started = Date.now();
    const result = await runCli(['build', '--content', content, '--out', out, '--timeout', '4']);
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('stars.md: error: factsheet stars: rendering took longer than 4 s and was stopped');
    expect(result.stdout).toMatch(/10 built, 1 failed/);
  });

  it('answers a signal at once while a document is stuck in rendering', async () => {
    const content = await copyEnglishSample();
    await writeFile(join(content, 'stars.md'), STARS);
    const out = await tempDir('factsheets-isolation-');
    const { child, done } = startCli([
      'build',
      '--content',
      content,
      '--out',
      out,
      '--only',
      'stars',
      '--timeout',
      '60',
    ]);
    // Three seconds in, the document is deep in the Markdown parser.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(143);
    expect(Date.now() - signalled).toBeLessThan(2_000);
  });
});
