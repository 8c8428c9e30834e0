import { describe, expect, it } from 'vitest';
import { fixOutlineTitles } from '../../src/pdf/outline.js';
import { planPack, type BuiltPart } from '../../src/stages/plan/pack.js';
import type { RenderJob } from '../../src/model/documents.js';
import { bundledMessages } from '../../src/messages/bundled.js';
import { factsheetDocument, onePagerDocument } from '../helpers/documents.js';

function part(kind: 'factsheet' | 'one-pager', name: string, frontMatter: string, pages: number): BuiltPart {
  const document = kind === 'factsheet' ? factsheetDocument(name, frontMatter) : onePagerDocument(name, frontMatter);
  const job: RenderJob = {
    document,
    kind,
    layout: kind,
    lang: 'en',
    outputPath: `${name}.pdf`,
    view: { title: name },
    info: { title: name, keywords: [], creator: 'factsheets' },
  };
  return { job, pages };
}

describe('planPack', () => {
  const built = [
    part('one-pager', 'ghana', 'name: Ghana\niso: GH', 1),
    part('one-pager', 'niger', 'name: Niger\niso: NE', 1),
    part('factsheet', 'factsheet', 'title: Framework\ncountries: [ML, NE]', 2),
    part('one-pager', 'cote-d-ivoire', "name: Côte d'Ivoire\niso: CI", 1),
    part('one-pager', 'mali', 'name: Mali\niso: ML', 1),
  ];

  it('puts the factsheet first, then its countries in its order, then the others by name, numbered after the front matter', () => {
    const plan = planPack(built);
    expect(plan?.totalPages).toBe(2 + 2 + 4);
    expect(plan?.view['contentsPages']).toEqual([
      {
        continued: false,
        entries: [
          { title: 'Framework', kind: 'Factsheet', page: 3 },
          { title: 'Mali', kind: 'Country brief', page: 5 },
          { title: 'Niger', kind: 'Country brief', page: 6 },
          { title: "Côte d'Ivoire", kind: 'Country brief', page: 7 },
          { title: 'Ghana', kind: 'Country brief', page: 8 },
        ],
      },
    ]);
    expect(plan?.parts.map((part) => part.job.document.name)).toEqual([
      'factsheet',
      'mali',
      'niger',
      'cote-d-ivoire',
      'ghana',
    ]);
    expect(plan?.frontPages).toBe(2);
    // The sheet of numbers: a page for each page of the pack, the cover's without a number.
    const sheet = plan?.numbersView['numberSheet'] as { unnumbered: unknown[]; numbered: unknown[] };
    expect([sheet.unnumbered.length, sheet.numbered.length]).toEqual([1, 7]);
    expect(plan?.title).toBe('Briefing pack: Framework');
  });

  it('gives the contents as many pages as their rows need', async () => {
    const { frontPages, CONTENTS_PER_PAGE } = await import('../../src/stages/plan/pack.js');
    const short = (count: number) => Array.from({ length: count }, () => 'Mali');
    expect(CONTENTS_PER_PAGE).toBe(25);
    expect([
      frontPages(short(1)),
      frontPages(short(CONTENTS_PER_PAGE)),
      frontPages(short(CONTENTS_PER_PAGE + 1)),
    ]).toEqual([2, 2, 3]);
    const many = Array.from({ length: CONTENTS_PER_PAGE + 3 }, (_, index) =>
      part('one-pager', `c${index}`, 'name: Mali\niso: ML', 1),
    );
    const pages = planPack(many)?.view['contentsPages'] as { continued: boolean; entries: unknown[] }[];
    expect(pages.map((page) => [page.continued, page.entries.length])).toEqual([
      [false, CONTENTS_PER_PAGE],
      [true, 3],
    ]);
  });

  it("counts the lines a long title wraps onto, and fills contents pages by rows' heights, not entries", async () => {
    const { titleLines, frontPages, TITLE_CHARS_PER_LINE, TITLE_MAX_LINES, CONTENTS_ROOM_MM, CONTENTS_ROW } =
      await import('../../src/stages/plan/pack.js');
    const words = (count: number) => Array.from({ length: count }, () => 'abcdefg').join(' ');
    // Eight-letter steps: seven words and their spaces are 55 characters, the eighth word starts a line.
    expect([
      titleLines('Mali'),
      titleLines(words(7)),
      titleLines(words(8)),
      titleLines(words(14)),
      titleLines(words(15)),
    ]).toEqual([1, 1, 2, 2, 3]);
    expect(titleLines(words(200))).toBe(TITLE_MAX_LINES);
    // A word longer than a line breaks where it must.
    expect(titleLines('x'.repeat(TITLE_CHARS_PER_LINE + 1))).toBe(2);
    expect(titleLines(`Mali ${'x'.repeat(TITLE_CHARS_PER_LINE)}`)).toBe(2);
    const long = `${'L'.repeat(60)} ${words(8)}`;
    expect(titleLines(long)).toBe(3);
    const perPage = Math.floor(CONTENTS_ROOM_MM / (CONTENTS_ROW.paddingMm + 3 * CONTENTS_ROW.lineMm));
    expect(perPage).toBe(12);
    expect([
      frontPages(Array.from({ length: perPage }, () => long)),
      frontPages(Array.from({ length: perPage + 1 }, () => long)),
    ]).toEqual([2, 3]);
  });

  it('numbers the parts after as many contents pages as their wrapped titles take', () => {
    const name = `Republic of ${'Longname '.repeat(12).trim()}`;
    const many = Array.from({ length: 30 }, (_, index) =>
      part('one-pager', `c${index}`, `name: ${index % 3 === 0 ? name : 'Mali'}\niso: ML`, 1),
    );
    const plan = planPack(many);
    const pages = plan?.view['contentsPages'] as { entries: { title: string; page: number }[] }[];
    expect(pages.length).toBe(2);
    expect(plan?.frontPages).toBe(3);
    expect(pages.flatMap((page) => page.entries.map((entry) => entry.page))).toEqual(
      Array.from({ length: 30 }, (_, index) => 4 + index),
    );
    expect(
      pages.flatMap((page) => page.entries.map((entry) => entry.title)).filter((title) => title === name),
    ).toHaveLength(10);
  });

  it('has nothing to pack when nothing was built', () => {
    expect(planPack([])).toBeUndefined();
  });
});

