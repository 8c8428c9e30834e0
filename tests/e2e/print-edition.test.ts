import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { checkStructure, pageCount, pdfText } from '../helpers/pdf.js';

const A4 = { width: 594.96, height: 841.92 };
const BLEED = (3 * 72) / 25.4;
const FILES = ['factsheet.pdf', 'countries/mali.pdf', 'countries/cote-d-ivoire.pdf'];

/** Page boxes as pdfinfo -box reports them for page 1: [x0, y0, x1, y1] in points. */
function boxes(path: string): Record<string, number[]> {
  const output = execFileSync('pdfinfo', ['-box', path], { encoding: 'utf8' });
  return Object.fromEntries(
    [...output.matchAll(/^(\w+Box):\s+([\d.\s-]+)$/gm)].map((match) => [
      match[1],
      (match[2] ?? '').trim().split(/\s+/).map(Number),
    ]),
  );
}

describe('the print edition (--print, real Chromium)', () => {
  let out: string;
  let plain: string;
  let result: CliResult;

  beforeAll(async () => {
    [out, plain] = await Promise.all([tempDir('factsheets-print-'), tempDir('factsheets-plain-')]);
    result = await runCli(['build', '--print', '--out', out, '--only', 'factsheet.en,mali.en,cote-d-ivoire.en']);
    await runCli(['build', '--out', plain, '--only', 'factsheet.en,mali.en,cote-d-ivoire.en']);
  });

  it('builds every document and its print file, each with its line', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const file of FILES) {
      expect(result.stdout).toMatch(
        new RegExp(`^built  ${file.replace('.', '\\.')}  \\(\\d+ pages?, \\d+ ms\\)$`, 'm'),
      );
      expect(result.stdout).toMatch(
        new RegExp(`^built  print/${file.replace('.', '\\.')}  \\(print edition, \\d+ pages?, \\d+ ms\\)$`, 'm'),
      );
    }
    expect(result.stdout).toMatch(/\n6 built \(3 documents, 3 print editions\), 0 failed in \d+\.\d s\n$/);
  });

  it.each(FILES)('print/%s is trimmed to A4 with 3 mm of bleed on every side, and room for crop marks', (file) => {
    const path = join(out, 'print', file);
    const { MediaBox = [], TrimBox = [], BleedBox = [] } = boxes(path);
    const [tx0 = 0, ty0 = 0, tx1 = 0, ty1 = 0] = TrimBox;
    const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = BleedBox;
    const [, , mx1 = 0, my1 = 0] = MediaBox;
    expect(tx1 - tx0).toBeCloseTo(A4.width, 0);
    expect(ty1 - ty0).toBeCloseTo(A4.height, 0);
    for (const extra of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1]) expect(extra).toBeCloseTo(BLEED, 1);
    expect(bx0).toBeGreaterThan(20);
    expect(mx1 - bx1).toBeCloseTo(bx0, 1);
    expect(my1 - by1).toBeCloseTo(by0, 1);
    expect(pageCount(path)).toBe(pageCount(join(out, file)));
    expect(() => checkStructure(path)).not.toThrow();
  });

  it('claims and meets PDF/X-4 and PDF/UA-1: an OutputIntent, pdfxid in XMP, no annotations, tags kept (factsheets check --print)', async () => {
    const files = FILES.map((file) => join(out, 'print', file));
    const checked = await runCli(['check', '--print', ...files]);
    expect(checked.stdout).toBe('');
    expect(checked.code).toBe(0);
    for (const file of files) {
      const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
      expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
      expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
      const catalog = execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'utf8' });
      expect(catalog).toMatch(/\/ID \[/);
      const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], {
        encoding: 'latin1',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(qdf).toMatch(/\/S \/GTS_PDFX/);
      expect(qdf).not.toMatch(/\/Annots/);
      expect(qdf).toMatch(/\/DefaultRGB/);
    }
    // The Link elements stay (the factsheet has links), without their annotations.
    expect(
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(out, 'print/factsheet.pdf'), '-'], {
        encoding: 'latin1',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ).toMatch(/\/S \/Link/);
  });

  it('keeps the text and the fonts of the screen edition', () => {
    expect(pdfText(join(out, 'print/countries/mali.pdf'))).toContain('€159 million');
    expect(pdfText(join(out, 'print/factsheet.pdf'))).toContain('€217.7 million');
  });

  it('leaves the screen PDFs exactly as a build without --print writes them', async () => {
    for (const file of FILES)
      expect((await readFile(join(out, file))).equals(await readFile(join(plain, file))), file).toBe(true);
  });

  it('says so when a build writes only print editions, and lists them in --json', async () => {
    // The screen editions in this folder are current, so only the print files are written.
    const printOnly = await runCli([
      'build',
      '--print',
      '--out',
      plain,
      '--only',
      'factsheet.en,mali.en,cote-d-ivoire.en',
    ]);
    expect(printOnly.stdout).toMatch(/\n3 built \(3 print editions\), 3 unchanged, 0 failed in \d+\.\d s\n$/);
    for (const file of FILES)
      expect((await readFile(join(out, file))).equals(await readFile(join(plain, file))), file).toBe(true);

    const again = await runCli([
      'build',
      '--print',
      '--json',
      '--out',
      plain,
      '--only',
      'factsheet.en,mali.en,cote-d-ivoire.en',
    ]);
    const report = JSON.parse(again.stdout) as {
      summary: Record<string, unknown>;
      documents: { output: string; kind: string; edition?: string; status: string; pages: number }[];
    };
    expect(
      report.documents.map((document) => [document.output, document.edition ?? 'screen', document.status]).sort(),
    ).toEqual(
      [
        ...FILES.map((file) => [file, 'screen', 'unchanged']),
        ...FILES.map((file) => [`print/${file}`, 'print', 'unchanged']),
      ].sort(),
    );
    for (const document of report.documents)
      expect(document.pages, document.output).toBe(pageCount(join(plain, document.output)));
    expect(report.summary).toMatchObject({
      built: 0,
      unchanged: 6,
      failed: 0,
      documents: { built: 0, unchanged: 3, failed: 0 },
      printEditions: { built: 0, unchanged: 3, failed: 0 },
    });
  });
});
