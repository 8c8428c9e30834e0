import { execFileSync } from 'node:child_process';
import { appendFile, cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hyphenatorFor } from '../../src/stages/render/hyphenation-patterns.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copySample, tempDir, TEMPLATES } from '../helpers/content.js';
import { checkStructure, pageCount, pdfFonts } from '../helpers/pdf.js';

const FRENCH = [
  'Le Mali est à la fois un pays d’origine et un carrefour pour les personnes qui voyagent vers l’Afrique du Nord. ' +
    'Les conflits, les sécheresses récurrentes et la rareté des emplois poussent beaucoup de jeunes à partir, ' +
    'tandis que les routes désertiques les exposent aux passeurs et à de graves dangers.',
  'La coopération associe des actions immédiates au développement durable : elle accompagne la réintégration ' +
    'des migrants, soutient l’emploi et la formation professionnelle, et renforce la gouvernance des frontières.',
];
const ENGLISH = [
  'Niger is a crossroads of the central Mediterranean route. Cooperation combines humanitarian protection ' +
    'with development programmes, strengthens institutions responsible for migration management, and supports ' +
    'communities affected by irregular migration through alternative livelihoods.',
];

/** The prose column is 40 mm wide, so that long words meet line ends often. */
const NARROW_COLUMN = '\n.prose p { width: 40mm; }\n';

/** The first page's text as poppler extracts it, lines kept as printed (no joining of hyphenated lines). */
function printedLines(pdf: string): string[] {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', '1', '-l', '1', pdf, '-'], {
    encoding: 'utf8',
  }).split('\n');
}

/** Lines joined back into running text: a line ending in a hyphen after a letter continues the word on the next line. */
function joined(lines: readonly string[]): string {
  return lines
    .join('\n')
    .replace(/(\p{L})-\n(?=\p{L})/gu, '$1')
    .replace(/\s+/g, ' ');
}

/** Every word split at a line end, as [before the hyphen, after it]. */
function splitWords(lines: readonly string[]): [string, string][] {
  const splits: [string, string][] = [];
  lines.forEach((line, index) => {
    const before = /(\p{L}+)-$/u.exec(line)?.[1];
    const after = /^(\p{L}+)/u.exec(lines[index + 1] ?? '')?.[1];
    if (before !== undefined && after !== undefined) splits.push([before, after]);
  });
  return splits;
}

/** Whether the language's patterns allow a break in `word` after `prefix`. */
function breakPointOf(lang: string, prefix: string, word: string): boolean {
  const hyphenated = hyphenatorFor(lang)?.(word) ?? '';
  let at = 0;
  return hyphenated
    .split('\u00AD')
    .slice(0, -1)
    .some((part) => {
      at += part.length;
      return at === prefix.length;
    });
}

describe('hyphenation in a narrow column (real Chromium, real PDF)', () => {
  let out: string;
  let build: CliResult;

  beforeAll(async () => {
    const content = await copySample();
    // The French edition of Mali (its language from its file name), the English brief of Niger.
    await writeFile(
      join(content, 'countries/mali.fr.md'),
      `---\nname: Mali\niso: ML\n---\n\n## Pourquoi le Mali compte\n\n${FRENCH.join('\n\n')}\n`,
    );
    await writeFile(
      join(content, 'countries/niger.md'),
      `---\nname: Niger\niso: NE\n---\n\n## Why Niger matters\n\n${ENGLISH.join('\n\n')}\n`,
    );
    const templates = await tempDir('factsheets-templates-');
    await cp(TEMPLATES, templates, { recursive: true });
    await appendFile(join(templates, 'styles/one-pager.css'), NARROW_COLUMN);
    out = await tempDir('factsheets-hyphenation-');
    build = await runCli([
      'build',
      '--content',
      content,
      '--templates',
      templates,
      '--out',
      out,
      '--jobs',
      '2',
      '--only',
      'mali.fr,niger.en',
      '--quiet',
    ]);
  }, 120_000);

  it.each([
    ['French', 'fr/countries/mali.pdf', 'fr', FRENCH],
    ['English', 'countries/niger.pdf', 'en', ENGLISH],
  ] as const)(
    '%s prose prints with hyphenated line ends, at the break points of its own language',
    (_name, output, lang, paragraphs) => {
      expect(build.code, build.stderr).toBe(0);
      const pdf = join(out, output);
      checkStructure(pdf);
      expect(pageCount(pdf)).toBe(1);
      const lines = printedLines(pdf);
      const splits = splitWords(lines);
      expect(splits.length).toBeGreaterThanOrEqual(2);
      for (const [before, after] of splits) {
        expect(breakPointOf(lang, before, before + after), `${before}-${after}`).toBe(true);
      }
      // The line-end hyphen is drawn from the brand fonts, not a fallback.
      for (const font of pdfFonts(pdf)) expect(font.name).toMatch(/^[A-Z]{6}\+Source(?:Sans3|Serif4)/);
      // Chromium draws the hyphen as U+002D; joined at those line ends, the words are the source's.
      const text = joined(lines);
      for (const paragraph of paragraphs) expect(text).toContain(paragraph);
    },
  );

  it('leaves no soft hyphen in the extracted text, where lines break or not', () => {
    for (const [output, word] of [
      ['fr/countries/mali.pdf', 'développement'],
      ['countries/niger.pdf', 'programmes'],
    ] as const) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, output), '-'], { encoding: 'utf8' });
      expect(text).not.toContain('\u00AD');
      expect(text).toContain(word);
    }
  });
}, 180_000);
