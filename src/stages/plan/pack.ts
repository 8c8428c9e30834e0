import type { RenderJob } from '../../types.js';
import type { MessageFile } from '../../messages/catalog.js';
import { bundledEnglish } from '../../messages/bundled.js';
import { packMetadata, settingOf } from './pack-metadata.js';
import { PACK_NAME, packOutputPath } from '../../outputs/paths.js';

/** The briefing pack's name (no document may take it), its layout in templates/layouts/; its PDF's path is in outputs/paths.ts. */
export { PACK_NAME, PACK_OUTPUT } from '../../outputs/paths.js';
export const PACK_LAYOUT = PACK_NAME;

/** Each language's pack: its name (`briefing-pack`, `briefing-pack.fr`) and its PDF. */
export function packOf(lang: string, projectLanguage: string): { readonly name: string; readonly output: string } {
  return {
    name: lang === projectLanguage ? PACK_NAME : `${PACK_NAME}.${lang.toLowerCase()}`,
    output: packOutputPath(lang, projectLanguage),
  };
}
/**
 * How the contents are laid out on their pages (briefing-pack.css keeps to these numbers):
 * a row is its padding plus a line per line of its title, and a page's rows take at most
 * CONTENTS_ROOM_MM, about 35 mm short of what the page leaves under its heading, so that a
 * title wrapping one line more than estimated still fits. The layout breaks the page after
 * each group of rows, so the plan knows the page count before anything is printed.
 */
export const CONTENTS_ROW = { paddingMm: 3.8, lineMm: 4.4 } as const;
export const CONTENTS_ROOM_MM = 205;
/** A title wraps onto at most this many lines (the layout clamps it there, with an ellipsis). */
export const TITLE_MAX_LINES = 3;
/**
 * Characters a contents line is counted to hold. Measured in Chromium at the row's type (Source
 * Sans 3 semibold, 10.5 pt, in its 132 mm column): about 80 characters of mixed-case text fill
 * a line, 68 of capitals; the bound leaves room for capitals and the words that wrap early.
 */
export const TITLE_CHARS_PER_LINE = 56;
/** One-line entries per contents page: 25. */
export const CONTENTS_PER_PAGE = Math.floor(CONTENTS_ROOM_MM / rowMm(1));

/** The height of a contents row whose title takes `lines` lines. */
function rowMm(lines: number): number {
  return CONTENTS_ROW.paddingMm + lines * CONTENTS_ROW.lineMm;
}

/**
 * The lines a title is counted to wrap onto in the contents: words placed greedily on lines of
 * TITLE_CHARS_PER_LINE characters (a longer word breaks where it must), at most TITLE_MAX_LINES.
 */
export function titleLines(title: string): number {
  let lines = 1;
  let used = 0;
  for (const word of title.split(/\s+/).filter((each) => each !== '')) {
    const length = [...word].length;
    const needed = used === 0 ? length : used + 1 + length;
    if (needed <= TITLE_CHARS_PER_LINE) {
      used = needed;
      continue;
    }
    if (used > 0) lines += 1;
    lines += Math.ceil(length / TITLE_CHARS_PER_LINE) - 1;
    used = length % TITLE_CHARS_PER_LINE || TITLE_CHARS_PER_LINE;
    if (lines >= TITLE_MAX_LINES) return TITLE_MAX_LINES;
  }
  return lines;
}

