import { createHash } from 'node:crypto';
import {
  dictEntry,
  latin1,
  mapReferences,
  readCrossReference,
  readObject,
  refEntry,
  refList,
  type PdfObject,
} from '../pdf/objects.js';
import { dictionaryEntries } from './pdf-dict.js';

/** What a page shows, hashed without rasterising it. */
export interface PageFingerprint {
  /**
   * Its content streams and everything its resources reach (fonts, images, forms), resolved
   * through references: equal for pages that draw the same, wherever their objects are numbered.
   */
  readonly drawn: string;
  /** Each content stream's data, hashed: how the briefing pack's pages are traced to the document pages they copy. */
  readonly streams: readonly string[];
  /**
   * What `drawn` is made of, one hashed part per content stream, resource (`Font/F4`) and page
   * box: a pack page is its document page's parts plus its own (the page-number overlay).
   * Undefined when the resources are written in a way this reader does not take apart.
   */
  readonly parts: readonly string[] | undefined;
}

/** Every page of a PDF in order, fingerprinted. */
export function pageFingerprints(bytes: Uint8Array, name: string): PageFingerprint[] {
  const pdf = lazyPdf(bytes, name);
  const resolved = new Map<number, string>();
  const hashOf = (number: number, path: ReadonlySet<number>): string => {
    const known = resolved.get(number);
    if (known !== undefined) return known;
    // A cycle (a form that names its parent) is cut; what it points back to is hashed already.
    if (path.has(number)) return `cycle:${number}`;
    const object = pdf.object(number);
    if (object === undefined) return 'null';
    const inner = new Set(path).add(number);
    const hash = createHash('sha256').update(mapReferences(object.value, (child) => `<${hashOf(child, inner)}>`));
    if (object.stream !== undefined) hash.update('\0stream\0').update(object.stream);
    const digest = hash.digest('hex');
    resolved.set(number, digest);
    return digest;
  };
  return pageObjects(pdf).map(({ value, resources }) => {
    const streams = refList(value, 'Contents').map((number) => {
      const stream = pdf.object(number)?.stream;
      return stream === undefined ? 'none' : createHash('sha256').update(stream).digest('hex');
    });
    const resolve = (text: string): string => mapReferences(text, (child) => `<${hashOf(child, new Set())}>`);
    const box = `box:${/\/MediaBox\s*\[([^\]]*)\]/.exec(value)?.[1]?.trim() ?? ''}`;
    const drawn = createHash('sha256')
      .update(streams.join(','))
      .update(`\0${resolve(resources)}`)
      .update(`\0${box}`)
      .digest('hex');
    const resourceParts = partsOfResources(pdf, resources, resolve);
    const parts =
      resourceParts === undefined
        ? undefined
        : [...streams.map((stream) => `stream:${stream}`), ...resourceParts, box].sort();
    return { drawn, streams, parts };
  });
}

/** A PDF whose objects are read when first asked for: the structure tree and outline of a 200-document pack are never read. */
interface LazyPdf {
  readonly root: number;
  object(number: number): PdfObject | undefined;
}

function lazyPdf(bytes: Uint8Array, name: string): LazyPdf {
  const text = latin1(bytes);
  const { offsets, trailer } = readCrossReference(text, name);
  const read = new Map<number, PdfObject>();
  return {
    root: Number(trailer.root.split(' ')[0]),
    object(number) {
      const known = read.get(number);
      if (known !== undefined) return known;
      const offset = offsets.get(number);
      if (offset === undefined) return undefined;
      const object = readObject(text, bytes, number, offset, name);
      read.set(number, object);
      return object;
    },
  };
}

/** The page objects in page order, each with the resources it has or inherits. */
function pageObjects(pdf: LazyPdf): { value: string; resources: string }[] {
  const pages: { value: string; resources: string }[] = [];
  const root = pdf.object(pdf.root)?.value ?? '';
  const visit = (number: number | undefined, inherited: string, seen: Set<number>): void => {
    if (number === undefined || seen.has(number)) return;
    seen.add(number);
    const value = pdf.object(number)?.value;
    if (value === undefined) return;
    const resources = resourcesOf(value) ?? inherited;
    if (/\/Type\s*\/Pages\b/.test(value)) for (const kid of refList(value, 'Kids')) visit(kid, resources, seen);
    else if (/\/Type\s*\/Page\b/.test(value)) pages.push({ value, resources });
  };
  visit(refEntry(root, 'Pages'), '', new Set());
  return pages;
}

function resourcesOf(value: string): string | undefined {
  const inline = dictEntry(value, 'Resources');
  if (inline !== undefined) return inline.text;
  const reference = refEntry(value, 'Resources');
  return reference === undefined ? undefined : `${reference} 0 R`;
}

/** `Font/F4:<hash>` for every named resource, `ProcSet:<hash>` for the other entries; undefined if the text is not taken apart. */
function partsOfResources(pdf: LazyPdf, resources: string, resolve: (text: string) => string): string[] | undefined {
  const text = /^\d+ \d+ R$/.test(resources.trim())
    ? (pdf.object(Number(resources.split(' ')[0]))?.value ?? '')
    : resources;
  if (text.trim() === '') return [];
  const categories = dictionaryEntries(text);
  if (categories === undefined) return undefined;
  const parts: string[] = [];
  const hash = (value: string): string => createHash('sha256').update(resolve(value)).digest('hex');
  for (const [category, value] of categories) {
    const named = value.trim().startsWith('<<') ? dictionaryEntries(value) : undefined;
    if (named === undefined) parts.push(`${category}:${hash(value)}`);
    else for (const [name, resource] of named) parts.push(`${category}/${name}:${hash(resource)}`);
  }
  return parts;
}
