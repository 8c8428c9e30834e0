import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { SAMPLE_CONTENT, TEMPLATES, tempDir } from '../helpers/content.js';
import { pageCount, pdfFonts } from '../helpers/pdf.js';
import { declaredFonts } from '../../src/fonts/embed.js';
import { loadSources } from '../../src/stages/load.js';

const ARABIC = 'ar-MA/countries/morocco.pdf';
const AMHARIC = 'am/countries/ethiopia.pdf';

/** The document catalog's /Lang, read by qpdf. */
function catalogLanguage(path: string): string | undefined {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  }).toString('latin1');
  return /\/Lang \(([^)]*)\)/.exec(qdf.split('endobj').find((object) => /\/Type \/Catalog\b/.test(object)) ?? '')?.[1];
}

/**
 * The letters and digits of a text in reading order, as pdftotext gives them back or as the
 * source has them. Folded the same way on both sides, for what poppler cannot give back (and
 * only that): vowel marks (it may move a shadda, and it puts a space after one), the lam-alef
 * ligature, whose two letters it writes in reverse, and so the spaces; punctuation and bidi
 * controls are left out. The order of every letter and digit is still compared.
 */
function readingOrder(text: string): string {
  const folded = text.replace(/[\u064B-\u065F\u0670]/g, '').replace(/ل([اأإآ])/g, '$1ل');
  return (folded.match(/[\p{L}\p{Nd}]+/gu) ?? []).join('');
}

/** pdftotext's words of one page with their boxes, in the page's visual order (left to right), grouped by line. */
function lines(
  path: string,
): { words: { text: string; xMin: number; xMax: number }[]; xMin: number; xMax: number; yMin: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', path, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map(
    (line) => ({
      xMin: Number(line[1]),
      yMin: Number(line[2]),
      xMax: Number(line[3]),
      words: [
        ...(line[4] ?? '').matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g),
      ].map((word) => ({ xMin: Number(word[1]), xMax: Number(word[2]), text: word[3] ?? '' })),
    }),
  );
}

/** The topmost line that holds this word (pdftotext's bbox words are in drawing order: an Arabic word's letters reversed). */
function lineWith(path: string, word: string, visual = [...word].reverse().join('')) {
  const found = lines(path)
    .filter((line) => line.words.some((candidate) => candidate.text === visual || candidate.text === word))
    .sort((a, b) => a.yMin - b.yMin)[0];
  if (found === undefined) throw new Error(`no line with "${word}" in ${path}`);
  return { line: found, word: found.words.find((candidate) => candidate.text === visual || candidate.text === word) };
}