/** The contents' entries grouped into pages: each page takes rows while their heights fit its room. */
export function contentsPages<T extends { readonly title: string }>(entries: readonly T[]): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let used = 0;
  for (const entry of entries) {
    const height = rowMm(titleLines(entry.title));
    if (page.length > 0 && used + height > CONTENTS_ROOM_MM) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(entry);
    used += height;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Characters past which the cover sets its title smaller. */
const LONG_COVER_TITLE = 70;

/** The cover and the contents pages, before the parts. */
export function frontPages(titles: readonly string[]): number {
  return 1 + Math.max(1, contentsPages(titles.map((title) => ({ title }))).length);
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
  /** The parts in pack order, each with the pack's page its first page is. */
  readonly parts: readonly (BuiltPart & { readonly firstPage: number })[];
  /** Pages of the cover and the contents. */
  readonly frontPages: number;
  readonly totalPages: number;
  readonly title: string;
  /** The pack's language, and its Info's subject and first keyword in it. */
  readonly lang: string;
  readonly subject: string;
  readonly keyword: string;
  /** The parts' titles in pack order, for the PDF's keywords. */
  readonly partTitles: readonly string[];
  /** Its Author, and its date (ISO: the cover's and the creation date), see pack-metadata.ts. */
  readonly author: string | undefined;
  readonly date: string | undefined;
}

/**
 * Orders the parts (factsheets, then the one-pagers in the order the first factsheet lists
 * their countries, then the others by name) and numbers their pages continuously after the
 * cover and the contents. Page counts come from the documents' own PDFs, which the pack
 * takes page for page. A pack without a factsheet of its own follows `countryOrder`, the
 * project's factsheet's order in another language.
 */
export function planPack(
  built: readonly BuiltPart[],
  messages: MessageFile = bundledEnglish(),
  countryOrder: readonly string[] = [],
): PackPlan | undefined {
  const factsheets = built
    .filter((part) => part.job.kind === 'factsheet')
    .sort((a, b) => a.job.document.name.localeCompare(b.job.document.name));
  const lead = factsheets[0]?.job.document.meta;
  const order = lead?.kind === 'factsheet' ? lead.countries : countryOrder;
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

  const titles = parts.map(countryName);
  const front = frontPages(titles);
  const totalPages = front + parts.reduce((sum, part) => sum + part.pages, 0);
  let next = front + 1;
  const placed = parts.map((part) => {
    const firstPage = next;
    next += part.pages;
    return Object.freeze({ ...part, firstPage });
  });
  const entries = placed.map((part, index) =>
    Object.freeze({
      title: titles[index] ?? '',
      kind: messages.format(part.job.kind === 'factsheet' ? 'pack.kind_factsheet' : 'pack.kind_brief'),
      page: part.firstPage,
    }),
  );
  const lang = parts[0]?.job.lang ?? 'en';
  const only = factsheets.length === 1 ? lead : undefined;
  // The settings' title; else the one factsheet's (with several, none of them speaks for the pack).
  const subject = settingOf(parts[0]?.job, 'packTitle') || (only?.kind === 'factsheet' ? only.title : '');
  const title = packTitle(subject, messages, lang);
  const { author, date } = packMetadata(parts.map((part) => part.job));
  const view = {
    title,
    subject: subject === '' ? messages.format('pack.title') : subject,
    // Past about three lines at the cover's size, a title is set smaller (briefing-pack.css).
    longSubject: [...subject].length > LONG_COVER_TITLE,
    lang,
    published: date,
    subtitle: only?.kind === 'factsheet' && subject === only.title ? only.subtitle : undefined,
    documentCount: entries.length,
    summary: packSummary(factsheets.length, onePagers.length, totalPages, messages, lang),
    contentsPages: contentsPages(entries).map((group, index) =>
      Object.freeze({ continued: index > 0, entries: group }),
    ),
    totalPages,
  };
  return {
    title,
    lang,
    subject: messages.format(factsheets.length > 0 ? 'pack.subject' : 'pack.subject_briefs'),
    keyword: messages.format('pack.keyword'),
    totalPages,
    frontPages: front,
    partTitles: titles,
    author,
    date,
    parts: placed,
    view: Object.freeze(view),
    // The cover carries no number; every other page does, where a factsheet's own number would be
    // (a factsheet's pack edition leaves its own out), a brief's in the corner of its foot.
    numbersView: Object.freeze({ ...view, numberSheet: { unnumbered: [true], numbered: numberedPages(front, parts) } }),
  };
}

/** The numbered pages of the pack (all but the cover) in order: whether each is a brief's, whose number sits in its foot. */
function numberedPages(front: number, parts: readonly BuiltPart[]): readonly { readonly brief: boolean }[] {
  const page = (brief: boolean): { readonly brief: boolean } => Object.freeze({ brief });
  return [
    ...Array.from({ length: front - 1 }, () => page(false)),
    ...parts.flatMap((part) => Array.from({ length: part.pages }, () => page(part.job.kind === 'one-pager'))),
  ];
}

/**
 * "Briefing pack: {subject}", or the subject alone when it already says it is one
 * ("Global Gateway – Briefing pack, June 2025"): the words "Briefing pack" said once.
 */
function packTitle(subject: string, messages: MessageFile, lang: string): string {
  const words = messages.format('pack.title');
  if (subject === '') return words;
  return subject.toLocaleLowerCase(lang).includes(words.toLocaleLowerCase(lang))
    ? subject
    : messages.format('pack.title_of', { subject });
}

/** "1 factsheet and 8 country briefs, 13 pages.": what the pack holds, counted, in its language. */
export function packSummary(
  factsheets: number,
  briefs: number,
  pages: number,
  messages: MessageFile,
  lang: string,
): string {
  const parts = [
    ...(factsheets > 0 ? [messages.format('pack.factsheets', { count: factsheets })] : []),
    ...(briefs > 0 ? [messages.format('pack.briefs', { count: briefs })] : []),
  ];
  return messages.format('pack.summary', {
    contents: new Intl.ListFormat(lang, { type: 'conjunction' }).format(parts),
    pages,
  });
}

/**
 * The order of countries a pack without a factsheet of its own follows: that of the first
 * factsheet (by name) among `jobs`, the packs' jobs in the packs' order.
 */
export function leadCountries(jobs: readonly RenderJob[]): readonly string[] {
  const lead = jobs
    .filter((job) => job.kind === 'factsheet')
    .find((job, _index, factsheets) =>
      factsheets.every((other) => other.lang !== job.lang || job.document.name.localeCompare(other.document.name) <= 0),
    );
  return lead?.document.meta.kind === 'factsheet' ? lead.document.meta.countries : [];
}

/** What the contents call a part: a factsheet's title, a country's name. */
function countryName(part: BuiltPart): string {
  const meta = part.job.document.meta;
  return meta.kind === 'one-pager' ? meta.name : meta.title;
}
