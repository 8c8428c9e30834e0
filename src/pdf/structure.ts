import { refEntry, referencesIn } from './objects.js';
import { encodeTextString, decodeString } from './strings.js';
import type { PrintedPdf } from './update.js';

/** The structure types of PDF 1.7 (ISO 32000-1, 14.8.4): any other needs a RoleMap entry. */
export const STANDARD_TYPES = new Set([
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'BlockQuote',
  'Caption',
  'TOC',
  'TOCI',
  'Index',
  'NonStruct',
  'Private',
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'THead',
  'TBody',
  'TFoot',
  'Span',
  'Quote',
  'Note',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'RB',
  'RT',
  'RP',
  'Warichu',
  'WT',
  'WP',
  'Figure',
  'Formula',
  'Form',
]);

/** PDF 2.0 types Chromium writes, and the PDF 1.7 type each stands for. */
export const ROLE_MAP: Readonly<Record<string, string>> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Aside: 'Sect',
  Title: 'P',
  FENote: 'Div',
  DocumentFragment: 'Div',
  Artifact: 'Div',
};

/** A /Lang entry with a language in it (an empty one says nothing). */
export const LANG = /\/Lang\s*(\((?:\\.|[^\\)])+\)|<(?:[0-9A-Fa-f]{2}\s*)+>)/;

/** A structure element: its object number, type and children (element numbers, and whether it has content of its own). */
export interface StructElement {
  readonly number: number;
  readonly type: string;
  readonly kids: readonly number[];
  readonly body: string;
}

/** Objects by number: a printed PDF being updated, or a file read whole. */
export type ObjectLookup = Pick<PrintedPdf, 'numbers' | 'body'>;

/** The structure elements of a PDF, by object number. */
export function structElements(pdf: ObjectLookup): Map<number, StructElement> {
  const elements = new Map<number, StructElement>();
  for (const number of pdf.numbers) {
    const body = pdf.body(number) ?? '';
    if (!/\/Type\s*\/StructElem\b/.test(body)) continue;
    const type = /\/S\s*\/([^\s/<>[\]()]+)/.exec(body)?.[1] ?? '';
    const kidsText = /\/K\s*(\[[\s\S]*\]|\d+ \d+ R|\d+)/.exec(body)?.[1] ?? '';
    elements.set(number, { number, type, kids: referencesIn(kidsText), body });
  }
  for (const [number, element] of elements) {
    // References in /K to things that are not elements (annotations via OBJR) are not children.
    elements.set(number, { ...element, kids: element.kids.filter((kid) => elements.has(kid)) });
  }
  return elements;
}

/**
 * What Chromium's structure tree lacks for PDF/UA-1, as replaced objects for an update:
 * list items' bodies tagged LBody (Chromium writes NonStruct); a `<figure>` that only wraps
 * other elements (a quotation, a chart with its caption) tagged Div, since Figure means an
 * image that needs Alt; a phrase in another language (`<span lang="fr" role="generic">`, which
 * Chromium writes as NonStruct with its /Lang) tagged Span, since NonStruct means "no meaning"
 * and a reader may pass over it; a RoleMap from every PDF 2.0 type to its PDF 1.7 counterpart;
 * and `/Contents` on every link annotation (what it points to), which Chromium never writes.
 */
export function structureFixes(pdf: PrintedPdf, root: number): Map<number, string> {
  const objects = new Map<number, string>();
  const elements = structElements(pdf);
  const retype = (element: StructElement, type: string): void => {
    objects.set(
      element.number,
      (objects.get(element.number) ?? element.body).replace(/\/S\s*\/[^\s/<>[\]()]+/, `/S /${type}`),
    );
  };
  let next = pdf.trailer.size;
  for (const element of elements.values()) {
    if (element.type === 'LI') {
      const bodies = element.kids
        .map((kid) => elements.get(kid))
        .filter((kid): kid is StructElement => kid !== undefined && kid.type !== 'Lbl' && kid.type !== 'LBody');
      const [only] = bodies;
      if (only !== undefined && bodies.length === 1 && /^(NonStruct|Div|Span)$/.test(only.type)) retype(only, 'LBody');
      else if (bodies.length > 0 || ownContent(element.body).length > 0)
        wrapInBody(pdf, root, element, bodies, next++, objects);
    }
    if (element.type === 'Figure' && !/\/Alt\b/.test(element.body) && element.kids.length > 0) retype(element, 'Div');
    // Not a list item's body already made LBody (above): that keeps its /Lang and its role.
    if (
      element.type === 'NonStruct' &&
      LANG.test(element.body) &&
      /\/S\s*\/NonStruct\b/.test(objects.get(element.number) ?? element.body)
    )
      retype(element, 'Span');
  }
  const structRoot = refEntry(pdf.body(root) ?? '', 'StructTreeRoot');
  const rootBody = structRoot === undefined ? undefined : pdf.body(structRoot);
  if (structRoot !== undefined && rootBody !== undefined) {
    const used = new Set(
      [...elements.values()].map((element) => element.type).filter((type) => !STANDARD_TYPES.has(type)),
    );
    const entries = [...used]
      .filter((type) => ROLE_MAP[type] !== undefined)
      .sort()
      .map((type) => `/${type} /${ROLE_MAP[type]}`);
    if (entries.length > 0 && !/\/RoleMap\b/.test(rootBody))
      objects.set(structRoot, rootBody.replace(/>>\s*$/, `\n/RoleMap <<${entries.join(' ')}>>>>`));
  }
  for (const number of pdf.numbers) {
    const body = pdf.body(number) ?? '';
    if (!/\/Subtype\s*\/Link\b/.test(body) || /\/Contents\b/.test(body)) continue;
    objects.set(number, body.replace(/>>\s*$/, `\n/Contents ${encodeTextString(linkDescription(body))}>>`));
  }
  return objects;
}