describe('fixOutlineTitles', () => {
  const pdf = (title: string) =>
    new TextEncoder().encode(
      `%PDF-1.4\n7 0 obj\n<</Title (${title})\n/Dest [2 0 R /XYZ 0 0 0]\n/Parent 6 0 R>>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 8\n/Root 1 0 R>>\nstartxref\n75\n%%EOF\n`,
    );

  it("restores the spaces Chromium drops at line breaks, and the heading's own case", () => {
    const fixed = new TextDecoder('latin1').decode(
      fixOutlineTitles(pdf('Partnership Framework onMigration'), ['Partnership Framework on Migration']),
    );
    const hex = Buffer.from('\uFEFFPartnership Framework on Migration', 'utf16le')
      .swap16()
      .toString('hex')
      .toUpperCase();
    expect(fixed).toContain(
      `7 0 obj\n<</Title <${hex}>\n/Dest [2 0 R /XYZ 0 0 0]\n/Parent 6 0 R>>\nendobj\nxref\n7 1\n`,
    );
    expect(new TextDecoder('latin1').decode(fixOutlineTitles(pdf('ACTING NOW'), ['Acting now']))).toContain(
      'xref\n7 1\n',
    );
    // German capitals: ß is drawn as SS.
    const german = Buffer.from('\uFEFFBereits umgesetzte Maßnahmen', 'utf16le').swap16().toString('hex').toUpperCase();
    expect(
      new TextDecoder('latin1').decode(
        fixOutlineTitles(pdf('BEREITS UMGESETZTE MASSNAHMEN'), ['Bereits umgesetzte Maßnahmen']),
      ),
    ).toContain(`<</Title <${german}>`);
  });

  it('leaves a PDF whose titles are right untouched', () => {
    const input = pdf('Funding');
    expect(fixOutlineTitles(input, ['Funding'])).toBe(input);
    expect(fixOutlineTitles(input, ['Something else'])).toBe(input);
  });
});

