import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { countPages, finishPdf, fontNames, makeReproducible } from '../../src/stages/finish.js';
import { writePdf } from '../../src/pdf/objects.js';
import type { PrintedPdf, RenderJob } from '../../src/model/documents.js';
import { onePagerDocument } from '../helpers/documents.js';
import { fakePdf } from '../helpers/fake-pdf.js';

/** A minimal PDF skeleton as Chromium writes it, with a page tree of `pages` pages (its xref points wrong: read by recovery). */
function pdf(pages: number, extra = ''): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj\n<</Title (T)\n/CreationDate (D:20261128052819+00'00')\n/ModDate (D:20261128052819+00'00')>>\nendobj\n` +
      `8 0 obj\n<</Type /Catalog\n/Pages 10 0 R>>\nendobj\n` +
      `10 0 obj\n<</Type /Pages\n/Count ${pages}\n/Kids [2 0 R]>>\nendobj\n${extra}` +
      'xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 11\n/Root 8 0 R\n/Info 1 0 R>>\nstartxref\n200\n%%EOF\n',
  );
}

const job: RenderJob = {
  document: onePagerDocument('mali', 'name: Mali\niso: ML'),
  kind: 'one-pager',
  layout: 'one-pager',
  lang: 'en',
  outputPath: 'countries/mali.pdf',
  view: {},
  maxPages: 1,
  info: {
    title: 'Mali: country brief',
    author: 'Team',
    subject: 'A brief',
    keywords: ['Mali', 'ML'],
    creator: 'factsheets',
  },
};
const printed = (bytes: Uint8Array, overflowMm = 0, text = 'Mali'): PrintedPdf => ({
  bytes,
  overflowMm,
  blockedRequests: [],
  text,
  headings: [],
});

describe('countPages', () => {
  it('reads the root page tree count', () => {
    expect(countPages(pdf(3))).toBe(3);
    expect(countPages(pdf(1, '11 0 obj\n<</Type /Pages\n/Count 1\n/Parent 10 0 R>>\nendobj\n'))).toBe(1);
  });

  it('reads the count from the page tree object, never from a string that looks like one (a title)', () => {
    const titled = new TextEncoder().encode(
      new TextDecoder('latin1').decode(pdf(1)).replace('<</Title (T)', '<</Title (Budget /Type /Pages /Count 12)'),
    );
    expect(countPages(titled)).toBe(1);
    const readable = writePdf(
      [
        { value: '<</Type /Catalog /Pages 2 0 R>>' },
        { value: '<</Type /Pages /Count 1 /Kids [3 0 R]>>' },
        { value: '<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]>>' },
        { value: '<</Title (Budget /Type /Pages /Count 12)>>' },
      ],
      1,
      4,
    );
    expect(countPages(readable)).toBe(1);
  });

  it('reads font names from font dictionaries only', () => {
    const bytes = writePdf(
      [
        { value: '<</Type /Catalog /Pages 2 0 R>>' },
        { value: '<</Type /Pages /Count 0 /Kids []>>' },
        { value: '<</Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SourceSans3-Bold>>' },
        { value: '<</Title (/Type /Font /BaseFont /Comic-Sans)>>' },
      ],
      1,
      4,
    );
    expect(fontNames(bytes)).toEqual(['SourceSans3-Bold']);
  });

  it('fails on bytes that are no PDF', () => {
    expect(() => countPages(new TextEncoder().encode('<html>'))).toThrow('the printed PDF has no pages');
  });
});

describe('finishPdf: the one-page contract', () => {
  it('accepts a one-pager on one page', () => {
    expect(finishPdf(job, printed(pdf(1)), new Date(0)).pages).toBe(1);
  });

  it('fails a one-pager on two pages, naming the file and the overflow', () => {
    let message = '';
    try {
      finishPdf(job, printed(pdf(2), 23.4), new Date(0));
    } catch (error) {
      message = formatError(error as never);
    }
    expect(message).toBe(
      'content/countries/mali.md: error: does not fit on one page: it prints on 2 pages, overflowing by 23 mm (about 5 lines of text)\n' +
        '  hint: Shorten the narrative or the summary (about 12 words free 1 line, 4.5 mm).',
    );
  });

  it('says "less than 1 mm" when the measured overflow is tiny', () => {
    expect(() => finishPdf(job, printed(pdf(2), 0.2), new Date(0))).toThrow('overflowing by less than 1 mm');
  });

  it('does not limit factsheets', () => {
    const { maxPages: _unused, ...factsheetJob } = job;
    expect(finishPdf({ ...factsheetJob, kind: 'factsheet' }, printed(pdf(7)), new Date(0)).pages).toBe(7);
  });
});

describe('the brand-font check', () => {
  const coverage = {
    any: new Set([...'Mali €'].map((c) => c.codePointAt(0) ?? 0)),
    all: new Set([...'Mali'].map((c) => c.codePointAt(0) ?? 0)),
    postscriptNames: ['SourceSans3-Bold', 'SourceSerif4-Italic'],
    declaredIn: ['templates/styles/fonts.css'],
    families: ['Source Sans 3', 'Source Serif 4'],
  };
  // A tagged page, as Chromium prints one: the PDF/UA-1 gate that runs with the font gate passes it.
  const withFonts = (...names: string[]) =>
    fakePdf(
      1,
      'Mali',
      names.map((name, index) => `ABCDE${'FGH'[index] ?? 'Z'}+${name}`),
    );

  it('passes text the fonts cover, printed in declared fonts only', () => {
    expect(
      finishPdf(
        job,
        printed(withFonts('SourceSans3-Bold', 'SourceSerif4-Italic'), 0, 'Mali €\u00AD\n'),
        new Date(0),
        coverage,
      ).pages,
    ).toBe(1);
  });

  it('names the characters the fonts lack', () => {
    const check = () =>
      finishPdf(job, printed(withFonts('SourceSans3-Bold'), 0, 'Mali Жизнь 🙂 Ж'), new Date(0), coverage);
    expect(check).toThrow(
      'uses characters the declared fonts lack: "Ж" (U+0416) in "Жизнь", "и" (U+0438) in "Жизнь", "з" (U+0437) in "Жизнь", "н" (U+043D) in "Жизнь", "ь" (U+044C) in "Жизнь", "🙂" (U+1F642)',
    );
    // The hint names the templates' style sheet, never the tool's source.
    expect(check).toThrow(
      expect.objectContaining({
        hint: expect.stringContaining('declare a font that has them in templates/styles/fonts.css'),
      }) as Error,
    );
  });

  it('names a font the templates do not declare, even one of a declared family in another weight', () => {
    expect(() =>
      finishPdf(job, printed(withFonts('SourceSans3-Bold', 'DejaVuSans'), 0, 'Mali €'), new Date(0), coverage),
    ).toThrow(
      'printed in fonts the templates do not declare: DejaVuSans (characters only some declared families have: "€" (U+20AC))',
    );
    expect(() => finishPdf(job, printed(withFonts('SourceSans3-Black'), 0, 'Mali'), new Date(0), coverage)).toThrow(
      'printed in fonts the templates do not declare: SourceSans3-Black',
    );
  });
});

describe('setDocumentInfo (through finishPdf)', () => {
  it('appends an Info object, an xref section and a trailer that points back to the old one', () => {
    const input = pdf(1);
    const output = new TextDecoder('latin1').decode(
      finishPdf(job, printed(input), new Date('2017-09-06T00:00:00Z')).bytes,
    );
    const appended = output.slice(input.length);
    const utf16 = (text: string) =>
      `<${Buffer.from(`\uFEFF${text}`, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
    expect(
      output.startsWith(new TextDecoder('latin1').decode(input).replace(/D:20261128052819/g, 'D:20170906000000')),
    ).toBe(true);
    // The Info update comes first; the standards' update (XMP, /ID) follows it.
    expect(appended.slice(0, appended.indexOf('%%EOF\n') + 6)).toBe(
      `11 0 obj\n<</Title ${utf16('Mali: country brief')}\n/Author ${utf16('Team')}\n/Subject ${utf16('A brief')}\n` +
        `/Keywords ${utf16('Mali, ML')}\n/Creator ${utf16('factsheets')}\n/Producer ${utf16('Chromium (Skia/PDF) via factsheets')}\n` +
        "/CreationDate (D:20170906000000+00'00')\n/ModDate (D:20170906000000+00'00')>>\nendobj\n" +
        `xref\n11 1\n${String(input.length).padStart(10, '0')} 00000 n \n` +
        `trailer\n<</Size 12\n/Root 8 0 R\n/Info 11 0 R\n/Prev 200>>\nstartxref\n${input.length + appended.indexOf('xref')}\n%%EOF\n`,
    );
  });
});

