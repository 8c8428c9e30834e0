import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Shard } from './pipeline/shard.js';
import { resolveLimits, type Limits } from './limits.js';

/** The templates shipped with factsheets, used when the working folder has no `templates/`. */
export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));

/** The starter content folder that `factsheets init` copies. */
export const BUNDLED_STARTER = fileURLToPath(new URL('../starter', import.meta.url));

/** Everything a build needs to know, resolved once and then frozen. */
export interface BuildConfig {
  /** Folder with `*.md` factsheets, `countries/*.md` one-pagers and `funding.csv`. */
  readonly contentDir: string;
  /** Folder with `layouts/`, `partials/` and `styles/`; default `templates/`, else the bundled ones. */
  readonly templatesDir: string;
  /** Folder the PDFs are written to; created when missing. */
  readonly outDir: string;
  /** Build only these documents (by name); undefined builds all. */
  readonly only: readonly string[] | undefined;
  /** How many browser pages print at once (`--jobs`). */
  readonly browserPages: number;
  /** Print every document again, even those whose PDF is up to date. */
  readonly force: boolean;
  /** Leave out the briefing pack (watch mode: a save should not wait for the whole pack). */
  readonly skipPack: boolean;
  /** Build only this shard of the documents (`--shard i/n`), e.g. one job of a CI matrix. */
  readonly shard: Shard | undefined;
  /** Also write print files (the layout's bleed, crop marks) under `print/` in the output folder. */
  readonly printEdition: boolean;
  /** Deadline for printing one document, in seconds; a browser that hangs past it is relaunched. */
  readonly timeoutSeconds: number;
  /** A running Chrome to print through (`ws://…` or `http://…`) instead of launching one. */
  readonly browserUrl: string | undefined;
  /** Chrome/Chromium to use; undefined means search the usual places. */
  readonly browserExecutable: string | undefined;
  /**
   * Seconds since 1970 written as the PDFs' creation date (reproducible builds); undefined
   * uses each document's `date`, else 2000-01-01, never the clock.
   */
  readonly sourceDateEpoch: number | undefined;
  /** How large inputs may be (src/limits.ts); each is checked before the work it protects. */
  readonly limits: Limits;
}

export interface BuildOptions {
  readonly contentDir?: string;
  readonly templatesDir?: string;
  readonly outDir?: string;
  readonly only?: readonly string[];
  readonly jobs?: number;
  readonly timeoutSeconds?: number;
  readonly printEdition?: boolean;
  readonly force?: boolean;
  readonly skipPack?: boolean;
  readonly shard?: Shard;
  readonly browserUrl?: string;
  readonly browserExecutable?: string;
  readonly sourceDateEpoch?: number;
  /** Limits to change; the others keep their defaults. */
  readonly limits?: Partial<Limits>;
}

/** Browser pages printing at once unless `--jobs` says otherwise: four saturate two cores (docs/performance.md). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism() * 2));
}

/**
 * The templates a build uses without --templates: the content folder's own `templates/` (where
 * `init --templates` puts them), else the current folder's, else the bundled ones. So a
 * project that took the layouts in keeps its house style in any build, from any folder: a CI
 * job that forgets the flag never prints the stock look.
 */
function projectTemplates(contentDir: string, cwd: string): string {
  for (const folder of [resolve(contentDir, 'templates'), resolve(cwd, 'templates')])
    if (existsSync(folder)) return folder;
  return BUNDLED_TEMPLATES;
}

/** Applies defaults and environment (PUPPETEER_EXECUTABLE_PATH, SOURCE_DATE_EPOCH), then freezes. */
export function resolveConfig(
  options: BuildOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): BuildConfig {
  const epoch = options.sourceDateEpoch ?? parseEpoch(env['SOURCE_DATE_EPOCH']);
  const contentDir = resolve(cwd, options.contentDir ?? 'content');
  return Object.freeze({
    contentDir,
    templatesDir:
      options.templatesDir !== undefined ? resolve(cwd, options.templatesDir) : projectTemplates(contentDir, cwd),
    outDir: resolve(cwd, options.outDir ?? 'output'),
    only: options.only === undefined ? undefined : Object.freeze([...options.only]),
    browserPages: options.jobs ?? defaultJobs(),
    timeoutSeconds: options.timeoutSeconds ?? 30,
    printEdition: options.printEdition ?? false,
    force: options.force ?? false,
    skipPack: options.skipPack ?? false,
    shard: options.shard,
    browserUrl: options.browserUrl ?? nonEmpty(env['FACTSHEETS_BROWSER_URL']),
    browserExecutable: options.browserExecutable ?? nonEmpty(env['PUPPETEER_EXECUTABLE_PATH']),
    sourceDateEpoch: epoch,
    limits: resolveLimits(options.limits),
  });
}

function parseEpoch(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
