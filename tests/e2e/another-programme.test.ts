import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';
import { pageCount, pageText, pdfInfo } from '../helpers/pdf.js';
import { anotherProgramme } from '../helpers/another-programme.js';
import { printedRuns } from '../helpers/type-sizes.js';

interface Word {
  readonly page: number;
  readonly text: string;
  readonly yMin: number;
  readonly yMax: number;
}

/** Every word of a PDF with its page and its vertical place (pt from the top), from `pdftotext -bbox`. */
function words(pdf: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const found: Word[] = [];
  let page = 0;
  for (const line of xml.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const match = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (match !== null) found.push({ page, text: match[3] ?? '', yMin: Number(match[1]), yMax: Number(match[2]) });
  }
  return found;
}

const MM = 72 / 25.4;

const DENSE_PARAGRAPH =
  'The partnership finances sea walls, mangrove planting and early warning systems with the coastal towns that asked for them, and trains local engineers to keep them working. ';

/** Another programme's factsheet, 15 countries: in budget, over it, allowed more, and over a strict layout's. */
describe('a factsheet of another programme (15 countries)', () => {
  const built: Record<'fits' | 'over' | 'allowed' | 'strict' | 'packs', CliResult & { out: string; content: string }> =
    {} as never;

  beforeAll(async () => {
    const strictTemplates = await tempDir('factsheets-strict-templates-');
    await cp(TEMPLATES, strictTemplates, { recursive: true });
    const layout = join(strictTemplates, 'layouts/factsheet.hbs');
    await writeFile(
      layout,
      (await readFile(layout, 'utf8')).replace('data-page-budget=', 'data-page-budget-over="error" data-page-budget='),
    );
    const build = async (files: Record<string, string>, templates?: string, only: string[] = ['--only', 'review']) => {
      const content = await writeContent(files);
      const out = await tempDir('factsheets-programme-');
      const result = await runCli([
        'build',
        '--content',
        content,
        '--out',
        out,
        '--jobs',
        '2',
        ...only,
        ...(templates === undefined ? [] : ['--templates', templates]),
      ]);
      return { ...result, out, content };
    };
    // French briefs only (no French factsheet): the French pack has no lead of its own.
    const frenchBriefs = {
      ...anotherProgramme({
        settings:
          'languages:\n  fr:\n    series: Partenariat pour la résilience côtière\n    publisher: Bureau côtier\n',
      }),
      'countries/kenya.fr.md':
        '---\nname: Kenya\niso: KE\ndate: 2025-05-20\n---\n\n## Côte\n\nTexte d’exemple sur la côte du Kenya.\n',
      // Long enough to print at the layout's densest step, where the brief's panel is narrowest.
      'countries/namibia.md': `---\nname: Namibia\niso: NA\ndate: 2025-05-01\nsummary: ${DENSE_PARAGRAPH}\n---\n\n${Array.from({ length: 8 }, (_, index) => `## Part ${index + 1}\n\n${DENSE_PARAGRAPH.repeat(2)}\n`).join('\n')}`,
      'countries/portugal.fr.md':
        '---\nname: Portugal\niso: PT\ndate: 2025-04-11\n---\n\n## Côte\n\nTexte d’exemple sur la côte du Portugal.\n',
    };
    const [fits, over, allowed, strict, packs] = await Promise.all([
      build(anotherProgramme({ sections: 3 })),
      build(anotherProgramme({ sections: 5 })),
      build(anotherProgramme({ sections: 5, extra: 'page_budget: 3' })),
      build(anotherProgramme({ sections: 5 }), strictTemplates),
      build(frenchBriefs, undefined, []),
    ]);
    Object.assign(built, { fits, over, allowed, strict, packs });
  }, 180_000);

  it('names its series in the masthead of page 1, and captions the country table in neutral words', () => {
    expect(built.fits.stderr).toBe('');
    expect(built.fits.code).toBe(0);
    const pdf = join(built.fits.out, 'review.pdf');
    expect(pageCount(pdf)).toBe(2);
    expect(pageText(pdf, 1)).toMatch(
      /COASTAL RESILIENCE PARTNERSHIP · FACTSHEET · 1 JUNE 2025 Two years of coastal resilience/,
    );
    const all = `${pageText(pdf, 1)} ${pageText(pdf, 2)}`;
    expect(all).toContain('Funding by country');
    expect(all).not.toMatch(/priority countries|Partnership Framework/);
  });

  it("lists the countries across each row in the factsheet's order", () => {
    const text = pageText(join(built.fits.out, 'review.pdf'), 2);
    const order = [
      'Portugal',
      'Morocco',
      'Senegal',
      'Ghana',
      'Kenya',
      'Tanzania',
      'Mozambique',
      'South Africa',
      'Namibia',
      'Angola',
      'Cameroon',
      'Nigeria',
      'Côte d’Ivoire',
      'Liberia',
      'Egypt',
    ];
    const places = order.map((name) => text.indexOf(name));
    expect(
      places.every((place) => place >= 0),
      text,
    ).toBe(true);
    expect([...places].sort((a, b) => a - b)).toEqual(places);
  });

  it("warns when it runs over its layout's two pages, with the overflow measured on page 3", () => {
    expect(built.over.code).toBe(0);
    const pdf = join(built.over.out, 'review.pdf');
    expect(pageCount(pdf)).toBe(3);
    const match =
      /^.*review\.md: warning: takes 3 pages where its layout allows 2 pages: about (\d+) mm of content runs past page 2\. Shorten the text, list fewer countries, or allow more pages with "page_budget: 3" in the front matter of .*review\.md\.\n$/.exec(
        built.over.stderr,
      );
    expect(match, built.over.stderr).not.toBeNull();
    // The depth of the text on page 3, from the top of the text block (20 mm margin) to its lowest word, as pdftotext sees it.
    const third = words(pdf).filter((word) => word.page === 3 && word.yMin > 20 * MM && word.yMax < (297 - 20) * MM);
    const depthMm = (Math.max(...third.map((word) => word.yMax)) - 20 * MM) / MM;
    expect(Math.abs(Number(match?.[1]) - depthMm)).toBeLessThan(3);
  });

  it("keeps the table's caption with its head and first rows, goes on over the page rather than leave it, and sums once", () => {
    const all = words(join(built.over.out, 'review.pdf'));
    const caption = all.find(
      (word) =>
        word.text === 'Funding' &&
        all.some((next) => next.page === word.page && next.text === 'country' && Math.abs(next.yMin - word.yMin) < 1),
    );
    expect(caption?.page).toBe(2);
    const rowsWithCaption = ['Portugal', 'Morocco', 'Senegal', 'Ghana', 'Kenya', 'Tanzania'].filter((name) =>
      all.some((word) => word.page === 2 && word.text === name),
    );
    expect(rowsWithCaption.length).toBeGreaterThanOrEqual(6);
    expect(all.filter((word) => word.text === 'Together')).toHaveLength(1);
  });

  it('stays silent when the front matter allows the pages it takes', () => {
    expect(built.allowed.stderr).toBe('');
    expect(pageCount(join(built.allowed.out, 'review.pdf'))).toBe(3);
  });

  it('fails, writing no PDF, when the layout makes running over an error', () => {
    expect(built.strict.code).toBe(1);
    expect(built.strict.stderr).toMatch(
      /^.*review\.md: error: takes 3 pages where its layout allows 2 pages: about \d+ mm of content runs past page 2\n {2}hint: Shorten the text, list fewer countries, or allow more pages with "page_budget: 3" in the front matter of .*review\.md\.\n/,
    );
    expect(existsSync(join(built.strict.out, 'review.pdf'))).toBe(false);
  });

  it("gives a pack without a factsheet of its own an Author, its newest brief's date and the factsheet's order", () => {
    expect(built.packs.code, built.packs.stderr).toBe(0);
    const french = join(built.packs.out, 'fr/briefing-pack.pdf');
    const info = pdfInfo(french);
    expect(info['Author']).toBe('Bureau côtier');
    expect(info['CreationDate']).toMatch(/May 20 00:00:00 2025/);
    expect(info['Title']).toBe('Dossier d’information\u202f: Partenariat pour la résilience côtière');
    const cover = pageText(french, 1);
    expect(cover).toContain('20 MAI 2025');
    const contents = pageText(french, 2);
    expect(contents.indexOf('Portugal')).toBeGreaterThan(-1);
    expect(contents.indexOf('Portugal')).toBeLessThan(contents.indexOf('Kenya'));
    // The English pack keeps its factsheet's Author and date.
    const english = pdfInfo(join(built.packs.out, 'briefing-pack.pdf'));
    expect(english['Author']).toBe('Coastal Office');
    expect(english['CreationDate']).toMatch(/Jun {2}1 00:00:00 2025/);
  });

  it("prints no text under 7 pt in any of its PDFs, and an instrument's name whole where its column has room", async () => {
    const manifest = JSON.parse(await readFile(join(built.packs.out, 'manifest.json'), 'utf8')) as {
      documents: { output: string; fit?: { step: string } }[];
    };
    expect(manifest.documents.find((entry) => entry.output === 'countries/namibia.pdf')?.fit?.step).toBe('dense');
    const pdfs = [
      'review.pdf',
      'countries/namibia.pdf',
      'countries/kenya.pdf',
      'countries/portugal.pdf',
      'briefing-pack.pdf',
      'fr/countries/kenya.pdf',
      'fr/briefing-pack.pdf',
    ];
    for (const pdf of pdfs) {
      const runs = await printedRuns(join(built.packs.out, pdf));
      expect(runs.length, pdf).toBeGreaterThan(20);
      const small = runs.filter((run) => run.sizePt < 6.995);
      expect(
        small.map((run) => `${run.sizePt} pt: ${run.text}`),
        pdf,
      ).toEqual([]);
    }
    // 76 characters, cut at 60 before: the table has room for it on two lines.
    expect(pageText(join(built.packs.out, 'countries/kenya.pdf'), 1)).toContain(
      'Coastal Resilience Facility for Adaptation and Early Warning in Coastal Towns',
    );
  });
});
