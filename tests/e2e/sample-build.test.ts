import { execFileSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { writePdf } from '../../src/pdf/objects.js';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/stages/render/handlebars/format.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { SAMPLE_CONTENT, tempDir } from '../helpers/content.js';
import {
  altTexts,
  checkStructure,
  outlineTitles,
  pageCount,
  pageText,
  pdfFonts,
  pdfInfo,
  pdfText,
  structureOf,
} from '../helpers/pdf.js';

const COUNTRIES = ['mali', 'niger', 'nigeria', 'senegal', 'ethiopia', 'guinea', 'cote-d-ivoire', 'ghana', 'morocco'];
/** The sample's French editions (countries/<name>.fr.md), written to fr/countries/<name>.pdf. */
const FRENCH_EDITIONS = ['mali', 'niger', 'senegal', 'guinea', 'cote-d-ivoire'];

/** Each country's total, summed here from the CSV independently of the pipeline's plan stage. */
async function expectedTotals(): Promise<Map<string, number>> {
  const rows = parse(await readFile(join(SAMPLE_CONTENT, 'funding.csv'), 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  const totals = new Map<string, number>();
  for (const row of rows)
    totals.set(row['country'] ?? '', (totals.get(row['country'] ?? '') ?? 0) + Number(row['amount_eur']));
  return totals;
}

async function frontMatterField(file: string, field: string): Promise<string> {
  const match = new RegExp(`^${field}: (.*)$`, 'm').exec(await readFile(file, 'utf8'));
  return (match?.[1] ?? '').replace(/^"|"$/g, '');
}

describe('building the bundled sample with real Chromium', () => {
  let out: string;
  let result: CliResult;

  beforeAll(async () => {
    out = await tempDir('factsheets-e2e-');
    result = await runCli(['build', '--out', out]);
  });

  it('exits 0 and ends with a summary line', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Every PDF counted once: ten English documents, six French editions, an Arabic and an Amharic one, and a briefing pack for each language.
    expect(result.stdout).toMatch(/\n22 built \(18 documents, 4 briefing packs\), 0 failed in \d+\.\d s\n$/);
  });

  it('gives the briefing pack its line, as every PDF written', async () => {
    const pages = pageCount(join(out, 'briefing-pack.pdf'));
    expect(result.stdout).toMatch(
      new RegExp(`^built  briefing-pack\\.pdf  \\(briefing pack, ${pages} pages, \\d+ ms\\)$`, 'm'),
    );
    expect(result.stdout.split('\n').filter((line) => line.startsWith('built  '))).toHaveLength(22);
  });

  it('writes the factsheet, every one-pager, the briefing pack and the manifest, and nothing else', async () => {
    expect((await readdir(out)).sort()).toEqual([
      'am',
      'ar-MA',
      'briefing-pack.pdf',
      'countries',
      'factsheet.pdf',
      'fr',
      'manifest.json',
      'manifest.review.json',
    ]);
    expect(await readdir(join(out, 'am/countries'))).toEqual(['ethiopia.pdf']);
    expect(await readdir(join(out, 'ar-MA/countries'))).toEqual(['morocco.pdf']);
    expect((await readdir(join(out, 'countries'))).sort()).toEqual(COUNTRIES.map((name) => `${name}.pdf`).sort());
    expect((await readdir(join(out, 'fr'))).sort()).toEqual(['briefing-pack.pdf', 'countries', 'factsheet.pdf']);
    expect((await readdir(join(out, 'fr/countries'))).sort()).toEqual(
      FRENCH_EDITIONS.map((name) => `${name}.pdf`).sort(),
    );
  });

  it('prints the factsheet on two or more A4 pages with running "Page X of Y"', () => {
    const file = join(out, 'factsheet.pdf');
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pdfInfo(file)['Page size']).toMatch(/^594\.96 x 841\.92 pts \(A4\)/);
    const text = pdfText(file);
    for (let page = 1; page <= pages; page += 1) expect(text).toContain(`Page ${page} of ${pages}`);
  });

  it('cites the factsheet figures in the house money style', () => {
    const text = pdfText(join(out, 'factsheet.pdf'));
    for (const figure of [
      '€2.9 billion',
      '€2.7 billion',
      '€217.7 million',
      '€1.2 billion',
      '€4.1 billion',
      '€44 billion',
      '€88 billion',
      '€8 billion',
      '€4.4 billion',
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).toContain('169 contracts');
    expect(text).toContain('Jean-Claude Juncker');
    expect(text).toContain('Federica Mogherini');
  });

  it.each(COUNTRIES)('prints %s on exactly one page with its name and its total', async (name) => {
    const file = join(out, 'countries', `${name}.pdf`);
    const source = join(SAMPLE_CONTENT, 'countries', `${name}.md`);
    const totals = await expectedTotals();
    const total = totals.get(await frontMatterField(source, 'iso'));
    expect(total).toBeGreaterThan(0);
    expect(pageCount(file)).toBe(1);
    const text = pdfText(file);
    expect(text).toContain(await frontMatterField(source, 'name'));
    expect(text).toContain(formatMoney(total ?? 0));
    expect(text).toContain('Sample data');
  });

  it('embeds every font, all of them the shipped brand fonts', () => {
    for (const name of ['factsheet.pdf', ...COUNTRIES.map((country) => `countries/${country}.pdf`)]) {
      const fonts = pdfFonts(join(out, name));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded).toBe(true);
        expect(font.name).toMatch(/^[A-Z]{6}\+(SourceSans3|SourceSerif4)/);
      }
    }
  });

  it('sets title, author, subject, keywords and language, tags the PDF and adds an outline', async () => {
    for (const name of ['factsheet.pdf', ...COUNTRIES.map((country) => `countries/${country}.pdf`)]) {
      const info = pdfInfo(join(out, name));
      for (const field of ['Title', 'Author', 'Subject', 'Keywords'])
        expect(info[field], `${field} of ${name}`).toMatch(/\S/);
      expect(info['Tagged']).toBe('yes');
      expect((await readFile(join(out, name))).toString('latin1')).toContain('/Lang (en)');
    }
    const file = join(out, 'countries', 'cote-d-ivoire.pdf');
    expect(pdfInfo(file)['Title']).toBe("Côte d'Ivoire: country brief");
    expect(pdfInfo(file)['Keywords']).toMatch(/^Côte d'Ivoire, CI, country brief/);
    expect(pdfInfo(join(out, 'factsheet.pdf'))['Title']).toBe('Partnership Framework on Migration');
    const bytes = (await readFile(join(out, 'factsheet.pdf'))).toString('latin1');
    expect(bytes).toContain('/Outlines');
  });

  it('writes every PDF (documents and packs, every language) to PDF/UA-1: factsheets check passes them all, XMP says so', async () => {
    const files = (await readdir(out, { recursive: true }))
      .filter((name) => name.endsWith('.pdf'))
      .map((name) => join(out, name));
    expect(files.length).toBe(22);
    const checked = await runCli(['check', ...files]);
    expect(checked.stdout).toBe('');
    expect(checked.code).toBe(0);
    for (const file of files) {
      expect(pdfInfo(file)['Metadata Stream'], file).toBe('yes');
      expect(execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' }), file).toMatch(
        /<pdfuaid:part>1<\/pdfuaid:part>[\s\S]*/,
      );
    }
    expect(execFileSync('pdfinfo', ['-meta', join(out, 'fr/countries/mali.pdf')], { encoding: 'utf8' })).toMatch(
      /<rdf:li xml:lang="fr">Mali.: fiche pays<\/rdf:li>/u,
    );
  });

  it('check fails a PDF it did not build, one line per failure, and one it cannot read, with exit status 1', async () => {
    const folder = await tempDir('factsheets-check-');
    const untagged = join(folder, 'untagged.pdf');
    await writeFile(
      untagged,
      writePdf(
        [{ value: '<</Type /Catalog /Pages 2 0 R>>' }, { value: '<</Type /Pages /Count 0 /Kids []>>' }],
        1,
        undefined,
      ),
    );
    await writeFile(join(folder, 'not.pdf'), 'not a PDF');
    const checked = await runCli(['check', untagged, join(folder, 'not.pdf')]);
    expect(checked.code).toBe(1);
    expect(checked.stdout.split('\n').filter((line) => line !== '')).toEqual([
      `${untagged}: 6.2-1: the catalog has no MarkInfo with /Marked true`,
      `${untagged}: 7.1-8 (Matterhorn 06-001): the catalog has no XMP metadata stream`,
      `${untagged}: 7.1-10 (Matterhorn 07-001): the viewer preferences do not say DisplayDocTitle true`,
      `${untagged}: 7.1-11: the file has no structure tree`,
      `${untagged}: 7.2-34 (Matterhorn 11-001): the catalog has no /Lang`,
    ]);
    expect(checked.stderr).toContain(`${join(folder, 'not.pdf')}: error: cannot read it: no startxref at its end`);
  });

  it('keeps links real: a URI link annotation over the linked words', async () => {
    const bytes = (await readFile(join(out, 'factsheet.pdf'))).toString('latin1');
    expect(bytes).toMatch(
      /\/Subtype \/Link[\s\S]{0,200}\/URI \(https:\/\/europa\.eu\/globalstrategy\/en\/global-strategy-foreign-and-security-policy-european-union\)/,
    );
  });

  it('gives every chart a text alternative that states its values', () => {
    expect(altTexts(join(out, 'countries/mali.pdf'))).toEqual(
      expect.arrayContaining([
        'Funding by instrument: EU Emergency Trust Fund for Africa, €89.5 million (56%); European Development Fund, €60 million (38%); ' +
          'Instrument contributing to Stability and Peace, €9.5 million (6%).',
        'Funding by year of decision: 2016, €106 million (67%); 2017, €53 million (33%).',
        'Map showing the location of Mali and its neighbours: Algeria, Burkina Faso, Côte d’Ivoire, Guinea, Mauritania, Niger, and Senegal.',
      ]),
    );
    expect(altTexts(join(out, 'factsheet.pdf'))).toEqual(
      expect.arrayContaining([
        "Where the Trust Fund's resources come from: EU funds, €2.7 billion (93%); Member States and other partners, €217.7 million (7%).",
        'What the External Investment Plan can mobilise: EU input (EU budget and European Development Fund), €4.1 billion; ' +
          'Investment mobilised, €44 billion; If Member States and partners match the EU, €88 billion.',
      ]),
    );
  });

  it('records every PDF in manifest.json: pages, bytes, SHA-256, fonts and input hashes', async () => {
    const { createHash } = await import('node:crypto');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      tool: { version: string };
      documents: Record<string, unknown>[];
    };
    expect(manifest.tool.version).toBe('0.1.0');
    expect(manifest.documents.map((entry) => entry['output'])).toEqual([
      'am/briefing-pack.pdf',
      'am/countries/ethiopia.pdf',
      'ar-MA/briefing-pack.pdf',
      'ar-MA/countries/morocco.pdf',
      'briefing-pack.pdf',
      ...COUNTRIES.map((name) => `countries/${name}.pdf`).sort(),
      'factsheet.pdf',
      'fr/briefing-pack.pdf',
      ...FRENCH_EDITIONS.map((name) => `fr/countries/${name}.pdf`).sort(),
      'fr/factsheet.pdf',
    ]);
    for (const entry of manifest.documents) {
      const bytes = await readFile(join(out, String(entry['output'])));
      expect(entry['sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(entry['bytes']).toBe(bytes.length);
      expect(entry['pages']).toBe(pageCount(join(out, String(entry['output']))));
      expect(entry['fonts']).toEqual(
        pdfFonts(join(out, String(entry['output'])))
          .map((font) => font.name.slice(7))
          .filter((name, index, all) => all.indexOf(name) === index)
          .sort(),
      );
      if (entry['kind'] !== 'briefing-pack')
        expect(Object.keys(entry['inputs'] as object)).toEqual([
          'source',
          'images',
          'dataset',
          'templates',
          'settings',
          'names',
          'fonts',
          'tool',
          'options',
        ]);
      expect(entry['renderMs']).toBeGreaterThan(0);
    }
  });

  it('writes structurally valid PDFs after making them reproducible', () => {
    for (const name of [
      'factsheet.pdf',
      'briefing-pack.pdf',
      ...COUNTRIES.map((country) => `countries/${country}.pdf`),
    ]) {
      expect(() => checkStructure(join(out, name))).not.toThrow();
    }
  });

  it('assembles the briefing pack: cover, contents, every document, continuous page numbers, one outline', async () => {
    const pack = join(out, 'briefing-pack.pdf');
    const parts = ['factsheet.pdf', ...COUNTRIES.map((country) => `countries/${country}.pdf`)].map((name) =>
      pageCount(join(out, name)),
    );
    const total = 2 + parts.reduce((sum, pages) => sum + pages, 0);
    expect(pageCount(pack)).toBe(total);
    const text = pdfText(pack);
    for (let page = 2; page <= total; page += 1) expect(text).toContain(`Briefing pack · page ${page} of ${total}`);
    expect(text).not.toContain('Briefing pack · page 1 of');
    expect(text).toMatch(
      /Contents Partnership Framework on Migration Factsheet 3 Mali Country brief 5 Niger Country brief 6 /,
    );
    const titles = outlineTitles(pack);
    for (const name of [
      'Partnership Framework on Migration',
      'Mali',
      'Niger',
      'Nigeria',
      'Senegal',
      'Ethiopia',
      'Guinea',
      "Côte d'Ivoire",
      'Ghana',
      'Morocco',
    ]) {
      expect(titles).toContain(name);
    }
    for (const font of pdfFonts(pack)) expect(font.name).toMatch(/^[A-Z]{6}\+(SourceSans3|SourceSerif4)/);
    expect(pdfInfo(pack)['Title']).toBe('Briefing pack: Partnership Framework on Migration');
  });

  it("puts each document into the pack as printed, page for page, with the pack's number drawn over it (a factsheet without its own)", () => {
    const pack = join(out, 'briefing-pack.pdf');
    let page = 3;
    for (const name of [
      'factsheet.pdf',
      ...['mali', 'niger', 'nigeria', 'senegal', 'ethiopia'].map((country) => `countries/${country}.pdf`),
    ]) {
      const own = join(out, name);
      for (let ownPage = 1; ownPage <= pageCount(own); ownPage += 1, page += 1) {
        const total = pageCount(pack);
        // The factsheet goes in as its pack edition: the same page but for its own number, which the pack's replaces.
        const ownNumber = name === 'factsheet.pdf' ? `Page ${ownPage} of ${pageCount(own)} ` : '';
        expect(pageText(own, ownPage)).toContain(ownNumber);
        expect(pageText(pack, page), `${name} page ${ownPage} as pack page ${page}`).toBe(
          `${pageText(own, ownPage).replace(ownNumber, '')} Briefing pack · page ${page} of ${total}`,
        );
      }
    }
  });

  it('keeps the pack one tagged document: a Part per document, one parent tree with a key per page', () => {
    const structure = structureOf(join(out, 'briefing-pack.pdf'));
    expect(structure.root).toBe('/Document');
    expect(structure.children).toEqual(Array.from({ length: 11 }, () => '/Part'));
    expect(new Set(structure.parentTreeKeys).size).toBe(structure.parentTreeKeys.length);
    expect(structure.parentTreeKeys.every((key) => key < structure.nextKey)).toBe(true);
    for (const key of structure.pageKeys) expect(structure.parentTreeKeys).toContain(key);
    expect(altTexts(join(out, 'briefing-pack.pdf')).filter((alt) => alt.startsWith('Map showing'))).toHaveLength(
      COUNTRIES.length,
    );
  });

  it('gives byte-identical PDFs when built again with another number of pages in the pool', async () => {
    const again = await tempDir('factsheets-e2e-again-');
    const second = await runCli(['build', '--out', again, '--jobs', '1']);
    expect(second.code).toBe(0);
    for (const name of [
      'factsheet.pdf',
      'briefing-pack.pdf',
      ...COUNTRIES.map((country) => `countries/${country}.pdf`),
    ]) {
      const [first, next] = await Promise.all([readFile(join(out, name)), readFile(join(again, name))]);
      expect(first.equals(next), name).toBe(true);
    }
  });
});
