import { inflateSync } from 'node:zlib';
import { untaggedRuns } from './artifacts.js';
import { contentOps } from './content-ops.js';
import { emptyMappings } from './ligatures.js';
import { dictEntry, latin1, readPdf, refEntry, refList, type PdfFile } from './objects.js';
import { pageStreams } from './page-streams.js';
import { fonts, pages, subsetTags, type CheckedPdf, type NamedRule } from './check-rules.js';
import { PDFX_RULES } from './pdfx-check.js';
import { decodeString } from './strings.js';
import { LANG, STANDARD_TYPES, structElements } from './structure.js';

export type { CheckedPdf, Rule } from './check-rules.js';

/** One condition a PDF does not meet: the veraPDF rule id (ISO 14289-1 clause and test), its Matterhorn Protocol failure condition, and what is wrong. */
export interface StandardFailure {
  readonly rule: string;
  readonly matterhorn?: string;
  readonly message: string;
}

export interface CheckOptions {
  /** Check PDF/X-4 too. */
  readonly print?: boolean;
  /**
   * Languages the HTML marked on phrases (other than the page's own), when known, as in a
   * build: each must be some element's /Lang, or Chromium dropped the mark. A PDF alone
   * keeps no trace of a dropped one.
   */
  readonly phraseLanguages?: readonly string[];
}

/** The machine-checkable PDF/UA-1 conditions the build checks, by veraPDF rule id. */
export const UA_RULES: readonly NamedRule[] = [
  {
    rule: '6.2-1',
    check: ({ catalog }) =>
      /\/MarkInfo\s*<<[^>]*\/Marked\s+true/.test(catalog) ? [] : ['the catalog has no MarkInfo with /Marked true'],
  },
  {
    rule: '7.1-8',
    matterhorn: '06-001',
    check: ({ xmp }) => (xmp === undefined ? ['the catalog has no XMP metadata stream'] : []),
  },
  {
    rule: '5-1',
    matterhorn: '06-002',
    check: ({ xmp }) =>
      xmp === undefined || /<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(xmp)
        ? []
        : ['the XMP metadata does not say pdfuaid:part 1'],
  },
  {
    rule: '7.1-9',
    matterhorn: '06-003',
    check: ({ xmp }) =>
      xmp === undefined || /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>[^<]+</.test(xmp)
        ? []
        : ['the XMP metadata has no dc:title'],
  },
  {
    rule: '7.1-10',
    matterhorn: '07-001',
    check: ({ catalog }) =>
      /\/DisplayDocTitle\s+true/.test(catalog) ? [] : ['the viewer preferences do not say DisplayDocTitle true'],
  },
  {
    rule: '7.1-11',
    check: ({ catalog }) =>
      refEntry(catalog, 'StructTreeRoot') === undefined ? ['the file has no structure tree'] : [],
  },
  {
    rule: '7.2-34',
    matterhorn: '11-001',
    check: ({ catalog }) => (/\/Lang\s*(\([^)]+\)|<[0-9A-Fa-f]+>)/.test(catalog) ? [] : ['the catalog has no /Lang']),
  },
  { rule: '7.1-3', matterhorn: '01-005', check: untaggedContent },
  { rule: '7.1-5', matterhorn: '02-001', check: unmappedTypes },
  {
    rule: '7.2-20',
    matterhorn: '09-005',
    check: ({ elements }) =>
      [...elements.values()]
        .filter((element) => element.type === 'LI')
        .flatMap((item) =>
          item.kids
            .map((kid) => elements.get(kid)?.type)
            .filter((type) => type !== 'Lbl' && type !== 'LBody')
            .map((type) => `a list item (object ${item.number}) holds ${type ?? 'content'} beside Lbl and LBody`),
        ),
  },
  {
    rule: '7.3-1',
    matterhorn: '13-004',
    check: ({ elements }) =>
      [...elements.values()]
        .filter(
          (element) => element.type === 'Figure' && !/\/(Alt|ActualText)\s*(\([^)]|<[0-9A-Fa-f]{5})/.test(element.body),
        )
        .map((figure) => `a Figure (object ${figure.number}) has no alternative text`),
  },
  { rule: '7.4.2-1', matterhorn: '14-003', check: headingLevels },
  {
    rule: '7.5-1',
    matterhorn: '15-003',
    check: ({ elements }) =>
      [...elements.values()]
        .filter(
          (element) => element.type === 'TH' && !/\/Scope\s*\//.test(element.body) && !/\/Headers\b/.test(element.body),
        )
        .map((cell) => `a table header cell (object ${cell.number}) has no Scope`),
  },
  {
    rule: '7.18.3-1',
    check: ({ pdf }) =>
      pages(pdf)
        .filter(([, page]) => /\/Annots\b/.test(page) && !/\/Tabs\s*\/S\b/.test(page))
        .map(([number]) => `page object ${number} has annotations but no /Tabs /S`),
  },
  {
    rule: '7.18.5-1',
    matterhorn: '28-011',
    check: ({ pdf }) =>
      links(pdf)
        .filter(([, link]) => !/\/StructParent\s+\d+/.test(link))
        .map(([number]) => `the link annotation (object ${number}) is not in the structure tree`),
  },
  {
    rule: '7.18.5-2',
    matterhorn: '28-012',
    check: ({ pdf }) =>
      links(pdf)
        .filter(([, link]) => !/\/Contents\s*(\([^)]|<[0-9A-Fa-f]{5})/.test(link))
        .map(([number]) => `the link annotation (object ${number}) has no /Contents`),
  },
  { rule: '7.21.4.1-1', matterhorn: '31-001', check: fontsEmbedded },
  {
    rule: '7.21.7-1',
    matterhorn: '31-027',
    check: ({ pdf }) =>
      fonts(pdf)
        .filter(([, font]) => /\/Subtype\s*\/Type0\b/.test(font) && refEntry(font, 'ToUnicode') === undefined)
        .map(([number]) => `the font ${fontName(pdf, number)} has no ToUnicode map`),
  },
  { rule: '7.21.7-2', matterhorn: '31-028', check: zeroUnicode },
  // ISO 32000-1 (14.9.2), as PDF/UA asks for the language of every part: a NonStruct means
  // "no meaning", so a reader may pass over its /Lang; a phrase in another language is a Span.
  { rule: 'ISO 32000-1 14.9.2', matterhorn: '11-001', check: phraseLanguages },
  // Not PDF/UA's own, but ISO 32000-1 (9.6.4), which PDF/UA requires: one tag, one subset.
  { rule: 'ISO 32000-1 9.6.4', check: subsetTags },
];

