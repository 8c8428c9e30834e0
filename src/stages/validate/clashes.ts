import { FactsheetsError } from '../../errors.js';
import type { Document, SettingsValues } from '../../model/documents.js';
import { languageOf, projectLanguage, screenOutputPath } from '../../outputs/paths.js';
import { countryName } from './country-code.js';

export interface Clashes {
  readonly errors: readonly FactsheetsError[];
  /** The documents of every clash: none of them is built, since which one is meant is unknown. */
  readonly clashing: ReadonlySet<Document>;
}

/**
 * Documents that would overwrite or repeat each other: two that resolve to one output file
 * (`countries/peru.md` and `countries/peru.en.md` in an English project), and two briefs of
 * one language for the same country (the pack would hold it twice). One error per clash,
 * naming every file in it, at the later file.
 */
export function documentClashes(documents: readonly Document[], settings: SettingsValues): Clashes {
  const errors: FactsheetsError[] = [];
  const clashing = new Set<Document>();
  const byOutput = groupBy(documents, (document) =>
    screenOutputPath(document.meta.kind, document.baseName, languageOf(document, settings), projectLanguage(settings)),
  );
  for (const [path, group] of byOutput) {
    const [first, second] = group;
    if (first === undefined || second === undefined) continue;
    for (const document of group) clashing.add(document);
    errors.push(
      new FactsheetsError(`${listFiles(group)} would ${bothOrAll(group)} be written to ${path}`, {
        stage: 'validate',
        file: second.source.displayPath,
        document: second.name,
        hint: inProjectLanguage(first, settings)
          ? `Keep one of them: an edition in the project's language (${languageOf(first, settings)}) is written where the document without a language is.`
          : 'Keep one of them, or rename one.',
      }),
    );
  }
  const briefs = documents.filter((document) => document.meta.kind === 'one-pager' && !clashing.has(document));
  const byCountry = groupBy(
    briefs,
    (document) => `${languageOf(document, settings)} ${document.meta.kind === 'one-pager' ? document.meta.iso : ''}`,
  );
  for (const [key, group] of byCountry) {
    const second = group[1];
    if (second === undefined) continue;
    for (const document of group) clashing.add(document);
    const [lang = '', iso = ''] = key.split(' ');
    errors.push(
      new FactsheetsError(
        `${listFiles(group)} are ${bothOrAll(group)} ${lang} briefs for ${iso} (${countryName(iso)})`,
        {
          stage: 'validate',
          file: second.source.displayPath,
          document: second.name,
          ...lineOf(second, 'iso'),
          hint: 'A country has one brief per language: remove one of them, or correct its iso.',
        },
      ),
    );
  }
  return { errors, clashing };
}

function groupBy(documents: readonly Document[], key: (document: Document) => string): Map<string, Document[]> {
  const groups = new Map<string, Document[]>();
  for (const document of documents) {
    const name = key(document);
    groups.set(name, [...(groups.get(name) ?? []), document]);
  }
  return groups;
}

function inProjectLanguage(document: Document, settings: SettingsValues): boolean {
  return languageOf(document, settings) === languageOf({ ...document, lang: undefined }, settings);
}

function bothOrAll(group: readonly Document[]): string {
  return group.length === 2 ? 'both' : 'all';
}

/** `a.md and b.md`, `a.md, b.md and c.md`. */
function listFiles(group: readonly Document[]): string {
  const files = group.map((document) => document.source.displayPath);
  return files.length <= 1 ? files.join('') : `${files.slice(0, -1).join(', ')} and ${files.at(-1) ?? ''}`;
}

function lineOf(document: Document, key: string): { line?: number } {
  const line = document.keyLines[key];
  return line === undefined ? {} : { line };
}
