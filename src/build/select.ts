import type { BuildConfig } from '../config.js';
import { FactsheetsError } from '../errors.js';
import type { ValidationResult } from '../stages/validate.js';
import type { Document } from '../types.js';
import type { BuildLog } from './log.js';
import { inShard } from './shard.js';
import { editionOf } from '../stages/validate/front-matter.js';

/** The documents a run builds: all, those of `--only`, or one shard of them. */
export interface Selection {
  readonly documents: readonly Document[];
  /** Every document in one run: only then are orphans removed and the pack made. */
  readonly complete: boolean;
}

/**
 * Chooses the documents of this run and marks the chosen ones that failed validation; an
 * `--only` name that does not exist is an error (undefined: nothing to build).
 */
export function selectDocuments(config: BuildConfig, validation: ValidationResult, log: BuildLog): Selection | undefined {
  const names = [...validation.documents.map((document) => document.name), ...validation.failed.map((entry) => entry.name)];
  // `--only mali` takes every edition of mali (mali, mali.fr); `--only mali.fr` only the French one.
  const known = [...new Set([...names, ...names.map((name) => editionOf(name).baseName)])];
  const unknown = config.only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) {
    log.errors.push(new FactsheetsError(`--only names ${unknown.length === 1 ? 'a document that does' : 'documents that do'} not exist: ${unknown.join(', ')}`, {
      stage: 'cli',
      hint: `Known documents: ${[...known].sort().join(', ')}.`,
    }));
    return undefined;
  }
  const only = config.only === undefined ? undefined : new Set(config.only);
  const shard = config.shard;
  const chosen = (name: string): boolean => (only === undefined || only.has(name) || only.has(editionOf(name).baseName)) && (shard === undefined || inShard(name, shard));
  for (const failed of validation.failed) if (chosen(failed.name)) log.failed(failed.name, failed.kind, failed.source.displayPath);
  return {
    documents: validation.documents.filter((document) => chosen(document.name)),
    complete: only === undefined && shard === undefined,
  };
}
