import type { BuildConfig } from '../config.js';
import { FactsheetsError } from '../errors.js';
import type { ValidationResult } from '../stages/validate.js';
import type { Document } from '../model/documents.js';
import type { Outcome } from './outcome.js';
import { inShard } from './shard.js';
import { editionOf } from '../stages/validate/front-matter.js';
import { outputPathOfName } from '../stages/plan.js';
import { projectLanguage } from '../outputs/paths.js';

/** The documents a run builds: all, those of `--only`, or one shard of them. */
export interface Selection {
  readonly documents: readonly Document[];
  /** Every document in one run: only then are orphans removed and the pack made. */
  readonly complete: boolean;
}

/**
 * What `--only` may call a document: its name (`mali.fr`), the name its editions share (`mali`:
 * every edition), and that name with its language (`mali.en` for the edition in the project's
 * language, whose file is `mali.md`).
 */
function selectorsOf(name: string, lang: string): ReadonlySet<string> {
  const { baseName } = editionOf(name);
  return new Set([name, baseName, `${baseName}.${lang.toLowerCase()}`]);
}

/**
 * Chooses the documents of this run and marks the chosen ones that failed validation; an
 * `--only` name that does not exist is an error (undefined: nothing to build).
 */
export function selectDocuments(
  config: BuildConfig,
  validation: ValidationResult,
  log: Outcome,
): Selection | undefined {
  const names = [
    ...validation.documents.map((document) => document.name),
    ...validation.failed.map((entry) => entry.name),
  ];
  const project = projectLanguage(validation.settings);
  const selectors = new Map([
    ...validation.failed.map(
      (entry) => [entry.name, selectorsOf(entry.name, editionOf(entry.name).lang ?? project)] as const,
    ),
    ...validation.documents.map(
      (document) => [document.name, selectorsOf(document.name, document.lang ?? project)] as const,
    ),
  ]);
  const unknown = config.only?.filter((wanted) => ![...selectors.values()].some((each) => each.has(wanted))) ?? [];
  if (unknown.length > 0) {
    log.errors.push(
      new FactsheetsError(
        `--only names ${unknown.length === 1 ? 'a document that does' : 'documents that do'} not exist: ${unknown.join(', ')}`,
        {
          stage: 'cli',
          hint: `Known documents: ${[...new Set(names.flatMap((name) => [editionOf(name).baseName, name]))].sort().join(', ')} (a name takes all its editions; add a language, e.g. mali.fr or mali.en, for one).`,
        },
      ),
    );
    return undefined;
  }
  const only = config.only;
  const shard = config.shard;
  const chosen = (name: string): boolean =>
    (only === undefined || only.some((wanted) => selectors.get(name)?.has(wanted) === true)) &&
    (shard === undefined || inShard(name, shard));
  for (const failed of validation.failed) {
    if (chosen(failed.name))
      log.failed({
        name: failed.name,
        kind: failed.kind,
        source: failed.source.displayPath,
        output: outputPathOfName(failed.kind, failed.name, project),
      });
  }
  return {
    documents: validation.documents.filter((document) => chosen(document.name)),
    complete: only === undefined && shard === undefined,
  };
}
