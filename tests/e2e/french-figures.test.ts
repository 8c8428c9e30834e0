import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyEnglishSample, tempDir } from '../helpers/content.js';
import { pdfFonts } from '../helpers/pdf.js';

/** The words of a PDF's first page with their left and right edges (pt), from `pdftotext -bbox`. */
function wordBoxes(pdf: string): { word: string; top: number; left: number; right: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (match) => ({ word: match[4] ?? '', top: Number(match[2]), left: Number(match[1]), right: Number(match[3]) }),
  );
}

/** The space between `first` and the word after it, where `first` first appears. */
function gapAfter(words: ReturnType<typeof wordBoxes>, first: string): { gap: number; top: number } {
  const index = words.findIndex((entry) => entry.word === first);
  const [word, next] = [words[index], words[index + 1]];
  if (word === undefined || next === undefined) throw new Error(`no word "${first}" followed by another`);
  return { gap: next.left - word.right, top: word.top };
}

describe('figures written in French (real Chromium)', () => {
  it('prints French money and percentages, U+202F included, in the brand fonts only', async () => {
    const content = await copyEnglishSample();
    const settings = join(content, 'factsheets.yml');
    await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^language: en$/m, 'language: fr'));
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out, '--only', 'mali', '--jobs', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const pdf = join(out, 'countries/mali.pdf');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('159 millions d’euros');
    expect(text).toContain('89,5 millions d’euros');
    // The fonts have no U+202F (tests/unit/brand-glyphs.test.ts): Chromium prints their own
    // space, narrower, and the text layer reads a plain space.
    expect(text).toMatch(/^67[ \u202F]%$/m);
    // The key figures share one size: "67 %" is set with a narrower space than "159 millions".
    const words = wordBoxes(pdf);
    const narrow = gapAfter(words, '67');
    const normal = gapAfter(words, '159');
    expect(narrow.top).toBe(normal.top);
    expect(narrow.gap / normal.gap).toBeGreaterThan(0.3);
    expect(narrow.gap / normal.gap).toBeLessThan(0.7);
    // No system font stood in for a character the brand fonts lack.
    for (const font of pdfFonts(pdf)) expect(font.name).toMatch(/^[A-Z]{6}\+(SourceSans3|SourceSerif4)/);
  });
});