describe("the pack's title and counts", () => {
  const withSettings = (built: BuiltPart, settings: Record<string, string>): BuiltPart => ({
    ...built,
    job: { ...built.job, view: { ...built.job.view, settings } },
  });

  it('says what it holds, counted, and takes its title from the settings', () => {
    const parts = [
      withSettings(part('factsheet', 'review', 'title: Annual review', 3), { packTitle: 'Green Ports Initiative' }),
      part('factsheet', 'update', 'title: Harbour update', 2),
      part('one-pager', 'mali', 'name: Mali\niso: ML', 1),
    ];
    const plan = planPack(parts);
    expect(plan?.title).toBe('Briefing pack: Green Ports Initiative');
    expect(plan?.view['subject']).toBe('Green Ports Initiative');
    expect(plan?.view['lang']).toBe('en');
    expect(plan?.view['summary']).toBe('2 factsheets and 1 country brief, 8 pages.');
    expect(plan?.view['longSubject']).toBe(false);
  });

  it("speaks its parts' language: a French pack of French editions", () => {
    const french = (built: BuiltPart): BuiltPart => ({ ...built, job: { ...built.job, lang: 'fr' } });
    const parts = [
      french(
        withSettings(part('factsheet', 'factsheet.fr', 'title: Un an après', 2), { packTitle: 'Cadre de partenariat' }),
      ),
      french(part('one-pager', 'mali.fr', 'name: Mali\niso: ML', 1)),
      french(part('one-pager', 'niger.fr', 'name: Niger\niso: NE', 1)),
    ];
    const messages = bundledMessages('fr');
    if (!messages.ok) throw new Error('the bundled French messages have errors');
    const plan = planPack(parts, messages.messages);
    expect(plan).toMatchObject({
      lang: 'fr',
      title: 'Dossier d’information\u202f: Cadre de partenariat',
      keyword: 'dossier d’information',
    });
    expect(plan?.view['summary']).toBe('1 fiche d’information et 2 fiches pays, 6 pages.');
    const contents = plan?.view['contentsPages'] as { entries: { kind: string }[] }[];
    expect(contents[0]?.entries.map((entry) => entry.kind)).toEqual([
      'Fiche d’information',
      'Fiche pays',
      'Fiche pays',
    ]);
  });

  it('sets a long title smaller on the cover', () => {
    const title = 'Partnership Framework on Migration: every country brief and the factsheet, 2017';
    const plan = planPack([
      withSettings(part('one-pager', 'mali', 'name: Mali\niso: ML', 1), { packTitle: title, language: 'en' }),
    ]);
    expect(title.length).toBeGreaterThan(70);
    expect(plan?.view['longSubject']).toBe(true);
  });

  it('says "Briefing pack" once when the settings\' title already says it', () => {
    const plan = planPack([
      withSettings(part('one-pager', 'mali', 'name: Mali\niso: ML', 1), {
        packTitle: 'Green Ports – Briefing pack, June 2025',
      }),
    ]);
    expect(plan?.title).toBe('Green Ports – Briefing pack, June 2025');
    expect(
      planPack([withSettings(part('one-pager', 'mali', 'name: Mali\niso: ML', 1), { packTitle: 'Green Ports' })])
        ?.title,
    ).toBe('Briefing pack: Green Ports');
  });

  it("without a factsheet of its own: the settings' publisher, its newest document's date, and the countries in the factsheet's order", () => {
    const author = (built: BuiltPart, name: string): BuiltPart => ({
      ...built,
      job: { ...built.job, info: { ...built.job.info, author: name } },
    });
    const briefs = [
      author(
        withSettings(part('one-pager', 'ghana', 'name: Ghana\niso: GH\ndate: 2025-03-01', 1), {
          publisher: 'Ports Office',
        }),
        'A. Writer',
      ),
      author(part('one-pager', 'mali', 'name: Mali\niso: ML\ndate: 2025-06-02', 1), 'B. Writer'),
      part('one-pager', 'niger', 'name: Niger\niso: NE', 1),
    ];
    const plan = planPack(briefs, undefined, ['NE', 'GH', 'ML']);
    expect(plan?.parts.map((built) => built.job.document.name)).toEqual(['niger', 'ghana', 'mali']);
    expect(plan).toMatchObject({ author: 'Ports Office', date: '2025-06-02' });
    expect(plan?.view['published']).toBe('2025-06-02');
    // Without a publisher: the newest document's Author; the factsheet's, when there is one.
    expect(planPack(briefs.slice(1), undefined, [])).toMatchObject({ author: 'B. Writer', date: '2025-06-02' });
    const withFactsheet = planPack(
      [
        ...briefs,
        author(part('factsheet', 'review', 'title: Review\ndate: 2024-01-05\ncountries: [ML, GH]', 2), 'C. Editor'),
      ],
      undefined,
      ['NE', 'GH', 'ML'],
    );
    expect(withFactsheet).toMatchObject({ author: 'C. Editor', date: '2024-01-05' });
    expect(withFactsheet?.parts.map((built) => built.job.document.name)).toEqual(['review', 'mali', 'ghana', 'niger']);
  });

  it('takes the order of the first factsheet of the first language for the packs without one', async () => {
    const { leadCountries } = await import('../../src/stages/plan/pack.js');
    const french = (built: BuiltPart): BuiltPart => ({ ...built, job: { ...built.job, lang: 'fr' } });
    const jobs = [
      part('one-pager', 'mali', 'name: Mali\niso: ML', 1),
      part('factsheet', 'update', 'title: U\ncountries: [GH, ML]', 1),
      part('factsheet', 'review', 'title: R\ncountries: [ML, GH]', 1),
      french(part('factsheet', 'review.fr', 'title: R\ncountries: [NE]', 1)),
    ].map((built) => built.job);
    expect(leadCountries(jobs)).toEqual(['ML', 'GH']);
    expect(leadCountries(jobs.slice(3))).toEqual(['NE']);
    expect(leadCountries(jobs.slice(0, 1))).toEqual([]);
  });

  it('with several factsheets and no settings, none of them names the pack', () => {
    const plan = planPack([
      part('factsheet', 'review', 'title: Annual review', 3),
      part('factsheet', 'update', 'title: Harbour update', 2),
    ]);
    expect(plan?.title).toBe('Briefing pack');
  });

  it('with no factsheet, it is not "Briefing pack: Briefing pack", nor "1 documents"', () => {
    const plan = planPack([part('one-pager', 'mali', 'name: Mali\niso: ML', 1)]);
    expect(plan?.title).toBe('Briefing pack');
    expect(plan?.view['subject']).toBe('Briefing pack');
    expect(plan?.view['summary']).toBe('1 country brief, 3 pages.');
    // Its Info does not speak of a factsheet it does not hold.
    expect(plan?.subject).toBe('Every country brief in one document');
    const withFactsheet = planPack([
      part('factsheet', 'review', 'title: Annual review', 3),
      part('one-pager', 'mali', 'name: Mali\niso: ML', 1),
    ]);
    expect(withFactsheet?.subject).toBe('The factsheet and every country brief in one document');
  });
});
