import { pageFingerprints, type PageFingerprint } from './page-fingerprints.js';
import { comparePages, encodePng } from './pixel-diff.js';
import { openForRendering, type RasterisedPdf } from './rasterise.js';

/** One page that looks different, with the pictures a reviewer needs (PNG). */
export interface PageChange {
  /** The page number in this build's PDF (for a removed page, in the approved one). */
  readonly page: number;
  readonly change: 'changed' | 'added' | 'removed';
  readonly differentPixels: number;
  /** For a page of the briefing pack: the document page it shows. */
  readonly shows?: { readonly output: string; readonly page: number };
  readonly images: { readonly approved?: Buffer; readonly current?: Buffer; readonly highlight?: Buffer };
}

/** Document pages by the hashes of their content streams: how the briefing pack's pages are traced to them. */
export type StreamOwners = ReadonlyMap<string, { readonly output: string; readonly page: number }>;

/**
 * The pages of a changed PDF that look different. Pages with identical content (streams and
 * everything their resources reach) are not rendered; the others are rendered from both PDFs
 * and compared pixel by pixel, with anti-aliasing forgiven.
 */
export async function comparePdfPages(name: string, approvedBytes: Uint8Array, currentBytes: Uint8Array, owners: StreamOwners): Promise<{ changes: PageChange[]; pagesRendered: number; fingerprints: readonly PageFingerprint[] }> {
  const approved = pageFingerprints(approvedBytes, `approved ${name}`);
  const current = pageFingerprints(currentBytes, name);
  const candidates: number[] = [];
  for (let page = 1; page <= Math.max(approved.length, current.length); page += 1) {
    if (approved[page - 1]?.drawn !== current[page - 1]?.drawn) candidates.push(page);
  }
  if (candidates.length === 0) return { changes: [], pagesRendered: 0, fingerprints: current };
  const changes: PageChange[] = [];
  let pagesRendered = 0;
  const [before, after] = await Promise.all([openForRendering(approvedBytes), openForRendering(currentBytes)]);
  try {
    for (const page of candidates) {
      const change = await comparePage(page, before, after, owners, current[page - 1]);
      pagesRendered += change.rendered;
      if (change.result !== undefined) changes.push(change.result);
    }
  } finally {
    await Promise.all([before.close(), after.close()]);
  }
  return { changes, pagesRendered, fingerprints: current };
}

async function comparePage(page: number, before: RasterisedPdf, after: RasterisedPdf, owners: StreamOwners, fingerprint: PageFingerprint | undefined): Promise<{ result?: PageChange; rendered: number }> {
  const inBefore = page <= before.pageCount;
  const inAfter = page <= after.pageCount;
  const shows = fingerprint?.streams.map((stream) => owners.get(stream)).find((owner) => owner !== undefined);
  const traced = shows === undefined ? {} : { shows };
  if (!inAfter) {
    const image = await before.render(page);
    return { rendered: 1, result: { page, change: 'removed', differentPixels: image.width * image.height, images: { approved: encodePng(image) }, ...traced } };
  }
  if (!inBefore) {
    const image = await after.render(page);
    return { rendered: 1, result: { page, change: 'added', differentPixels: image.width * image.height, images: { current: encodePng(image) }, ...traced } };
  }
  const [approvedImage, currentImage] = [await before.render(page), await after.render(page)];
  const diff = comparePages(approvedImage, currentImage);
  if (diff.differentPixels === 0) return { rendered: 2 };
  return {
    rendered: 2,
    result: {
      page, change: 'changed', differentPixels: diff.differentPixels, ...traced,
      images: { approved: encodePng(approvedImage), current: encodePng(currentImage), highlight: encodePng(diff.highlight) },
    },
  };
}
