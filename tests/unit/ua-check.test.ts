import { describe, expect, it } from 'vitest';
import { PDFX_RULES } from '../../src/pdf/pdfx-check.js';
import { addPrintMarks } from '../../src/pdf/print-marks.js';
import { declareStandards, type PrintCondition } from '../../src/pdf/standards.js';
import { checkStandards, describeFailure, UA_RULES } from '../../src/pdf/ua-check.js';
import { appendUpdate, fromLatin1, latin1, readPrinted } from '../../src/pdf/update.js';
import { fakePdf } from '../helpers/fake-pdf.js';
import { onePagerDocument } from '../helpers/documents.js';
import { checkAccessibility } from '../../src/stages/accessibility-gate.js';
import { formatError } from '../../src/errors.js';
import type { RenderJob } from '../../src/model/documents.js';

const print: PrintCondition = {
  profile: Buffer.concat([
    Buffer.alloc(12),
    Buffer.from('prtrCMYK'),
    Buffer.alloc(16),
    Buffer.from('acsp'),
    Buffer.alloc(100),
  ]),
  identifier: 'FOGRA39',
  condition: 'Coated FOGRA39',
  srgb: Buffer.alloc(128),
};

/** A PDF as the build finishes it: tagged, declared, passing every rule. */
const passing = (): Uint8Array => declareStandards(fakePdf(1, 'Mali', ['AAAAAA+SourceSans3-Regular']));
const passingPrint = (): Uint8Array =>
  declareStandards(
    addPrintMarks(fakePdf(1, 'Mali', ['AAAAAA+SourceSans3-Regular']), { bleedMm: 3, slugMm: 10 }),
    print,
  );

/** The PDF with objects replaced or added by an incremental update, as a damaged or foreign file would have them. */
function changed(
  bytes: Uint8Array,
  change: (body: (number: number) => string, find: (pattern: RegExp) => number, next: number) => Map<number, string>,
  id = true,
): Uint8Array {
  const pdf = readPrinted(latin1(bytes));
  const find = (pattern: RegExp): number => {
    const number = pdf.numbers.findLast((candidate) => pattern.test(pdf.body(candidate) ?? ''));
    if (number === undefined) throw new Error(`no object matches ${pattern}`);
    return number;
  };
  const objects = change((number) => pdf.body(number) ?? '', find, pdf.trailer.size);
  return fromLatin1(appendUpdate(pdf.text, objects, undefined, pdf.trailer, id ? 'AB' : undefined));
}

