import { createHash } from 'node:crypto';
import { dictEntry, mapReferences, readPdf, refEntry, refList, type PdfFile } from '../pdf/objects.js';

/** What a page shows, hashed without rasterising it. */
export interface PageFingerprint {
  /**
   * Its content streams and everything its resources reach (fonts, images, forms), resolved
   * through references: equal for pages that draw the same, wherever their objects are numbered.
   */
  readonly drawn: string;
  /** Each content stream's data, hashed: how the briefing pack's pages are traced to the document pages they copy. */
  readonly streams: readonly string[];
}

/** Every page of a PDF in order, fingerprinted. */
export function pageFingerprints(bytes: Uint8Array, name: string): PageFingerprint[] {
  const pdf = readPdf(bytes, name);
  const resolved = new Map<number, string>();
  const hashOf = (number: number, path: ReadonlySet<number>): string => {
    const known = resolved.get(number);
    if (known !== undefined) return known;
    // A cycle (a form that names its parent) is cut; what it points back to is hashed already.
    if (path.has(number)) return `cycle:${number}`;
    const object = pdf.objects.get(number);
    if (object === undefined) return 'null';
    const inner = new Set(path).add(number);
    const hash = createHash('sha256').update(mapReferences(object.value, (child) => `<${hashOf(child, inner)}>`));
    if (object.stream !== undefined) hash.update('\0stream\0').update(object.stream);
    const digest = hash.digest('hex');
    resolved.set(number, digest);
    return digest;
  };
  return pageObjects(pdf, name).map(({ value, resources }) => {
    const streams = refList(value, 'Contents').map((number) => {
      const stream = pdf.objects.get(number)?.stream;
      return stream === undefined ? 'none' : createHash('sha256').update(stream).digest('hex');
    });
    const drawn = createHash('sha256')
      .update(streams.join(','))
      .update(`\0${mapReferences(resources, (child) => `<${hashOf(child, new Set())}>`)}`)
      .update(`\0${/\/MediaBox\s*\[([^\]]*)\]/.exec(value)?.[1]?.trim() ?? ''}`)
      .digest('hex');
    return { drawn, streams };
  });
}

/** The page objects in page order, each with the resources it has or inherits. */
function pageObjects(pdf: PdfFile, name: string): { value: string; resources: string }[] {
  const pages: { value: string; resources: string }[] = [];
  const root = pdf.objects.get(pdf.root)?.value ?? '';
  const visit = (number: number | undefined, inherited: string, seen: Set<number>): void => {
    if (number === undefined || seen.has(number)) return;
    seen.add(number);
    const value = pdf.objects.get(number)?.value;
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
