import { FactsheetsError } from '../errors.js';
import type {
  BuildWarning,
  Dataset,
  Document,
  DocumentKind,
  FactsheetMeta,
  OnePagerMeta,
  RenderJob,
  SettingsValues,
} from '../model/documents.js';
import { mappedOrError, type MapMaker } from './plan/with-map.js';

export { withLocatorMap, type MapMaker } from './plan/with-map.js';
import { layoutBarChart, PANEL_CHART_WIDTH } from './plan/bar-chart.js';
import {
  DEFAULT_FUNDING_LINES,
  isSampleRecord,
  sum,
  summariseFunding,
  toShares,
  type FundingSummary,
} from './plan/funding-summary.js';
import { largestWithOther, yearSpans } from './plan/chart-bars.js';
import { untrustedCountries, untrustedErrors, type Untrusted } from './plan/untrusted.js';
import type { DocumentInfo } from '../model/documents.js';
import { pageSettings } from './plan/settings.js';
import { bundledMessages, type MessagesOf } from '../messages/bundled.js';
import type { MessageFile } from '../messages/catalog.js';
import { editionOf } from './validate/front-matter.js';
import { languageOf, projectLanguage, screenOutputPath } from '../outputs/paths.js';

export { languageOf } from '../outputs/paths.js';

/** Which edition a view is for: layouts add the print edition's bleed when `edition.print` (outputs/print.ts), and leave out their page numbers in the pack's when `edition.pack` (outputs/pack.ts). */
const SCREEN_EDITION = Object.freeze({ print: false });

/** Written into every PDF's Info as its creator. */
export const CREATOR = 'factsheets';

export interface PlanResult {
  readonly jobs: readonly RenderJob[];
  readonly errors: readonly FactsheetsError[];
  readonly warnings: readonly BuildWarning[];
  /** Documents not planned for a reason an error names elsewhere (their language's messages). */
  readonly failed?: readonly Document[];
}

/**
 * Joins documents with the dataset into render jobs: view models with every total, share
 * and ordering computed here (templates only format), and each PDF's output path. A document
 * whose figures come from an invalid part of the dataset fails rather than print wrong figures.
 */
export function planJobs(
  documents: readonly Document[],
  dataset: Dataset,
  maps?: MapMaker,
  settings: SettingsValues = {},
  messagesOf: MessagesOf = bundledMessages,
): PlanResult {
  const jobs: RenderJob[] = [];
  const errors: FactsheetsError[] = [];
  const warnings: BuildWarning[] = [];
  const failed: Document[] = [];
  const untrusted: Untrusted[] = [];
  const unusable = new Map<string, { problems: readonly FactsheetsError[]; documents: Document[] }>();
  // A brief's own name for its country, per language, for the factsheets of that language.
  const countryNames = new Map<string, string>();
  for (const document of documents) {
    if (document.meta.kind === 'one-pager')
      countryNames.set(`${languageOf(document, settings)}:${document.meta.iso}`, document.meta.name);
  }
  for (const document of documents) {
    const lang = languageOf(document, settings);
    const checked = messagesOf(lang);
    if (!checked.ok) {
      const entry = unusable.get(lang) ?? { problems: checked.problems, documents: [] };
      entry.documents.push(document);
      unusable.set(lang, entry);
      continue;
    }
    const countries = untrustedCountries(document, dataset);
    if (countries.length > 0) {
      untrusted.push({ document, countries });
      continue;
    }
    const edition: Edition = { lang, messages: checked.messages, project: settings };
    const result = planned(document, checked.messages, () =>
      document.meta.kind === 'one-pager'
        ? planOnePager(document, document.meta, dataset, edition)
        : planFactsheet(document, document.meta, dataset, countryNames, edition),
    );
    if (result instanceof FactsheetsError) {
      errors.push(result);
      continue;
    }
    const unrecorded = countriesWithoutRows(document, dataset);
    if (unrecorded.length > 0) warnings.push(noRowsWarning(document, unrecorded, dataset));
    const located = maps === undefined ? { job: Object.freeze(result) } : mappedOrError(result, maps);
    if (located instanceof FactsheetsError) {
      errors.push(located);
      continue;
    }
    jobs.push(located.job);
    if (located.warning !== undefined) warnings.push(located.warning);
  }
  const fromDataset = untrustedErrors(untrusted, dataset);
  errors.push(...fromDataset.errors);
  failed.push(...fromDataset.failed);
  for (const { problems, documents: unplanned } of unusable.values()) {
    errors.push(...languageErrors(problems, unplanned));
    failed.push(...unplanned.slice(1));
  }
  return { jobs, errors, warnings, failed };
}

/**
 * A document's plan, or why a message of its language could not be written for it (the message
 * files are checked before, so this is a safety net, never an internal error).
 */