const catalog = (edit: (value: string) => string) => (body: (n: number) => string, find: (p: RegExp) => number) => {
  const number = find(/\/Type \/Catalog/);
  return new Map([[number, edit(body(number))]]);
};
const metadata = (xmp: string) => (body: (n: number) => string, find: (p: RegExp) => number, next: number) => {
  const root = find(/\/Type \/Catalog/);
  return new Map([
    [next, `<</Type /Metadata /Subtype /XML /Length ${xmp.length}>>\nstream\n${xmp}\nendstream`],
    [root, body(root).replace(/\/Metadata \d+ 0 R/, `/Metadata ${next} 0 R`)],
  ]);
};
/** A new structure element of type `type` (its body after /S) under the document element. */
const element =
  (type: string, extra: (next: number) => Map<number, string> = () => new Map()) =>
  (body: (n: number) => string, find: (p: RegExp) => number, next: number) => {
    const document = find(/\/S \/Document/);
    return new Map([
      [next, `<</Type /StructElem /S /${type} /P ${document} 0 R>>`],
      [document, body(document).replace(/\/K \[/, `/K [${next} 0 R `)],
      ...extra(next),
    ]);
  };
const page = (edit: (value: string) => string) => (body: (n: number) => string, find: (p: RegExp) => number) => {
  const number = find(/\/Type \/Page\b(?!s)/);
  return new Map([[number, edit(body(number))]]);
};
const stream = (content: string) => `<</Length ${content.length}>>\nstream\n${content}\nendstream`;
const font = (edit: (value: string) => string) => (body: (n: number) => string, find: (p: RegExp) => number) => {
  const number = find(/\/Subtype \/Type0/);
  return new Map([[number, edit(body(number))]]);
};

/** One deliberately broken PDF per rule: the rule must fail on it (and no other rule need). */
const BROKEN: Readonly<Record<string, () => Uint8Array>> = {
  '6.2-1': () =>
    changed(
      passing(),
      catalog((value) => value.replace('/MarkInfo <</Marked true>>', '')),
    ),
  '7.1-8': () =>
    changed(
      passing(),
      catalog((value) => value.replace(/\/Metadata \d+ 0 R/, '')),
    ),
  '5-1': () =>
    changed(
      passing(),
      metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Mali</rdf:li></rdf:Alt></dc:title></x:xmpmeta>',
      ),
    ),
  '7.1-9': () =>
    changed(passing(), metadata('<x:xmpmeta xmlns:x="adobe:ns:meta/"><pdfuaid:part>1</pdfuaid:part></x:xmpmeta>')),
  '7.1-10': () =>
    changed(
      passing(),
      catalog((value) => value.replace('/DisplayDocTitle true', '/DisplayDocTitle false')),
    ),
  '7.1-11': () =>
    changed(
      passing(),
      catalog((value) => value.replace(/\/StructTreeRoot \d+ 0 R/, '')),
    ),
  '7.2-34': () =>
    changed(
      passing(),
      catalog((value) => value.replace('/Lang (en)', '')),
    ),
  '7.1-3': () =>
    changed(
      passing(),
      (body, find) =>
        new Map([
          [
            Number(/\/Contents (\d+)/.exec(body(find(/\/Type \/Page\b(?!s)/)))?.[1]),
            stream('/P <</MCID 0>> BDC\nEMC\n0 0 10 10 re f\n'),
          ],
        ]),
    ),
  '7.1-5': () => changed(passing(), element('Strong')),
  '7.2-20': () =>
    changed(passing(), (body, find, next) =>
      element(
        `LI /K [${next + 1} 0 R]`,
        () => new Map([[next + 1, `<</Type /StructElem /S /NonStruct /P ${next} 0 R>>`]]),
      )(body, find, next),
    ),
  '7.3-1': () => changed(passing(), element('Figure /K 5')),
  'ISO 32000-1 14.9.2': () => changed(passing(), element('NonStruct /Lang (fr) /K 5')),
  '7.4.2-1': () => changed(passing(), element('H2')),
  '7.5-1': () => changed(passing(), element('TH')),
  '7.18.3-1': () =>
    changed(
      passing(),
      (body, find, next) =>
        new Map([
          [next, '<</Type /Annot /Subtype /Link /Rect [0 0 1 1] /StructParent 3 /Contents (x)>>'],
          [find(/\/Type \/Page\b(?!s)/), body(find(/\/Type \/Page\b(?!s)/)).replace(/>>$/, ` /Annots [${next} 0 R]>>`)],
        ]),
    ),
  '7.18.5-1': () =>
    changed(
      passing(),
      (_, __, next) =>
        new Map([[next, '<</Type /Annot /Subtype /Link /Rect [0 0 1 1] /Contents (https://example.org)>>']]),
    ),
  '7.18.5-2': () =>
    changed(
      passing(),
      (_, __, next) => new Map([[next, '<</Type /Annot /Subtype /Link /Rect [0 0 1 1] /StructParent 3>>']]),
    ),
  '7.21.4.1-1': () =>
    changed(
      passing(),
      (_, __, next) =>
        new Map([[next, '<</Type /Font /Subtype /TrueType /BaseFont /Arial /FontDescriptor 9999 0 R>>']]),
    ),
  '7.21.7-1': () =>
    changed(
      passing(),
      font((value) => value.replace(/\/ToUnicode \d+ 0 R/, '')),
    ),
  '7.21.7-2': () =>
    changed(
      passing(),
      (body, find) =>
        new Map([
          [
            Number(/\/ToUnicode (\d+)/.exec(body(find(/\/Subtype \/Type0/)))?.[1]),
            stream('begincmap\n1 beginbfchar\n<0080> <0000>\nendbfchar\nendcmap\n'),
          ],
        ]),
    ),
  'ISO 32000-1 9.6.4': () =>
    changed(
      passing(),
      (_, __, next) =>
        new Map([
          [
            next,
            `<</Type /Font /Subtype /Type0 /BaseFont /AAAAAA+SourceSerif4-Bold /DescendantFonts [${next + 1} 0 R] /ToUnicode ${next + 3} 0 R>>`,
          ],
          [
            next + 1,
            `<</Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+SourceSerif4-Bold /FontDescriptor ${next + 2} 0 R>>`,
          ],
          [next + 2, `<</Type /FontDescriptor /FontName /AAAAAA+SourceSerif4-Bold /FontFile2 ${next + 3} 0 R>>`],
          [next + 3, stream('begincmap\nendcmap\n')],
        ]),
    ),
  'PDF/X-4 output intent': () =>
    changed(
      passingPrint(),
      catalog((value) => value.replace(/\/OutputIntents \[[^\]]*\]/, '')),
    ),
  'PDF/X-4 version in Info': () =>
    changed(
      passingPrint(),
      (body, find) =>
        new Map([
          [find(/\/GTS_PDFXVersion/), body(find(/\/GTS_PDFXVersion/)).replace('/GTS_PDFXVersion (PDF/X-4)', '')],
        ]),
    ),
  'PDF/X-4 version in XMP': () =>
    changed(
      passingPrint(),
      metadata(
        '<x:xmpmeta><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Mali</rdf:li></rdf:Alt></dc:title><pdfuaid:part>1</pdfuaid:part></x:xmpmeta>',
      ),
    ),
  'PDF/X-4 trapping': () =>
    changed(
      passingPrint(),
      (body, find) => new Map([[find(/\/Trapped/), body(find(/\/Trapped/)).replace('/Trapped /False', '')]]),
    ),
  'PDF/X-4 file identifier': () => changed(passingPrint(), () => new Map(), false),
  'PDF/X-4 trim box': () =>
    changed(
      passingPrint(),
      page((value) => value.replace(/\/TrimBox \[[^\]]*\]/, '')),
    ),
  'PDF/X-4 annotations': () =>
    changed(
      passingPrint(),
      (body, find, next) =>
        new Map([
          [next, '<</Type /Annot /Subtype /Link /Rect [0 0 1 1] /StructParent 3 /Contents (x)>>'],
          [find(/\/Type \/Page\b(?!s)/), body(find(/\/Type \/Page\b(?!s)/)).replace(/>>$/, ` /Annots [${next} 0 R]>>`)],
        ]),
    ),
  'PDF/X-4 device colour': () =>
    changed(passingPrint(), (body, find) => {
      const number = find(/\/Type \/Page\b(?!s)/);
      const content = /\/Contents \[(\d+)/.exec(body(number))?.[1];
      return new Map([
        [Number(content), stream('/Artifact BMC\n1 0 0 rg 0 0 5 5 re f\nEMC\n')],
        [number, body(number).replace(/\/DefaultRGB \d+ 0 R/, '')],
      ]);
    }),
};