describe('right-to-left and Ethiopic editions of the sample (real Chromium)', () => {
  let out: string;
  let build: CliResult;

  beforeAll(async () => {
    out = await tempDir('factsheets-rtl-');
    build = await runCli(['build', '--out', out, '--only', 'morocco,ethiopia']);
  });

  it("builds the Arabic and the Amharic edition on one page each, at the layout's first step", () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    for (const edition of [ARABIC, AMHARIC]) {
      expect(pageCount(join(out, edition))).toBe(1);
      expect(build.stdout).toMatch(
        new RegExp(`^built  ${edition.replace(/[.]/g, '\\.')}  \\(1 page, \\d+ ms\\)$`, 'm'),
      );
    }
    expect(build.stdout).not.toMatch(/compact|dense/);
  });

  it('says the language in the PDF: /Lang ar-MA and am', () => {
    expect(catalogLanguage(join(out, ARABIC))).toBe('ar-MA');
    expect(catalogLanguage(join(out, AMHARIC))).toBe('am');
  });

  it('prints in the declared fonts only, the script fonts where the script is', async () => {
    const { templates } = await loadSources(SAMPLE_CONTENT, TEMPLATES);
    const declared = new Set((await declaredFonts(templates)).faces.map((face) => face.postscriptName));
    const used = (edition: string) => pdfFonts(join(out, edition)).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    for (const edition of [ARABIC, AMHARIC])
      for (const name of used(edition)) expect(declared, `${edition}: ${name}`).toContain(name);
    expect(used(ARABIC).some((name) => name.startsWith('Vazirmatn'))).toBe(true);
    expect(used(AMHARIC).some((name) => name.startsWith('NotoSansEthiopic'))).toBe(true);
    expect(used(AMHARIC).some((name) => name.startsWith('Vazirmatn'))).toBe(false);
  });

  it('gives back the Arabic prose in logical order, as the source has it', async () => {
    const source = (await readFile(join(SAMPLE_CONTENT, 'countries/morocco.ar-ma.md'), 'utf8')).split('---')[2] ?? '';
    const firstParagraph = source.split('\n\n').find((block) => !block.startsWith('#') && block.length > 100) ?? '';
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, ARABIC), '-'], { encoding: 'utf8' });
    const extracted = readingOrder(text);
    expect(readingOrder(firstParagraph).length).toBeGreaterThan(150);
    expect(extracted).toContain(readingOrder(firstParagraph));
    // The title and the lede as written.
    expect(extracted).toContain(readingOrder('المغرب شريك في شمال أفريقيا، بلد منشأ وعبور ومقصد'));
  });

  it('keeps figures and Latin names in their place inside Arabic sentences', () => {
    const extracted = readingOrder(
      execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, ARABIC), '-'], { encoding: 'utf8' }),
    );
    // "… records 97 million € of EU funding", CLDR's ar-MA figures (Latin digits), the amount after "the dataset".
    expect(extracted).toContain(readingOrder('تسجّل مجموعة البيانات 97 مليون € من تمويل الاتحاد الأوروبي للمغرب'));
    // A Latin acronym and the EUTF's resources inside the sentence, and the years running forwards.
    expect(extracted).toContain(readingOrder('من أجل أفريقيا (EUTF)، الذي تبلغ موارده نحو 2,9 مليار €'));
    expect(extracted).toContain(readingOrder('تقررت في 2016–2017'));
  });

  it('lays the page out right to left: a line starts at the right edge, the title and the key figures from the right', () => {
    const path = join(out, ARABIC);
    // The lede's first word ends its line on the right; the line's last word is further left.
    const lede = lineWith(path, 'يقع');
    expect(lede.word?.xMax).toBe(Math.max(...lede.line.words.map((word) => word.xMax)));
    expect(lede.line.xMax).toBeGreaterThan(550);
    const title = lineWith(path, 'المغرب');
    expect(title.line.xMax).toBeGreaterThan(550);
    // The first key figure (the amount) is the rightmost, the years the leftmost.
    const amount = lineWith(path, 'مليون');
    const years = lineWith(path, '2016–2017');
    expect(amount.line.xMin).toBeGreaterThan(years.line.xMax);
    // The charts run from the right: a bar's label ends at the panel's right edge, as the panel's headings do.
    const heading = lineWith(path, 'حسب');
    const label = lineWith(path, 'Neighbourhood', 'Neighbourhood');
    expect(Math.abs(label.line.xMax - heading.line.xMax)).toBeLessThan(2);
  });

  it('gives back the Amharic prose as written, with its punctuation', async () => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, AMHARIC), '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(
      'ኢትዮጵያ ከጎረቤት አገሮች የመጡ በመቶ ሺዎች የሚቆጠሩ ስደተኞችን ታስጠልላለች። በተመሳሳይ ጊዜ ዜጎቿ ወደ ባሕረ ሰላጤው አገሮች፣ ወደ ደቡብ አፍሪካና ወደ አውሮፓ ይሰደዳሉ።',
    );
    // CLDR's Amharic figures (am): €230 ሚ, Latin digits.
    expect(text).toMatch(/€230 ሚ/);
    expect(text).toContain('ምንጮች፡');
  });
});
