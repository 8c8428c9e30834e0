import { FactsheetsError } from '../errors.js';
import { createHash } from 'node:crypto';
import {
  dictEntry,
  mapReferences,
  readPdf,
  refEntry,
  refList,
  writePdfPieces,
  type PdfFile,
  type PdfObject,
} from './objects.js';
import { xmpForInfo } from './standards.js';

/** A printed PDF and the name it is known by (for errors). */
export interface PdfPart {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface MergeRequest {
  /** The documents, in page order. */
  readonly parts: readonly PdfPart[];
  /** A PDF with one page per page of the result: page i is drawn over page i, from `firstPage` (1-based) on. */
  readonly overlay?: PdfPart & { readonly firstPage: number };
  /** The Info dictionary, as PDF text. */
  readonly info: string;
  /** The document language, as a PDF string, e.g. `(en)`. */
  readonly lang: string;
  /** Called with the merged file's objects before any byte is written: throws to refuse it (the build checks PDF/UA-1 there). */
  readonly check?: (file: PdfFile) => void;
}

/** The overlay's XObject name in each page's resources. */
const OVERLAY_NAME = 'FactsheetsOverlay';

/**
 * Joins tagged PDFs into one, keeping what makes each accessible: every page, every structure
 * element (each document's root becomes a Part of one Document), the parent tree (keys moved
 * up past the previous documents'), element IDs (prefixed per document), links and the
 * outlines (one after another). The pages are the documents' own bytes: nothing is laid out
 * again. An overlay (the briefing pack's page numbers) is drawn over pages as a marked
 * pagination artifact, so it stays out of the structure and the reading order.
 */
export function mergePdfs(request: MergeRequest): Uint8Array {
  return new Uint8Array(Buffer.concat(mergePdfPieces(request)));
}

/** The merged PDF as consecutive pieces (see writePdfPieces): a 200-document pack is never joined in memory. */
export function mergePdfPieces(request: MergeRequest): Buffer[] {
  const out: PdfObject[] = [];
  const reserve = (): number => out.push({ value: 'null' });
  const set = (number: number, object: PdfObject): void => {
    out[number - 1] = object;
  };
  const catalog = reserve();
  const pagesRoot = reserve();
  const structRoot = reserve();
  const documentElement = reserve();
  const outlinesRoot = reserve();
  const info = reserve();

  const pages: number[] = [];
  const parts: number[] = [];
  const parentTree: string[] = [];
  const ids: [string, number][] = [];
  const outlineRuns: number[][] = [];
  let outlineCount = 0;
  let parentKeys = 0;
  const roles = new Map<string, string>();
  // The file identifier and XMP document ID: what the pack is made of, so equal parts give equal bytes.
  const content = createHash('md5').update(request.info).update(request.lang);

  request.parts.forEach((part, index) => {
    const pdf = readPdf(part.bytes, part.name);
    const at = (number: number | undefined, what: string): PdfObject => objectOf(pdf, number, part.name, what);
    const root = at(pdf.root, 'catalog').value;
    const pageTree = refEntry(root, 'Pages');
    const struct = refEntry(root, 'StructTreeRoot');
    const outlines = refEntry(root, 'Outlines');
    const tree = pageNodes(pdf, pageTree, part.name);

    // Objects that the merged document replaces with its own.
    const replaced = new Map<number, number>(tree.nodes.map((node) => [node, pagesRoot]));
    if (struct !== undefined) replaced.set(struct, documentElement);
    if (outlines !== undefined) replaced.set(outlines, outlinesRoot);
    const prefix = `d${String(index + 1).padStart(4, '0')}`;
    const offset = parentKeys;
    content.update(part.bytes);
    const copy = copier(pdf, part.name, reserve, set, replaced, (value) =>
      value
        .replace(/\/StructParents? (\d+)/g, (match, key: string) => match.replace(key, String(Number(key) + offset)))
        .replace(/\((node\d+)\)/g, `(${prefix}$1)`)
        // Each document's font subsets are tagged AAAAAA+, BAAAAA+…: one tag per subset in the pack.
        .replace(
          /\/(BaseFont|FontName) \/([A-Z]{6})\+/g,
          (_, key: string, tag: string) => `/${key} /${subsetTag(index, tag)}+`,
        ),
    );

    for (const leaf of tree.leaves) pages.push(copy(leaf));
    if (struct !== undefined) {
      const structValue = at(struct, 'structure tree root').value;
      const roleMap = dictEntry(structValue, 'RoleMap')?.text ?? '';
      for (const match of roleMap.matchAll(/\/([^\s/<>[\]()]+)\s*\/([^\s/<>[\]()]+)/g))
        roles.set(match[1] ?? '', match[2] ?? '');
      for (const element of refList(structValue, 'K')) parts.push(copy(element));
      for (const [key, value] of numberTree(pdf, refEntry(structValue, 'ParentTree'), part.name)) {
        parentTree.push(`${key + offset} ${mapReferences(value, (number) => `${copy(number)} 0 R`)}`);
      }
      for (const [key, value] of nameTree(pdf, refEntry(structValue, 'IDTree'), part.name))
        ids.push([`${prefix}${key}`, copy(value)]);
      const nextKey = Number(/\/ParentTreeNextKey (\d+)/.exec(structValue)?.[1] ?? 0);
      parentKeys += nextKey;
    }
    if (outlines !== undefined) {
      const outlineValue = at(outlines, 'outline').value;
      const run: number[] = [];
      for (
        let item = refEntry(outlineValue, 'First');
        item !== undefined;
        item = refEntry(at(item, 'outline item').value, 'Next')
      ) {
        run.push(copy(item));
      }
      if (run.length > 0) outlineRuns.push(run);
      outlineCount += Math.abs(Number(/\/Count (-?\d+)/.exec(outlineValue)?.[1] ?? run.length));
    }
  });

  // The parts' top-level outline items, one list: link each run's last to the next run's first.
  const topItems = outlineRuns.flat();
  for (let index = 0; index + 1 < outlineRuns.length; index += 1) {
    const last = outlineRuns[index]?.at(-1);
    const first = outlineRuns[index + 1]?.[0];
    if (last === undefined || first === undefined) continue;
    addEntry(out, last, `/Next ${first} 0 R`);
    addEntry(out, first, `/Prev ${last} 0 R`);
  }

  if (request.overlay !== undefined) overlayPages(request.overlay, pages, out, reserve, set);

  const id = content.digest('hex').toUpperCase();
  const xmp = xmpForInfo(request.info, request.lang.slice(1, -1), id, false);
  const metadata = reserve();
  set(metadata, { value: `<</Type /Metadata /Subtype /XML /Length ${xmp.byteLength}>>`, stream: xmp });
  set(catalog, {
    value: `<</Type /Catalog\n/Pages ${pagesRoot} 0 R\n/Metadata ${metadata} 0 R\n/MarkInfo <</Type /MarkInfo /Marked true>>\n/StructTreeRoot ${structRoot} 0 R${topItems.length > 0 ? `\n/Outlines ${outlinesRoot} 0 R` : ''}\n/ViewerPreferences <</Type /ViewerPreferences /DisplayDocTitle true>>\n/Lang ${request.lang}>>`,
  });
  set(pagesRoot, {
    value: `<</Type /Pages\n/Count ${pages.length}\n/Kids [${pages.map((page) => `${page} 0 R`).join(' ')}]>>`,
  });
  const parentTreeNode = reserve();
  set(parentTreeNode, { value: `<</Nums [${parentTree.join(' ')}]>>` });
  ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const idTree = ids.length === 0 ? undefined : reserve();
  if (idTree !== undefined)
    set(idTree, { value: `<</Names [${ids.map(([key, value]) => `(${key}) ${value} 0 R`).join(' ')}]>>` });
  const roleMap = [...roles]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([from, to]) => `/${from} /${to}`)
    .join(' ');
  set(structRoot, {
    value: `<</Type /StructTreeRoot\n/K ${documentElement} 0 R\n/ParentTree ${parentTreeNode} 0 R\n/ParentTreeNextKey ${parentKeys}${idTree === undefined ? '' : `\n/IDTree ${idTree} 0 R`}${roleMap === '' ? '' : `\n/RoleMap <<${roleMap}>>`}>>`,
  });
  set(documentElement, {
    value: `<</Type /StructElem\n/S /Document\n/Lang ${request.lang}\n/P ${structRoot} 0 R\n/K [${parts.map((part) => `${part} 0 R`).join(' ')}]>>`,
  });
  const [firstItem, lastItem] = [topItems[0], topItems.at(-1)];
  set(outlinesRoot, {
    value:
      firstItem === undefined
        ? '<</Type /Outlines /Count 0>>'
        : `<</Type /Outlines\n/First ${firstItem} 0 R\n/Last ${lastItem} 0 R\n/Count ${outlineCount}>>`,
  });
  set(info, { value: request.info });
  // Checked as objects, before writing: a 200-document pack is never joined in memory for it.
  request.check?.({ objects: new Map(out.map((object, index) => [index + 1, object])), root: catalog, info, id });
  return writePdfPieces(out, catalog, info, id);
}

