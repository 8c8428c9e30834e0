import type { RenderJob } from '../../types.js';

/** The briefing pack's name (no document may take it), its layout in templates/layouts/ and its PDF in the output folder. */
export const PACK_NAME = 'briefing-pack';
export const PACK_LAYOUT = PACK_NAME;
export const PACK_OUTPUT = `${PACK_NAME}.pdf`;
/**
 * Entries per contents page. The layout breaks the page after each group, and this many rows
 * (8.2 mm each, briefing-pack.css) fit with room to spare, so the plan knows the page count.
 */
export const CONTENTS_PER_PAGE = 25;

/** The cover and the contents pages, before the parts. */
export function frontPages(parts: number): number {
  return 1 + Math.max(1, Math.ceil(parts / CONTENTS_PER_PAGE));
}

/** A document built in this run and how many pages it printed on. */
export interface BuiltPart {
  readonly job: RenderJob;
  readonly pages: number;
}

export interface PackPlan {
  /** The view of the pack's own pages (cover, contents with page numbers). */
  readonly view: Readonly<Record<string, unknown>>;
  /** The view of its sheet of page numbers: a page for each page of the pack. */
  readonly numbersView: Readonly<Record<string, unknown>>;
  /** The parts in pack order. */
  readonly parts: readonly BuiltPart[];
  /** Pages of the cover and the contents. */
  readonly frontPages: number;
  readonly totalPages: number;
  readonly title: string;
  /** The parts' titles in pack order, for the PDF's keywords. */
  readonly partTitles: readonly string[];
}

/**
 * Orders the parts (factsheets, then the one-pagers in the order the first factsheet lists
 * their countries, then the others by name) and numbers their pages continuously after the
 * cover and the contents. Page counts come from the documents' own PDFs, which the pack
 * takes page for page.
 */
export function planPack(built: readonly BuiltPart[]): PackPlan | undefined {
  const factsheets = built.filter((part) => part.job.kind === 'factsheet').sort((a, b) => a.job.document.name.localeCompare(b.job.document.name));
  const lead = factsheets[0]?.job.document.meta;
  const order = lead?.kind === 'factsheet' ? lead.countries : [];
  const rank = (part: BuiltPart): number => {
    const meta = part.job.document.meta;
    const index = meta.kind === 'one-pager' ? order.indexOf(meta.iso) : -1;
    return index === -1 ? order.length : index;
  };
  const onePagers = built
    .filter((part) => part.job.kind === 'one-pager')
    .sort((a, b) => rank(a) - rank(b) || countryName(a).localeCompare(countryName(b)));
  const parts = [...factsheets, ...onePagers];
  if (parts.length === 0) return undefined;

  const front = frontPages(parts.length);
  const totalPages = front + parts.reduce((sum, part) => sum + part.pages, 0);
  let next = front + 1;
  const placed = parts.map((part) => {
    const page = next;
    next += part.pages;
    return { part, page };
  });
  const settings = packSettings(parts);
  const only = factsheets.length === 1 ? lead : undefined;
  // The settings' title; else the one factsheet's (with several, none of them speaks for the pack).
  const subject = settings.packTitle || (only?.kind === 'factsheet' ? only.title : '');
  const title = subject === '' ? 'Briefing pack' : `Briefing pack: ${subject}`;
  const view = {
    title,
    subject: subject === '' ? 'Briefing pack' : subject,
    lang: settings.language,
    published: lead?.date,
    subtitle: only?.kind === 'factsheet' && subject === only.title ? only.subtitle : undefined,
    documentCount: placed.length,
    summary: packSummary(factsheets.length, onePagers.length, totalPages),
    contentsPages: chunk(placed, CONTENTS_PER_PAGE).map((group, index) => Object.freeze({
      continued: index > 0,
      entries: group.map(({ part, page }) => Object.freeze({
        title: countryName(part),
        kind: part.job.kind === 'factsheet' ? 'Factsheet' : 'Country brief',
        page,
      })),
    })),
    totalPages,
  };
  return {
    title,
    totalPages,
    frontPages: front,
    partTitles: parts.map(countryName),
    parts,
    view: Object.freeze(view),
    // The cover carries no number; every other page does.
    numbersView: Object.freeze({ ...view, numberSheet: { unnumbered: [true], numbered: Array.from({ length: totalPages - 1 }, () => true) } }),
  };
}

/** The project's settings as the parts' views carry them (plan/settings.ts). */
function packSettings(parts: readonly BuiltPart[]): { packTitle: string; language: string } {
  const settings: unknown = parts[0]?.job.view['settings'];
  const field = (name: string): string | undefined => {
    const value: unknown = typeof settings === 'object' && settings !== null && name in settings ? (settings as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  return { packTitle: field('packTitle') ?? '', language: field('language') ?? 'en' };
}

/** "1 factsheet and 8 country briefs, 13 pages": what the pack holds, counted. */
export function packSummary(factsheets: number, briefs: number, pages: number): string {
  const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  const parts = [
    ...(factsheets > 0 ? [count(factsheets, 'factsheet', 'factsheets')] : []),
    ...(briefs > 0 ? [count(briefs, 'country brief', 'country briefs')] : []),
  ];
  return `${parts.join(' and ')}, ${count(pages, 'page', 'pages')}.`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** What the contents call a part: a factsheet's title, a country's name. */
function countryName(part: BuiltPart): string {
  const meta = part.job.document.meta;
  return meta.kind === 'one-pager' ? meta.name : meta.title;
}