describe('makeReproducible', () => {
  it('rewrites the dates at the same length', () => {
    const input = pdf(1);
    const output = makeReproducible(input, new Date('2017-09-06T00:00:00Z'));
    const text = new TextDecoder('latin1').decode(output);
    expect(output.length).toBe(input.length);
    expect(text).toContain("/CreationDate (D:20170906000000+00'00')");
    expect(text).toContain("/ModDate (D:20170906000000+00'00')");
  });

  it('renumbers structure IDs in element order and keeps the ID tree sorted, at the same length', () => {
    const tagged = (a: string, b: string) =>
      pdf(
        1,
        `5 0 obj\n<</S /TH\n/ID (node${a})>>\nendobj\n6 0 obj\n<</S /TH\n/ID (node${b})>>\nendobj\n` +
          `9 0 obj\n<</Limits [(node${[a, b].sort()[0]}) (node${[a, b].sort()[1]})]\n/Names [` +
          [
            [a, '5'],
            [b, '6'],
          ]
            .sort()
            .map(([id, ref]) => `(node${id}) ${ref} 0 R`)
            .join(' ') +
          ']>>\nendobj\n',
      );
    const first = makeReproducible(tagged('00000042', '00000017'), new Date(0));
    const second = makeReproducible(tagged('00000913', '00000977'), new Date(0));
    expect(first.length).toBe(tagged('00000042', '00000017').length);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(new TextDecoder('latin1').decode(first)).toContain(
      '/ID (node00000001)>>\nendobj\n6 0 obj\n<</S /TH\n/ID (node00000002)>>\nendobj\n' +
        '9 0 obj\n<</Limits [(node00000001) (node00000002)]\n/Names [(node00000001) 5 0 R (node00000002) 6 0 R]>>',
    );
  });
});

