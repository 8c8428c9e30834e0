import type { PageFingerprint } from './page-fingerprints.js';
import type { PageChange } from './page-change.js';

/** A document page: its PDF and its page number. */
export interface DocumentPage {
  readonly output: string;
  readonly page: number;
}

/** The document page a briefing pack's page shows, by the pack's manifest entry (its `parts`). */
export function shownByPack(
  parts: readonly { readonly output: string; readonly firstPage: number; readonly pages: number }[] | undefined,
  page: number,
): DocumentPage | undefined {
  const part = parts?.find((each) => page >= each.firstPage && page < each.firstPage + each.pages);
  return part === undefined ? undefined : { output: part.output, page: page - part.firstPage + 1 };
}

/** A document page already compared, as the briefing pack may show it again. */
interface ComparedPage {
  readonly output: string;
  readonly page: number;
  readonly parts: readonly string[] | undefined;
  /** Its change, or undefined when it looks the same. */
  readonly change: PageChange | undefined;
}

/**
 * The document pages compared so far, found again by their content streams. A pack page is a
 * document page with the pack's page number drawn over it: when both builds' pack pages are the
 * same document page plus identical extra parts, the pack page changed exactly as that
 * document page did, and is not rendered a second time. A page printed again for the pack (a
 * factsheet's pack edition, without its own page number) has streams of its own: it is traced
 * by the pack's record of which document page it shows, and rendered.
 */
export class KnownPages {
  private readonly approved = new Map<string, ComparedPage>();
  private readonly current = new Map<string, ComparedPage>();
  private readonly currentByPage = new Map<string, ComparedPage>();

  add(
    output: string,
    approved: readonly PageFingerprint[],
    current: readonly PageFingerprint[],
    changes: readonly PageChange[],
  ): void {
    const register = (
      side: Map<string, ComparedPage>,
      fingerprints: readonly PageFingerprint[],
      byPage?: Map<string, ComparedPage>,
    ): void => {
      fingerprints.forEach((fingerprint, index) => {
        const page = index + 1;
        const entry = {
          output,
          page,
          parts: fingerprint.parts,
          change: changes.find((change) => change.page === page && change.change === 'changed'),
        };
        for (const stream of fingerprint.streams) if (!side.has(stream)) side.set(stream, entry);
        byPage?.set(pageKey(entry), entry);
      });
    };
    register(this.approved, approved);
    register(this.current, current, this.currentByPage);
  }

  /** The changed document page a page shows, if it is one: found by its streams, else as the document page `shown` (see shownByPack). */
  showsChanged(fingerprint: PageFingerprint | undefined, shown?: DocumentPage): DocumentPage | undefined {
    const found =
      ownerOf(this.current, fingerprint) ?? (shown === undefined ? undefined : this.currentByPage.get(pageKey(shown)));
    return found?.change === undefined ? undefined : { output: found.output, page: found.page };
  }

  /** The page's change when it is a known document page plus the same extra parts on both sides; undefined when it must be rendered. */
  knownChange(
    page: number,
    approved: PageFingerprint | undefined,
    current: PageFingerprint | undefined,
  ): PageChange | 'same' | undefined {
    const before = ownerOf(this.approved, approved);
    const after = ownerOf(this.current, current);
    if (before === undefined || after === undefined || before.output !== after.output || before.page !== after.page)
      return undefined;
    const extraBefore = without(approved?.parts, before.parts);
    const extraAfter = without(current?.parts, after.parts);
    if (extraBefore === undefined || extraAfter === undefined || extraBefore.join('\n') !== extraAfter.join('\n'))
      return undefined;
    if (after.change === undefined) return 'same';
    return { ...after.change, page, shows: { output: after.output, page: after.page }, asDocumentPage: true };
  }
}

function pageKey(page: DocumentPage): string {
  return `${page.output}\0${page.page}`;
}

function ownerOf(
  side: ReadonlyMap<string, ComparedPage>,
  fingerprint: PageFingerprint | undefined,
): ComparedPage | undefined {
  for (const stream of fingerprint?.streams ?? []) {
    const owner = side.get(stream);
    if (owner !== undefined) return owner;
  }
  return undefined;
}

/** `parts` without one of each of `removed` (both sorted lists), or undefined if `removed` is not all in `parts`. */
function without(parts: readonly string[] | undefined, removed: readonly string[] | undefined): string[] | undefined {
  if (parts === undefined || removed === undefined) return undefined;
  const left = new Map<string, number>();
  for (const part of removed) left.set(part, (left.get(part) ?? 0) + 1);
  const rest = parts.filter((part) => {
    const count = left.get(part) ?? 0;
    if (count === 0) return true;
    left.set(part, count - 1);
    return false;
  });
  return [...left.values()].every((count) => count === 0) ? rest : undefined;
}
