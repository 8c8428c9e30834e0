import { describe, expect, it } from 'vitest';
import { documentNameFromFragment } from '../../src/preview/client/fragment.js';
import { PROJECT } from '../helpers/content.js';
import { launchViewer, startPreview, waitForPaint } from '../helpers/preview.js';
import { smallProject } from '../helpers/small-project.js';
import { tempDir } from '../helpers/content.js';
import { join } from 'node:path';

describe('the preview page reads its address fragment safely', () => {
  it.each([
    ['#mali', 'mali'],
    ['#c%C3%B4te', 'côte'],
    ['#100%', '100%'],
    ['#%E0%A4%A', '%E0%A4%A'],
    ['', ''],
  ])('%j names %j', (hash, name) => {
    expect(documentNameFromFragment(hash)).toBe(name);
  });

  it('a malformed fragment (/#100%) opens the first document instead of staying on "Building…"', async () => {
    const content = await smallProject();
    const out = await tempDir('factsheets-preview-');
    const preview = await startPreview(join(PROJECT, 'dist/cli.js'), ['--content', content, '--out', out], PROJECT);
    const viewer = await launchViewer();
    try {
      const page = await viewer.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`${preview.url}#100%`);
      const paint = await waitForPaint(page, 0, 60_000);
      expect(paint.document).not.toBe('');
      expect(errors).toEqual([]);
    } finally {
      await viewer.close();
      await preview.stop();
    }
  }, 90_000);
});