describe('finishPdf: fitted one-pagers', () => {
  const fit = {
    step: 'dense',
    stepIndex: 2,
    fits: false,
    roomMm: -14.2,
    roomLines: 0,
    bodyPt: 9,
    lines: { shown: 3, leftOut: 40 },
  };

  it('names the densest step tried and the measured words of prose to cut, never the data', () => {
    const over = { ...printed(pdf(2), 14.2), fit: { ...fit, wordsToCut: { narrative: 38, summary: 0, enough: true } } };
    expect(() => finishPdf(job, over, new Date(0))).toThrow(
      expect.objectContaining({
        message:
          'does not fit on one page even at its densest step ("dense", 9 pt body text, 3 funding lines): it prints on 2 pages, overflowing by 14 mm (about 3 lines of text)',
        hint: 'Cut about 38 words of the narrative (measured at this step); the funding table and charts already take their least room.',
      }),
    );
  });

  it('asks for words of the summary too when the narrative is no taller than the charts beside it', () => {
    const over = { ...printed(pdf(2), 14.2), fit: { ...fit, wordsToCut: { narrative: 12, summary: 9, enough: true } } };
    expect(() => finishPdf(job, over, new Date(0))).toThrow(
      expect.objectContaining({
        hint: 'Cut about 12 words of the narrative and about 9 words of the summary (measured at this step); the funding table and charts already take their least room.',
      }),
    );
  });

  it('fails a layout whose fit step goes under the 9 pt floor', () => {
    const under = {
      ...printed(pdf(1)),
      fit: { ...fit, belowFloor: 'its fit step "tiny" sets the body text at 8.0 pt, under the 9 pt floor' },
    };
    expect(() => finishPdf(job, under, new Date(0))).toThrow(
      'the one-pager layout is below the readable floor: its fit step "tiny" sets the body text at 8.0 pt',
    );
  });

  it('accepts a fitted page on one page', () => {
    expect(finishPdf(job, { ...printed(pdf(1)), fit: { ...fit, fits: true, roomMm: 3 } }, new Date(0)).pages).toBe(1);
  });

  it('fails content wider than the page, naming it', () => {
    const wide = { ...printed(pdf(1)), tooWide: { what: 'a table "Mali Niger"', widthMm: 212, roomMm: 176 } };
    expect(() => finishPdf(job, wide, new Date(0))).toThrow(
      'is wider than its page: a table "Mali Niger" is 212 mm wide where 176 mm fit',
    );
  });
});