/** The marked-content ids an element holds itself (integers in its /K), on its page (/Pg). */
function ownContent(body: string): number[] {
  const kids = /\/K\s*(\[[^\]]*\]|\d+ \d+ R|\d+)/.exec(body)?.[1] ?? '';
  return [...kids.replace(/\d+ \d+ R/g, '').matchAll(/\d+/g)].map((match) => Number(match[0]));
}

/**
 * Gathers a list item's children other than its label (elements and its own marked content)
 * into a new LBody element (object `number`); the parent tree then maps that content to it.
 */
function wrapInBody(
  pdf: PrintedPdf,
  root: number,
  item: StructElement,
  bodies: readonly StructElement[],
  number: number,
  objects: Map<number, string>,
): void {
  const moved = new Set(bodies.map((body) => body.number));
  const mcids = ownContent(item.body);
  const page = /\/Pg\s+(\d+) \d+ R/.exec(item.body)?.[1];
  if (
    mcids.length > 0 &&
    (page === undefined || !reassign(pdf, root, Number(page), mcids, item.number, number, objects))
  )
    return;
  const labels = item.kids.filter((kid) => !moved.has(kid)).map((kid) => `${kid} 0 R`);
  const contents = [...mcids.map(String), ...bodies.map((body) => `${body.number} 0 R`)];
  objects.set(
    number,
    `<</Type /StructElem\n/S /LBody\n/P ${item.number} 0 R${page === undefined ? '' : `\n/Pg ${page} 0 R`}\n/K [${contents.join(' ')}]>>`,
  );
  objects.set(
    item.number,
    (objects.get(item.number) ?? item.body).replace(
      /\/K\s*(\[[^\]]*\]|\d+ \d+ R|\d+)/,
      `/K [${[...labels, `${number} 0 R`].join(' ')}]`,
    ),
  );
  for (const body of bodies)
    objects.set(body.number, (objects.get(body.number) ?? body.body).replace(/\/P\s+\d+ \d+ R/, `/P ${number} 0 R`));
}

/** Points the parent tree's entries for `mcids` on `page` from element `from` to element `to`; false if the tree is not as Chromium writes it. */
function reassign(
  pdf: PrintedPdf,
  root: number,
  page: number,
  mcids: readonly number[],
  from: number,
  to: number,
  objects: Map<number, string>,
): boolean {
  const key = /\/StructParents\s+(\d+)/.exec(pdf.body(page) ?? '')?.[1];
  const structRoot = refEntry(pdf.body(root) ?? '', 'StructTreeRoot');
  const tree = refEntry(pdf.body(structRoot ?? -1) ?? '', 'ParentTree');
  const nums = /\/Nums\s*\[([^\]]*)\]/.exec(pdf.body(tree ?? -1) ?? '')?.[1] ?? '';
  const array = [...nums.matchAll(/(\d+)\s+(\d+) \d+ R/g)].find((match) => match[1] === key)?.[2];
  if (array === undefined) return false;
  const body = objects.get(Number(array)) ?? pdf.body(Number(array)) ?? '';
  const entries = /^\[([\s\S]*)\]$/.exec(body.trim())?.[1]?.match(/\d+ \d+ R|null/g);
  if (entries === undefined || entries === null) return false;
  for (const mcid of mcids) if (entries[mcid] === `${from} 0 R`) entries[mcid] = `${to} 0 R`;
  objects.set(Number(array), `[${entries.join(' ')}]`);
  return true;
}

/** A link's alternate description: the address it opens, or that it leads within the document. */
function linkDescription(annotation: string): string {
  const uri = /\/URI\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)/.exec(annotation)?.[1];
  return uri === undefined ? 'Link to a place in this document' : decodeString(uri);
}