function planned(
  document: Document,
  messages: MessageFile,
  plan: () => RenderJob | FactsheetsError,
): RenderJob | FactsheetsError {
  try {
    return plan();
  } catch (error) {
    return new FactsheetsError(error instanceof Error ? error.message : String(error), {
      stage: 'plan',
      file: messages.displayPath,
      document: document.name,
      hint: `Check the message in ${messages.displayPath} against ${messages.displayPath.replace(/[^/\\]*$/, 'en.yml')}: the same keys, the same {values}.`,
    });
  }
}

/** What a document of one language is printed with: that language's words, and the project's settings. */
interface Edition {
  readonly lang: string;
  readonly messages: MessageFile;
  readonly project: SettingsValues;
}

/**
 * A language's message problems, each naming the documents it stops (the first one carries
 * them, so that each problem is reported once however many editions share it).
 */
function languageErrors(problems: readonly FactsheetsError[], documents: readonly Document[]): FactsheetsError[] {
  const names = documents.map((document) => document.name);
  const listed = names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  const first = names[0];
  return problems.map(
    (problem) =>
      new FactsheetsError(`${problem.message} (not built: ${listed})`, {
        ...problem.fields(),
        ...(first === undefined ? {} : { document: first }),
      }),
  );
}

function planOnePager(
  document: Document,
  meta: OnePagerMeta,
  dataset: Dataset,
  edition: Edition,
): RenderJob | FactsheetsError {
  const cap = fundingLinesCap(document);
  if (cap instanceof FactsheetsError) return cap;
  const { lang, messages } = edition;
  const records = dataset.records.filter((record) => record.country === meta.iso);
  const funding = summariseFunding(records, cap, (status) => messages.format(`status.${status}`));
  const settings = pageSettings(edition.project, meta.overrides, meta.name, edition);
  const title = messages.format('brief.title', { country: meta.name });
  return {
    document,
    kind: 'one-pager',
    layout: meta.template,
    lang,
    outputPath: screenOutputPath('one-pager', document.baseName, lang, projectLanguage(edition.project)),
    maxPages: 1,
    info: documentInfo(
      title,
      meta.author ?? settings.publisher,
      meta.summary ?? meta.role,
      meta.keywords.length > 0
        ? meta.keywords
        : [meta.name, meta.iso, messages.format('brief.keyword'), ...(meta.role === undefined ? [] : [meta.role])],
    ),
    view: Object.freeze({
      title,
      lang,
      settings,
      edition: SCREEN_EDITION,
      page: document.data,
      published: meta.date,
      country: Object.freeze({ name: meta.name, iso: meta.iso, role: meta.role, summary: meta.summary }),
      funding,
      // A country with no funding decisions yet still has a brief, which says so (no empty charts).
      fundingRecorded: records.length > 0,
      charts: fundingCharts(funding, messages),
      map: undefined,
    }),
  };
}

/** The least a funding table shows: fewer lines would not say much beside the closing line. */
export const MIN_FUNDING_LINES = 3;

/** Front matter `funding_lines: N` caps the one-pager's funding table (default DEFAULT_FUNDING_LINES). */
function fundingLinesCap(document: Document): number | FactsheetsError {
  const value = document.data['funding_lines'];
  if (value === undefined) return DEFAULT_FUNDING_LINES;
  if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_FUNDING_LINES) return value;
  return new FactsheetsError(
    `funding_lines must be a whole number of at least ${MIN_FUNDING_LINES}, got ${JSON.stringify(value)}`,
    {
      stage: 'plan',
      file: document.source.displayPath,
      document: document.name,
      ...lineOf(document, 'funding_lines'),
      hint: `Write for example "funding_lines: 6" (the most lines the funding table shows), or remove the field to let the layout decide.`,
    },
  );
}

/** The one-pager's charts, bounded whatever the data: the largest instruments and "Other", years in spans when many. */
function fundingCharts(funding: FundingSummary, messages: MessageFile): Readonly<Record<string, unknown>> {
  const instruments = largestWithOther(
    funding.byInstrument.map((share) => [share.label, share.amount] as const),
    undefined,
    (count) => messages.format('chart.other', { count }),
  );
  const years = yearSpans(new Map(funding.byYear.map((share) => [Number(share.label), share.amount])));
  return Object.freeze({
    byInstrument: layoutBarChart(toShares(instruments, funding.total), true, PANEL_CHART_WIDTH),
    byYear: layoutBarChart(toShares(years, funding.total), true, PANEL_CHART_WIDTH),
  });
}