/** Checks a PDF against the rules (PDF/UA-1, and PDF/X-4 too with `print`): every failure, in rule order. */
export function checkStandards(
  bytes: Uint8Array,
  name: string,
  options: CheckOptions = {},
  rules = UA_RULES,
): StandardFailure[] {
  return checkPdfFile(readPdf(bytes, name), options, rules);
}

/** The same for a PDF's objects, as read or as about to be written (the briefing pack's merge). */
export function checkPdfFile(pdf: PdfFile, options: CheckOptions = {}, rules = UA_RULES): StandardFailure[] {
  const catalog = pdf.objects.get(pdf.root)?.value ?? '';
  const stream = (number: number): string | undefined => {
    const object = pdf.objects.get(number);
    if (object?.stream === undefined) return undefined;
    if (!/\/Filter\b/.test(object.value)) return latin1(object.stream);
    if (!/\/Filter\s*\/FlateDecode\b/.test(object.value)) return undefined;
    try {
      return inflateSync(object.stream).toString('latin1');
    } catch {
      return undefined;
    }
  };
  const metadata = refEntry(catalog, 'Metadata');
  const xmpBytes = metadata === undefined ? undefined : stream(metadata);
  const file: CheckedPdf = {
    pdf,
    catalog,
    stream,
    elements: structElements({ numbers: [...pdf.objects.keys()], body: (number) => pdf.objects.get(number)?.value }),
    xmp: xmpBytes === undefined ? undefined : Buffer.from(xmpBytes, 'latin1').toString('utf8'),
    phraseLanguages: (options.phraseLanguages ?? []).map((tag) => tag.toLowerCase()),
  };
  const all = options.print === true ? [...rules, ...PDFX_RULES] : rules;
  return all.flatMap(({ rule, matterhorn, check }) =>
    check(file).map((message) => ({ rule, ...(matterhorn === undefined ? {} : { matterhorn }), message })),
  );
}

/** `7.1-3 (Matterhorn 01-005): content …`: one line for a report. */
export function describeFailure(failure: StandardFailure): string {
  return `${failure.rule}${failure.matterhorn === undefined ? '' : ` (Matterhorn ${failure.matterhorn})`}: ${failure.message}`;
}

function untaggedContent({ pdf, stream }: CheckedPdf): string[] {
  return pageStreams(pdf.objects).flatMap(({ page, contents }, index) => {
    const runs = contents.flatMap((content) => untaggedRuns(contentOps(stream(content) ?? '')));
    return runs.length === 0
      ? []
      : [
          `page ${index + 1} (object ${page}) draws ${runs.length} ${runs.length === 1 ? 'stretch' : 'stretches'} neither tagged nor marked as an artifact`,
        ];
  });
}

