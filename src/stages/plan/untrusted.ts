import { FactsheetsError } from '../../errors.js';
import type { Dataset, Document } from '../../model/documents.js';
import { isTainted, isWhollyTainted } from '../validate/dataset.js';

/** A document not built because a country it shows has bad rows. */
export interface Untrusted {
  readonly document: Document;
  readonly countries: readonly string[];
}

/** The countries a document shows whose rows cannot be trusted (a bad row, or the whole dataset). */
export function untrustedCountries(document: Document, dataset: Dataset): string[] {
  const shown = document.meta.kind === 'one-pager' ? [document.meta.iso] : document.meta.countries;
  return shown.filter((iso) => isTainted(dataset, iso));
}

/**
 * One cause, one error: documents failed by the dataset's errors. A dataset that cannot be used
 * at all (not UTF-8, a bad header, a row of no known country) fails every document with the
 * errors it already has; bad rows of some countries are one error naming the documents they stop
 * (the first carries it, the others are failed with it).
 */
export function untrustedErrors(
  untrusted: readonly Untrusted[],
  dataset: Dataset,
): { errors: FactsheetsError[]; failed: Document[] } {
  const [first] = untrusted;
  if (first === undefined) return { errors: [], failed: [] };
  if (isWhollyTainted(dataset)) return { errors: [], failed: untrusted.map(({ document }) => document) };
  const hint = `Fix the errors reported for ${dataset.file}; ${untrusted.length === 1 ? 'this document is' : 'these documents are'} built again once they are gone.`;
  if (untrusted.length === 1) {
    const line = first.document.keyLines[first.document.meta.kind === 'one-pager' ? 'iso' : 'countries'];
    return {
      errors: [
        new FactsheetsError(
          `not built: its figures for ${first.countries.join(', ')} come from ${dataset.file}, which has errors`,
          {
            stage: 'plan',
            file: first.document.source.displayPath,
            document: first.document.name,
            ...(line === undefined ? {} : { line }),
            hint,
          },
        ),
      ],
      failed: [],
    };
  }
  const names = untrusted.map(({ document }) => document.name);
  const listed = names.length <= 4 ? joinNames(names) : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  const countries = [...new Set(untrusted.flatMap(({ countries: codes }) => codes))].sort();
  return {
    errors: [
      new FactsheetsError(
        `not built: ${listed}, whose figures for ${countries.join(', ')} come from ${dataset.file}, which has errors`,
        {
          stage: 'plan',
          file: dataset.file,
          document: first.document.name,
          hint,
        },
      ),
    ],
    failed: untrusted.slice(1).map(({ document }) => document),
  };
}

/** `a, b and c`. */
function joinNames(names: readonly string[]): string {
  return names.length === 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
