import { pageFingerprints, type PageFingerprint } from './page-fingerprints.js';
import { comparePages, encodePng } from './pixel-diff.js';
import { openForRendering, type PageImage, type RasterisedPdf } from './rasterise.js';
import type { DocumentPage, KnownPages } from './known-pages.js';
import type { PageChange } from './page-change.js';

export type { PageChange };

/**
 * The pages of a changed PDF that look different. Pages with identical content (streams and
 * everything their resources reach) are not rendered; the others are rendered from both PDFs
 * and compared pixel by pixel, with anti-aliasing forgiven.
 */
export async function comparePdfPages(
  name: string,
  approvedBytes: Uint8Array,
  currentBytes: Uint8Array,
  known: KnownPages,
  shownBy: (page: number) => DocumentPage | undefined = () => undefined,
): Promise<ComparedPdf> {
  const approved = pageFingerprints(approvedBytes, `approved ${name}`);
  const current = pageFingerprints(currentBytes, name);
  const changes: PageChange[] = [];
  const candidates: number[] = [];
  for (let page = 1; page <= Math.max(approved.length, current.length); page += 1) {
    if (approved[page - 1]?.drawn === current[page - 1]?.drawn) continue;
    const change = known.knownChange(page, approved[page - 1], current[page - 1]);
    if (change === undefined) candidates.push(page);
    else if (change !== 'same') changes.push(change);
  }
  const compared = { approved, current, changes, pagesRendered: 0 };
  if (candidates.length === 0) return compared;
  let pagesRendered = 0;
  const [before, after] = await Promise.all([openForRendering(approvedBytes), openForRendering(currentBytes)]);
  try {
    for (const page of candidates) {
      const change = await comparePage(page, before, after, known.showsChanged(current[page - 1], shownBy(page)));
      pagesRendered += change.rendered;
      if (change.result === undefined) continue;
      changes.push(
        onlyOverlayDiffers(approved[page - 1], current[page - 1])
          ? { ...change.result, ownDrawing: true }
          : change.result,
      );
    }
  } finally {
    await Promise.all([before.close(), after.close()]);
  }
  changes.sort((a, b) => a.page - b.page);
  return { ...compared, pagesRendered };
}

/** A changed PDF compared: its pages' fingerprints on both sides, the pages that look different, and how many pages were rendered. */
export interface ComparedPdf {
  readonly approved: readonly PageFingerprint[];
  readonly current: readonly PageFingerprint[];
  readonly changes: readonly PageChange[];
  readonly pagesRendered: number;
}

async function comparePage(
  page: number,
  before: RasterisedPdf,
  after: RasterisedPdf,
  shows: PageChange['shows'],
): Promise<{ result?: PageChange; rendered: number }> {
  const inBefore = page <= before.pageCount;
  const inAfter = page <= after.pageCount;
  const traced = shows === undefined ? {} : { shows };
  if (!inAfter) return onOneSide(page, 'removed', await before.render(page), traced);
  if (!inBefore) return onOneSide(page, 'added', await after.render(page), traced);
  const [approvedImage, currentImage] = [await before.render(page), await after.render(page)];
  const diff = comparePages(approvedImage, currentImage);
  if (diff.differentPixels === 0) return { rendered: 2 };
  return {
    rendered: 2,
    result: {
      page,
      change: 'changed',
      differentPixels: diff.differentPixels,
      ...traced,
      images: {
        approved: encodePng(approvedImage),
        current: encodePng(currentImage),
        highlight: encodePng(diff.highlight),
      },
    },
  };
}

/** A page only one side has: all its pixels differ, and its one image is the side's. */
function onOneSide(
  page: number,
  change: 'added' | 'removed',
  image: PageImage,
  traced: Pick<PageChange, 'shows'>,
): { result: PageChange; rendered: number } {
  const images = change === 'removed' ? { approved: encodePng(image) } : { current: encodePng(image) };
  return { rendered: 1, result: { page, change, differentPixels: image.width * image.height, images, ...traced } };
}

/** The resource name pdf/merge.ts gives the briefing pack's page-number overlay on every page. */
const OVERLAY_PART = 'XObject/FactsheetsOverlay:';

/** Whether the only parts that differ between two pages are the pack's page-number overlay. */
function onlyOverlayDiffers(approved: PageFingerprint | undefined, current: PageFingerprint | undefined): boolean {
  if (approved?.parts === undefined || current?.parts === undefined) return false;
  const before = new Set(approved.parts);
  const after = new Set(current.parts);
  const differing = [
    ...approved.parts.filter((part) => !after.has(part)),
    ...current.parts.filter((part) => !before.has(part)),
  ];
  return differing.length > 0 && differing.every((part) => part.startsWith(OVERLAY_PART));
}