/** Phrases in another language: each one a Span with its /Lang (a NonStruct may be passed over), and none lost. */
function phraseLanguages({ elements, phraseLanguages: marked }: CheckedPdf): string[] {
  const failures = [...elements.values()]
    .filter((element) => element.type === 'NonStruct' && LANG.test(element.body))
    .map(
      (element) =>
        `a phrase in another language (object ${element.number}, /Lang ${LANG.exec(element.body)?.[1] ?? ''}) is tagged NonStruct, not Span`,
    );
  const tagged = new Set(
    [...elements.values()]
      .map((element) => LANG.exec(element.body)?.[1])
      .filter((token) => token !== undefined)
      .map((token) => decodeString(token).toLowerCase()),
  );
  for (const tag of new Set(marked))
    if (!tagged.has(tag))
      failures.push(
        `a phrase marked lang="${tag}" in the page has no element with /Lang (${tag}) in the structure tree`,
      );
  return failures;
}

function unmappedTypes({ elements, pdf, catalog }: CheckedPdf): string[] {
  const root = pdf.objects.get(refEntry(catalog, 'StructTreeRoot') ?? -1)?.value ?? '';
  const roleMap = dictEntry(root, 'RoleMap')?.text ?? pdf.objects.get(refEntry(root, 'RoleMap') ?? -1)?.value ?? '';
  const mapped = new Map(
    [...roleMap.matchAll(/\/([^\s/<>[\]()]+)\s*\/([^\s/<>[\]()]+)/g)].map((match) => [match[1] ?? '', match[2] ?? '']),
  );
  const types = new Set([...elements.values()].map((element) => element.type));
  const failures: string[] = [];
  for (const type of [...types].sort()) {
    if (STANDARD_TYPES.has(type)) continue;
    let target: string | undefined = type;
    for (let step = 0; target !== undefined && !STANDARD_TYPES.has(target) && step < 10; step += 1)
      target = mapped.get(target);
    if (target === undefined || !STANDARD_TYPES.has(target))
      failures.push(`the structure type ${type} is neither standard nor mapped to one in the RoleMap`);
  }
  for (const type of mapped.keys())
    if (STANDARD_TYPES.has(type)) failures.push(`the RoleMap remaps the standard type ${type}`);
  return failures;
}

function headingLevels({ elements, catalog, pdf }: CheckedPdf): string[] {
  const levels: number[] = [];
  const visit = (number: number, depth: number): void => {
    const element = elements.get(number);
    if (element === undefined || depth > 200) return;
    const level = /^H([1-6])$/.exec(element.type)?.[1];
    if (level !== undefined) levels.push(Number(level));
    for (const kid of element.kids) visit(kid, depth + 1);
  };
  const root = pdf.objects.get(refEntry(catalog, 'StructTreeRoot') ?? -1)?.value ?? '';
  for (const kid of refList(root, 'K')) visit(kid, 0);
  const failures: string[] = [];
  if (levels.length > 0 && levels[0] !== 1) failures.push(`the first heading is H${levels[0]}, not H1`);
  levels.forEach((level, index) => {
    const previous = levels[index - 1];
    if (previous !== undefined && level > previous + 1)
      failures.push(`an H${level} follows an H${previous}, skipping a level`);
  });
  return failures;
}

function fontsEmbedded({ pdf }: CheckedPdf): string[] {
  return fonts(pdf).flatMap(([number, font]) => {
    if (/\/Subtype\s*\/(Type0|Type3)\b/.test(font)) return [];
    const descriptor = pdf.objects.get(refEntry(font, 'FontDescriptor') ?? -1)?.value ?? '';
    return /\/FontFile[23]?\s+\d+/.test(descriptor) ? [] : [`the font ${fontName(pdf, number)} is not embedded`];
  });
}

function zeroUnicode({ pdf, stream }: CheckedPdf): string[] {
  return fonts(pdf).flatMap(([number, font]) => {
    const cmap = refEntry(font, 'ToUnicode');
    const empty = cmap === undefined ? [] : emptyMappings(stream(cmap) ?? '');
    return empty.length === 0
      ? []
      : [
          `the font ${fontName(pdf, number)} maps ${empty.map((code) => `<${code}>`).join(' ')} to no character (U+0000, U+FEFF or U+FFFE) in its ToUnicode`,
        ];
  });
}

function links(pdf: PdfFile): [number, string][] {
  return [...pdf.objects]
    .filter(
      ([, object]) => /\/Subtype\s*\/Link\b/.test(object.value) && /\/Type\s*\/Annot\b|\/Rect\b/.test(object.value),
    )
    .map(([number, object]) => [number, object.value]);
}

function fontName(pdf: PdfFile, number: number): string {
  return /\/BaseFont\s*\/([^\s/<>[\]()]+)/.exec(pdf.objects.get(number)?.value ?? '')?.[1] ?? `object ${number}`;
}
