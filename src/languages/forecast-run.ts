import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { BuildConfig } from '../config.js';
import type { FactsheetsError } from '../errors.js';
import { loadSources } from '../stages/load.js';
import { validateSources } from '../stages/validate.js';
import { languageOf, projectLanguage } from '../outputs/paths.js';
import type { BuildReport, FitRecord } from '../model/documents.js';
import { stretchMarkdown, stretchText } from './forecast.js';

/** How one brief would fare in one language. */
export interface BriefForecast {
  readonly document: string;
  readonly source: string;
  readonly lang: string;
  readonly percent: number;
  readonly fits: boolean;
  /** `design` or the denser step it would print at. */
  readonly step?: string;
  /** About how many more characters of prose the page has room for at that step. */
  readonly charactersLeft?: number;
  /** When it would not fit: the build's own words (how far over, what to cut). */
  readonly problem?: string;
}

/** Prints a whole build: the command passes the pipeline with its printer. */
export type BuildRunner = (config: BuildConfig) => Promise<BuildReport>;

/**
 * For each language: the project's own briefs, their prose stretched by that language's
 * expansion and set in its layout (its messages and direction when the templates have them),
 * printed in a scratch folder that is removed afterwards. The output folder is never touched.
 */
export async function forecastBriefs(
  config: BuildConfig,
  expansions: Readonly<Record<string, number>>,
  build: BuildRunner,
): Promise<BriefForecast[]> {
  const sources = await loadSources(config.contentDir, config.templatesDir, config.limits);
  const validation = validateSources(sources);
  const project = projectLanguage(validation.settings);
  const briefs = validation.documents.filter(
    (document) => document.meta.kind === 'one-pager' && languageOf(document, validation.settings) === project,
  );
  const forecasts: BriefForecast[] = [];
  for (const [lang, percent] of Object.entries(expansions)) {
    const scratch = await mkdtemp(join(tmpdir(), 'factsheets-forecast-'));
    try {
      const content = join(scratch, 'content');
      await cp(config.contentDir, content, {
        recursive: true,
        filter: (path) =>
          !/\.md$/.test(path) ||
          !briefsOnly(
            path,
            config.contentDir,
            briefs.map((brief) => brief.source.absolutePath),
          ),
      });
      const setLang =
        sources.templates.messages.has(lang) || sources.templates.messages.has(lang.split('-')[0] ?? lang)
          ? lang
          : undefined;
      for (const brief of briefs) {
        const text = await readFile(brief.source.absolutePath, 'utf8');
        await writeFile(
          join(content, relative(config.contentDir, brief.source.absolutePath)),
          stretchDocument(text, percent, setLang),
        );
      }
      const report = await build({
        ...config,
        contentDir: content,
        outDir: join(scratch, 'out'),
        only: undefined,
        shard: undefined,
        skipPack: true,
        force: true,
        printEdition: false,
      });
      for (const brief of briefs)
        forecasts.push(forecastOf(brief.name, brief.source.displayPath, lang, percent, report));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  return forecasts;
}

/** Markdown files other than the briefs are left out of the scratch copy (factsheets, editions). */
function briefsOnly(path: string, contentDir: string, briefs: readonly string[]): boolean {
  return path.startsWith(contentDir) && !briefs.includes(path);
}

/** The brief's file with its summary and narrative stretched, and `lang:` set when the templates speak the language. */
export function stretchDocument(text: string, percent: number, lang: string | undefined): string {
  const match = /^(---\r?\n)([\s\S]*?\r?\n)(---\r?\n?)([\s\S]*)$/.exec(text);
  if (match === null) return stretchMarkdown(text, percent);
  const [, open = '', front = '', close = '', body = ''] = match;
  const summary = front.replace(
    /^(summary:[ \t]*)(["']?)(.*?)\2[ \t]*$/m,
    (_, key: string, quote: string, value: string) => `${key}${quote}${stretchText(value, percent)}${quote}`,
  );
  const withLang = lang === undefined ? summary : `${summary.replace(/^lang:.*\r?\n/m, '')}lang: ${lang}\n`;
  return `${open}${withLang}${close}${stretchMarkdown(body, percent)}`;
}

function forecastOf(name: string, source: string, lang: string, percent: number, report: BuildReport): BriefForecast {
  const result = report.documents.find((document) => document.name === name && document.kind === 'one-pager');
  const fit: FitRecord | undefined = result?.fit;
  if (result?.status === 'built' && fit !== undefined) {
    return {
      document: name,
      source,
      lang,
      percent,
      fits: true,
      step: fit.step,
      ...(fit.charsPerLine === undefined ? {} : { charactersLeft: fit.roomLines * fit.charsPerLine }),
    };
  }
  const error: FactsheetsError | undefined =
    report.errors.find((candidate) => candidate.document === name) ?? report.errors[0];
  return {
    document: name,
    source,
    lang,
    percent,
    fits: false,
    problem:
      error === undefined ? 'not built' : `${error.message}${error.hint === undefined ? '' : ` (${error.hint})`}`,
  };
}
