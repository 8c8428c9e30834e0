import { FactsheetsError } from '../../errors.js';
import type { BuildWarning, Document, RenderJob } from '../../model/documents.js';
import type { LocatorMap } from './locator-map.js';

/** Lays out a country's locator map by ISO code (undefined when the atlas lacks it). */
export type MapMaker = (iso: string) => LocatorMap | undefined;

/** A job with its map, or the error of a map that cannot be drawn. */
export function mappedOrError(job: RenderJob, maps: MapMaker): ReturnType<typeof withLocatorMap> | FactsheetsError {
  try {
    return withLocatorMap(job, maps);
  } catch (error) {
    if (error instanceof FactsheetsError) return error;
    throw error;
  }
}

/**
 * A one-pager's job with its locator map laid out (the costliest part of a view, so the build
 * does it per document as it renders), and a warning when the atlas has no such country.
 * Throws a positioned error when the map cannot be drawn.
 */
export function withLocatorMap(
  job: RenderJob,
  maps: MapMaker,
): { readonly job: RenderJob; readonly warning?: BuildWarning } {
  const { document } = job;
  if (document.meta.kind !== 'one-pager') return { job };
  const layout = drawnMap(maps, document);
  const map =
    layout === undefined
      ? undefined
      : Object.freeze({ ...layout, neighbours: neighbourList(layout.neighbourCodes, job.lang) });
  const located = Object.freeze({ ...job, view: Object.freeze({ ...job.view, map }) });
  if (map !== undefined) return { job: located };
  return {
    job: located,
    warning: {
      message: `no boundary for ${document.meta.iso} in the atlas: the page has no locator map`,
      file: document.source.displayPath,
      document: document.name,
    },
  };
}

/** The map of a brief's country; one that cannot be drawn fails the brief, at its `iso`, rather than print an empty frame. */
function drawnMap(maps: MapMaker, document: Document): LocatorMap | undefined {
  if (document.meta.kind !== 'one-pager') return undefined;
  try {
    return maps(document.meta.iso);
  } catch (error) {
    if (!(error instanceof FactsheetsError)) throw error;
    const line = document.keyLines['iso'];
    throw new FactsheetsError(error.message, {
      ...error.fields(),
      file: document.source.displayPath,
      document: document.name,
      ...(line === undefined ? {} : { line }),
    });
  }
}

/**
 * The neighbours a locator map shows, as a list in the edition's language (`Burkina Faso,
 * Guinée et Niger`), or `none`: the map's message chooses its words by it.
 */
function neighbourList(codes: readonly string[], lang: string): string {
  if (codes.length === 0) return 'none';
  const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(lang);
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(
    codes.map((code) => names.of(code) ?? code).sort(collator.compare),
  );
}
