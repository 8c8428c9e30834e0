import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { PUPPETEER_DEFAULT_ARGS } from '../../src/browser/process.js';
import { runCli } from '../helpers/cli.js';

describe('starting Chromium without puppeteer.launch', () => {
  it('passes the same flags Puppeteer would (headless, tagged PDF, outline, no background throttling)', () => {
    const puppeteers = puppeteer.defaultArgs({ headless: true }).filter((arg) => arg !== 'about:blank');
    expect([...PUPPETEER_DEFAULT_ARGS].sort()).toEqual([...puppeteers].sort());
  });

  it('leaves no profile folder behind after a build', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'factsheets-tmpdir-'));
    const out = await mkdtemp(join(tmpdir(), 'factsheets-out-'));
    const result = await runCli(['build', '--only', 'mali', '--out', out], { env: { TMPDIR: temp } });
    expect(result.code).toBe(0);
    expect(await readdir(temp)).toEqual([]);
  });
});

describe('renderer processes', () => {
  it('are at most one per core, and at most one per page', async () => {
    const { rendererLimit } = await import('../../src/browser/process.js');
    expect([rendererLimit(4, 2), rendererLimit(4, 8), rendererLimit(1, 2), rendererLimit(0, 2)]).toEqual([
      '--renderer-process-limit=2',
      '--renderer-process-limit=4',
      '--renderer-process-limit=1',
      '--renderer-process-limit=1',
    ]);
  });
});
