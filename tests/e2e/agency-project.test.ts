import { execFileSync } from 'node:child_process';
import { cp, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli } from '../helpers/cli.js';
import { PROJECT, tempDir } from '../helpers/content.js';
import { boxesMm, pdfFonts, pdfText } from '../helpers/pdf.js';

/** An agency's project: its own templates/ beside content/, two brief layouts sharing house.css (docs/templates.md). */
const FIXTURE = join(PROJECT, 'tests/fixtures/agency-project');
const BRIEFS = { ghana: 'sidebar', 'viet-nam': 'sidebar', bangladesh: 'ledger' } as const;
/** house.css's --brand, the delta teal: only that sheet defines it. */
const TEAL = [0x0e, 0x5a, 0x52] as const;

interface JsonReport {
  readonly summary: {
    readonly documents: { readonly built: number };
    readonly printEditions: { readonly built: number };
  };
  readonly errors: readonly unknown[];
  readonly warnings: readonly { readonly message: string }[];
  readonly templates: { readonly folder: string; readonly bundled: boolean };
}

/** The share of a page region's pixels in `colour` (±6 per channel), the region in fractions of the page. */
async function colourShare(
  pdf: string,
  colour: readonly number[],
  region: { x0: number; y0: number; x1: number; y1: number },
): Promise<number> {
  const prefix = join(await tempDir('factsheets-agency-png-'), 'page');
  execFileSync('pdftoppm', ['-r', '30', '-png', '-singlefile', pdf, prefix]);
  const png = PNG.sync.read(await readFile(`${prefix}.png`));
  let hits = 0;
  let pixels = 0;
  for (let y = Math.floor(region.y0 * png.height); y < region.y1 * png.height; y += 1) {
    for (let x = Math.floor(region.x0 * png.width); x < region.x1 * png.width; x += 1) {
      const at = (y * png.width + x) * 4;
      pixels += 1;
      if (colour.every((value, channel) => Math.abs((png.data[at + channel] ?? 0) - value) <= 6)) hits += 1;
    }
  }
  return hits / pixels;
}

describe('an agency project with its own house style (real CLI, real Chromium, --print)', () => {
  let folder = '';
  let result: CliResult;

  beforeAll(async () => {
    folder = join(await tempDir('factsheets-agency-'), 'project');
    await cp(FIXTURE, folder, { recursive: true });
    // No --templates, --content or --out: the project's own templates/ beside content/, as an agency's repository has it.
    result = await runCli(['build', '--print', '--json'], { cwd: folder });
  });

  it('builds every brief and its print edition with its own templates, no errors and no warning (a project without a pack layout builds no pack)', async () => {
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.errors).toEqual([]);
    expect(report.summary.documents.built).toBe(3);
    expect(report.summary.printEditions.built).toBe(3);
    expect(report.warnings).toEqual([]);
    expect(report.templates).toEqual({ folder: await realpath(join(folder, 'templates')), bundled: false });
    expect(result.code).toBe(0);
  });

  it('prints the layout setting of factsheets.yml (layout: agency) on every page, screen and print', () => {
    for (const name of Object.keys(BRIEFS)) {
      for (const pdf of [`output/countries/${name}.pdf`, `output/print/countries/${name}.pdf`]) {
        const text = pdfText(join(folder, pdf));
        expect(text, pdf).toContain('Layout and design: Halden Reed Studio, Lisbon');
        expect(text, pdf).toContain('Sample data');
      }
    }
  });

  it('both layouts take the shared house.css: its teal paints the sidebar or the title band, its Lora sets the titles', async () => {
    for (const [name, layout] of Object.entries(BRIEFS)) {
      const pdf = join(folder, `output/countries/${name}.pdf`);
      const leftColumn = await colourShare(pdf, TEAL, { x0: 0, y0: 0.75, x1: 0.25, y1: 0.9 });
      const titleBand = await colourShare(pdf, TEAL, { x0: 0.4, y0: 0.01, x1: 0.7, y1: 0.1 });
      // The sidebar brief is teal down its left column and white at the top right; the ledger the other way round.
      expect([leftColumn > 0.95, titleBand > 0.95], `${name} (${layout})`).toEqual(
        layout === 'sidebar' ? [true, false] : [false, true],
      );
      expect(
        pdfFonts(pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, '')),
        name,
      ).toEqual(expect.arrayContaining(['Lora-SemiBold']));
    }
  });

  it("sizes the print editions from house.css's @page: an A4 TrimBox and a BleedBox 5 mm larger on every side", () => {
    for (const name of Object.keys(BRIEFS)) {
      const { TrimBox = [], BleedBox = [] } = boxesMm(join(folder, `output/print/countries/${name}.pdf`));
      const [tx0 = 0, ty0 = 0, tx1 = 0, ty1 = 0] = TrimBox;
      const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = BleedBox;
      expect(tx1 - tx0, name).toBeCloseTo(210, 0);
      expect(ty1 - ty0, name).toBeCloseTo(297, 0);
      for (const bleed of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1]) expect(bleed, name).toBeCloseTo(5, 1);
    }
  });
});