function planFactsheet(
  document: Document,
  meta: FactsheetMeta,
  dataset: Dataset,
  countryNames: ReadonlyMap<string, string>,
  edition: Edition,
): RenderJob | FactsheetsError {
  const { lang, messages } = edition;
  const regionNames = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const countries = meta.countries.map((iso) => {
    const records = dataset.records.filter((record) => record.country === iso);
    return Object.freeze({
      iso,
      name: countryNames.get(`${lang}:${iso}`) ?? regionNames.of(iso) ?? iso,
      total: sum(records),
      isSample: records.some(isSampleRecord),
      recorded: records.length > 0,
    });
  });
  const settings = pageSettings(edition.project, meta.overrides, meta.title, edition);
  return {
    document,
    kind: 'factsheet',
    countryNames: Object.freeze(Object.fromEntries(countries.map((country) => [country.iso, country.name]))),
    layout: meta.template,
    lang,
    outputPath: screenOutputPath('factsheet', document.baseName, lang, projectLanguage(edition.project)),
    info: documentInfo(
      meta.title,
      meta.author ?? settings.publisher,
      meta.subtitle,
      meta.keywords.length > 0
        ? meta.keywords
        : [messages.format('factsheet.keyword'), ...countries.map((country) => country.name)],
    ),
    view: Object.freeze({
      title: meta.title,
      subtitle: meta.subtitle,
      lang,
      settings,
      edition: SCREEN_EDITION,
      page: document.data,
      published: meta.date,
      pageBudget: meta.pageBudget,
      figures: meta.figures,
      quotes: meta.quotes,
      charts: meta.charts.map((chart) => {
        const amounts = new Map(chart.bars.map((bar) => [bar.label, meta.figures[bar.figure] ?? 0]));
        const total = [...amounts.values()].reduce((sum, amount) => sum + amount, 0);
        return Object.freeze({ title: chart.title, chart: layoutBarChart(toShares(amounts, total), chart.shares) });
      }),
      keyFigures: meta.keyFigures.map((entry) =>
        Object.freeze({
          label: entry.label,
          value: meta.figures[entry.figure] ?? 0,
          isMoney: entry.format === 'money',
        }),
      ),
      countries: Object.freeze({
        rows: countries,
        total: countries.reduce((total, country) => total + country.total, 0),
        isSample: countries.some((country) => country.isSample),
        anyUnrecorded: countries.some((country) => !country.recorded),
        any: countries.length > 0,
        asList: countries.length > COUNTRY_COLUMNS,
        listRows: inTwoColumns(countries),
      }),
    }),
  };
}

/** Countries a factsheet's table shows side by side, one column each; more are listed in rows. */
export const COUNTRY_COLUMNS = 5;

/**
 * Rows of two entries, read across each row and then down (`right` is null in an odd list's
 * last row): the order a screen reader reads a table in, and the one that still reads right
 * when a long list goes on over the page.
 */
function inTwoColumns<T>(entries: readonly T[]): readonly { readonly left: T; readonly right: T | null }[] {
  return entries
    .filter((_entry, index) => index % 2 === 0)
    .map((left, row) => Object.freeze({ left, right: entries[row * 2 + 1] ?? null }));
}

function documentInfo(
  title: string,
  author: string | undefined,
  subject: string | undefined,
  keywords: readonly string[],
): DocumentInfo {
  return Object.freeze({
    title,
    ...(author === undefined ? {} : { author }),
    ...(subject === undefined ? {} : { subject }),
    keywords: Object.freeze([...keywords]),
    creator: CREATOR,
  });
}

/** The output path of a document known only by name (one that failed validation). */
export function outputPathOfName(kind: DocumentKind, name: string, project: string): string {
  const { baseName, lang } = editionOf(name);
  return screenOutputPath(kind, baseName, lang, project);
}

/** The countries a document shows that have no row in the dataset yet. */
function countriesWithoutRows(document: Document, dataset: Dataset): string[] {
  let recorded = countriesWithRows.get(dataset);
  if (recorded === undefined) {
    recorded = new Set(dataset.records.map((record) => record.country));
    countriesWithRows.set(dataset, recorded);
  }
  const meta = document.meta;
  const shown = meta.kind === 'one-pager' ? [meta.iso] : meta.countries;
  return shown.filter((iso) => !recorded.has(iso));
}

const countriesWithRows = new WeakMap<Dataset, ReadonlySet<string>>();

function noRowsWarning(document: Document, isoCodes: readonly string[], dataset: Dataset): BuildWarning {
  const field = document.meta.kind === 'one-pager' ? 'iso' : 'countries';
  const shown =
    document.meta.kind === 'one-pager'
      ? 'the brief says that no funding lines are recorded yet'
      : `the factsheet shows "—" for ${isoCodes.length === 1 ? 'it' : 'them'}`;
  return {
    message: `${dataset.file} has no funding rows for ${isoCodes.join(', ')} yet: ${shown} (add rows to ${dataset.file}, or check "${field}")`,
    file: document.source.displayPath,
    document: document.name,
    ...lineOf(document, field),
  };
}

function lineOf(document: Document, key: string): { line?: number } {
  const line = document.keyLines[key];
  return line === undefined ? {} : { line };
}