/** A subset tag unique to one document's subset: six capitals derived from the document's place and its own tag. */
function subsetTag(index: number, tag: string): string {
  const digest = createHash('sha256').update(`${index}:${tag}`).digest();
  return [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/**
 * Copies objects on demand: the first call for an old number reserves a new one and copies
 * the object, its references mapped the same way (objects in `replaced` map to the merged
 * document's own). A structure element that was a document's root element becomes a Part.
 */
function copier(
  pdf: PdfFile,
  name: string,
  reserve: () => number,
  set: (number: number, object: PdfObject) => void,
  replaced: ReadonlyMap<number, number>,
  rewrite: (value: string) => string,
): (old: number) => number {
  const copied = new Map<number, number>();
  const copy = (old: number): number => {
    const fixed = replaced.get(old) ?? copied.get(old);
    if (fixed !== undefined) return fixed;
    const number = reserve();
    copied.set(old, number);
    const object = objectOf(pdf, old, name, `object ${old}`);
    let value = rewrite(mapReferences(object.value, (reference) => `${copy(reference)} 0 R`));
    if (/\/S \/Document\b/.test(value) && /\/Type \/StructElem\b/.test(value))
      value = value.replace(/\/S \/Document\b/, '/S /Part');
    set(number, object.stream === undefined ? { value } : { value, stream: object.stream });
    return number;
  };
  return copy;
}

/** The page tree's leaves (pages, in order) and inner nodes. */
function pageNodes(pdf: PdfFile, root: number | undefined, name: string): { leaves: number[]; nodes: number[] } {
  const leaves: number[] = [];
  const nodes: number[] = [];
  const visit = (number: number): void => {
    const value = objectOf(pdf, number, name, 'page tree node').value;
    if (/\/Type \/Pages\b/.test(value)) {
      nodes.push(number);
      for (const kid of refList(value, 'Kids')) visit(kid);
    } else {
      if (!/\/MediaBox/.test(value))
        throw unreadable(name, `page ${number} inherits its /MediaBox, which this merge does not follow`);
      leaves.push(number);
    }
  };
  if (root === undefined) throw unreadable(name, 'no page tree');
  visit(root);
  return { leaves, nodes };
}

/** A number tree's pairs (key, value text), in order. */
function numberTree(pdf: PdfFile, root: number | undefined, name: string): [number, string][] {
  if (root === undefined) return [];
  const value = objectOf(pdf, root, name, 'parent tree').value;
  const pairs: [number, string][] = refList(value, 'Kids').flatMap((kid) => numberTree(pdf, kid, name));
  const nums = /\/Nums \[([\s\S]*)\]/.exec(value)?.[1] ?? '';
  for (const match of nums.matchAll(/(\d+) (\d+ \d+ R|\[[^\]]*\])/g))
    pairs.push([Number(match[1]), match[2] ?? 'null']);
  return pairs;
}

/** A name tree of string keys and references: (key without parentheses, object number). */
function nameTree(pdf: PdfFile, root: number | undefined, name: string): [string, number][] {
  if (root === undefined) return [];
  const value = objectOf(pdf, root, name, 'ID tree').value;
  const pairs: [string, number][] = refList(value, 'Kids').flatMap((kid) => nameTree(pdf, kid, name));
  const names = /\/Names \[([\s\S]*)\]/.exec(value)?.[1] ?? '';
  for (const match of names.matchAll(/\(([^()\\]*)\) (\d+) \d+ R/g)) pairs.push([match[1] ?? '', Number(match[2])]);
  return pairs;
}

/**
 * Draws the overlay's page i over the merged page i: its content becomes a form XObject,
 * painted after the page's own content (wrapped in q…Q so no graphics state leaks into it)
 * and marked as a pagination artifact.
 */
function overlayPages(
  overlay: PdfPart & { readonly firstPage: number },
  pages: readonly number[],
  out: PdfObject[],
  reserve: () => number,
  set: (number: number, object: PdfObject) => void,
): void {
  const pdf = readPdf(overlay.bytes, overlay.name);
  const tree = pageNodes(pdf, refEntry(objectOf(pdf, pdf.root, overlay.name, 'catalog').value, 'Pages'), overlay.name);
  if (tree.leaves.length !== pages.length) {
    throw new FactsheetsError(
      `the page-number overlay has ${tree.leaves.length} pages for ${pages.length} pages of documents`,
      { stage: 'finish', file: overlay.name },
    );
  }
  const copy = copier(pdf, overlay.name, reserve, set, new Map(), (value) => value);
  const open = reserve();
  set(open, { value: '<</Length 2>>', stream: Buffer.from('q\n') });
  const paint = reserve();
  const operators = `Q\n/Artifact <</Type /Pagination>> BDC\n/${OVERLAY_NAME} Do\nEMC\n`;
  set(paint, { value: `<</Length ${operators.length}>>`, stream: Buffer.from(operators, 'latin1') });

  tree.leaves.forEach((leaf, index) => {
    const target = pages[index];
    if (index + 1 < overlay.firstPage || target === undefined) return;
    const page = objectOf(pdf, leaf, overlay.name, 'overlay page').value;
    const contents = refList(page, 'Contents');
    const resources = dictEntry(page, 'Resources')?.text;
    const mediaBox = /\/MediaBox (\[[^\]]*\])/.exec(page)?.[1];
    const stream = contents.length === 1 ? objectOf(pdf, contents[0], overlay.name, 'overlay content') : undefined;
    if (stream?.stream === undefined || resources === undefined || mediaBox === undefined) {
      throw unreadable(overlay.name, `overlay page ${index + 1} is not one content stream with its own resources`);
    }
    const form = reserve();
    set(form, {
      value: stream.value.replace(
        /^<</,
        `<</Type /XObject\n/Subtype /Form\n/BBox ${mediaBox}\n/Resources ${mapReferences(resources, (number) => `${copy(number)} 0 R`)}\n`,
      ),
      stream: stream.stream,
    });
    const targetObject = out[target - 1];
    if (targetObject === undefined) return;
    set(target, { value: withOverlay(targetObject.value, form, open, paint, String(target)) });
  });
}