describe('the PDF/UA-1 and PDF/X-4 checks', () => {
  it('pass a PDF as the build finishes it, screen and print', () => {
    expect(checkStandards(passing(), 'screen.pdf').map(describeFailure)).toEqual([]);
    expect(checkStandards(passingPrint(), 'print.pdf', { print: true }).map(describeFailure)).toEqual([]);
  });

  it('have a deliberately broken PDF for every rule, so that no check can pass by never failing', () => {
    expect(Object.keys(BROKEN).sort()).toEqual([...UA_RULES, ...PDFX_RULES].map(({ rule }) => rule).sort());
  });

  it('fail a document in the build with each failure by rule id and Matterhorn number, and say where to fix it', () => {
    const job = {
      document: onePagerDocument('mali', 'name: Mali\niso: ML'),
      layout: 'one-pager',
      outputPath: 'countries/mali.pdf',
    } as unknown as RenderJob;
    let message = '';
    try {
      checkAccessibility(job, BROKEN['7.3-1']?.() ?? new Uint8Array());
    } catch (error) {
      message = formatError(error as never);
    }
    expect(message).toBe(
      'content/countries/mali.md: error: its PDF does not meet PDF/UA-1: 7.3-1 (Matterhorn 13-004): a Figure (object 17) has no alternative text\n' +
        '  hint: Give every image alternative text: in the Markdown, ![what it shows](file.png); in templates/layouts/one-pager.hbs, an alt on each <img> and role="img" with aria-label on each <svg>, or aria-hidden="true" on a decorative one.',
    );
  });

  it('pass a phrase in another language once the finishing step has made its NonStruct a Span', () => {
    const phrase = changed(fakePdf(1, 'Mali', ['AAAAAA+SourceSans3-Regular']), element('NonStruct /Lang (fr) /K 5'));
    const finished = declareStandards(phrase);
    expect(checkStandards(finished, 'screen.pdf').map(describeFailure)).toEqual([]);
    expect(latin1(finished)).toMatch(/\/S \/Span \/Lang \(fr\)/);
  });

  it('fail a PDF that lost a language the page marked on a phrase, and say where to fix it', () => {
    const lost = checkStandards(passing(), 'screen.pdf', { phraseLanguages: ['fr'] });
    expect(lost.map(describeFailure)).toEqual([
      'ISO 32000-1 14.9.2 (Matterhorn 11-001): a phrase marked lang="fr" in the page has no element with /Lang (fr) in the structure tree',
    ]);
    const kept = (lang: string) =>
      declareStandards(
        changed(fakePdf(1, 'Mali', ['AAAAAA+SourceSans3-Regular']), element(`NonStruct /Lang ${lang} /K 5`)),
      );
    expect(checkStandards(kept('(fr)'), 'screen.pdf', { phraseLanguages: ['fr'] })).toEqual([]);
    // A hex string says the same (UTF-16 with its byte-order mark), and tags compare case-blind.
    expect(checkStandards(kept('<FEFF00660072002D00430041>'), 'screen.pdf', { phraseLanguages: ['fr-CA'] })).toEqual(
      [],
    );
    const job = {
      document: onePagerDocument('mali', 'name: Mali\niso: ML'),
      layout: 'one-pager',
      outputPath: 'countries/mali.pdf',
    } as unknown as RenderJob;
    let message = '';
    try {
      checkAccessibility(job, passing(), { phraseLanguages: ['fr'] });
    } catch (error) {
      message = formatError(error as never);
    }
    expect(message).toContain(
      'in templates/layouts/one-pager.hbs, give an element with a lang an explicit role (<span lang="fr" role="generic">)',
    );
  });

  for (const [rule, broken] of Object.entries(BROKEN)) {
    it(`fail rule ${rule} on its broken PDF`, () => {
      const failures = checkStandards(broken(), 'broken.pdf', { print: rule.startsWith('PDF/X') });
      expect(failures.map((failure) => failure.rule)).toContain(rule);
    });
  }
});