/** A page dictionary that also paints `form`: its contents wrapped, the form in its resources. */
function withOverlay(page: string, form: number, open: number, paint: number, name: string): string {
  const withContents = page.replace(
    /\/Contents (\[[^\]]*\]|\d+ \d+ R)/,
    (_, contents: string) => `/Contents [${open} 0 R ${contents.replace(/^\[|\]$/g, '')} ${paint} 0 R]`,
  );
  const resources = dictEntry(withContents, 'Resources');
  if (resources === undefined) throw unreadable(name, 'a page without its own /Resources');
  const entry = `/${OVERLAY_NAME} ${form} 0 R`;
  const xobjects = dictEntry(resources.text, 'XObject');
  const updated =
    xobjects === undefined
      ? `<<\n/XObject <<${entry}>>${resources.text.slice(2)}`
      : `${resources.text.slice(0, xobjects.start + 2)}${entry}\n${resources.text.slice(xobjects.start + 2)}`;
  return withContents.slice(0, resources.start) + updated + withContents.slice(resources.end);
}

function addEntry(out: PdfObject[], number: number, entry: string): void {
  const object = out[number - 1];
  if (object !== undefined) out[number - 1] = { ...object, value: object.value.replace(/>>\s*$/, `\n${entry}>>`) };
}

function objectOf(pdf: PdfFile, number: number | undefined, name: string, what: string): PdfObject {
  const object = number === undefined ? undefined : pdf.objects.get(number);
  if (object === undefined) throw unreadable(name, `its ${what} (object ${number ?? '?'}) is missing`);
  return object;
}

function unreadable(name: string, what: string): FactsheetsError {
  return new FactsheetsError(`cannot merge ${name}: ${what}`, {
    stage: 'finish',
    file: name,
    hint: 'Rebuild it (factsheets build --force): it was not written by this tool, or it is damaged.',
  });
}
