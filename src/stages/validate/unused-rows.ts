import type { BuildWarning, Dataset, Document, FundingRecord, SettingsValues } from '../../model/documents.js';
import { countryName } from './country-code.js';
import { rowPlace } from './dataset.js';

/** Codes named one by one in the warning; past these, a count. */
const LISTED_CODES = 8;
/** Rows named one by one for each code; past these, a count. */
const LISTED_ROWS = 3;

/**
 * The dataset's rows that no document shows (their country has no brief and is in no
 * factsheet's `countries`), in one warning: each code with its rows, their amount, and the
 * code with a brief it was perhaps meant to be (`KN: did you mean KE, Kenya?`). Countries the
 * settings list under `countries_without_brief` are left out on purpose and not reported.
 */
export function rowsWithoutDocument(
  dataset: Dataset,
  documents: readonly Document[],
  settings: SettingsValues,
): BuildWarning[] {
  const briefs = new Map<string, string>();
  const shown = new Set<string>(settings.countriesWithoutBrief ?? []);
  for (const { meta, lang } of documents) {
    if (meta.kind === 'one-pager') {
      // The project language's brief names the country; another edition's name only if it is the only one.
      if (lang === undefined || !briefs.has(meta.iso)) briefs.set(meta.iso, meta.name);
      shown.add(meta.iso);
    } else {
      for (const iso of meta.countries) shown.add(iso);
    }
  }
  const left = new Map<string, FundingRecord[]>();
  for (const record of dataset.records) {
    if (shown.has(record.country)) continue;
    const rows = left.get(record.country) ?? [];
    rows.push(record);
    left.set(record.country, rows);
  }
  const first = [...left.values()][0]?.[0];
  if (first === undefined) return [];

  const money = new Intl.NumberFormat('en', {
    style: 'currency',
    currency: settings.currency ?? 'EUR',
    maximumFractionDigits: 0,
  });
  const codes = [...left.entries()].sort(([a], [b]) => a.localeCompare(b));
  const described = codes.slice(0, LISTED_CODES).map(([iso, rows]) => {
    const places = rows.slice(0, LISTED_ROWS).map((row) => rowPlace(dataset, row.line));
    const more = rows.length > LISTED_ROWS ? ` and ${rows.length - LISTED_ROWS} more` : '';
    const meant = nearestCode(iso, [...briefs.keys()]);
    const guess = meant === undefined ? '' : `; did you mean ${meant}, ${briefs.get(meant) ?? countryName(meant)}?`;
    return `${iso} (${places.join(', ')}${more}: ${money.format(rows.reduce((sum, row) => sum + row.amountEur, 0))}${guess})`;
  });
  const otherCodes = codes.length > LISTED_CODES ? `, and ${codes.length - LISTED_CODES} more codes` : '';
  const count = codes.reduce((sum, [, rows]) => sum + rows.length, 0);
  const total = money.format(
    codes.reduce((sum, [, rows]) => sum + rows.reduce((rowSum, row) => rowSum + row.amountEur, 0), 0),
  );
  return [
    {
      message:
        `${count.toLocaleString('en')} ${count === 1 ? 'row' : 'rows'} of ${dataset.file} (${total}) ${count === 1 ? 'is' : 'are'} in no document, so in no total: ${described.join(', ')}${otherCodes}` +
        ' (correct the country code, write a brief for the country, or list it under countries_without_brief in factsheets.yml)',
      file: dataset.file,
      ...(dataset.sheet === undefined ? { line: first.line } : {}),
    },
  ];
}

/**
 * The code with a brief that a typed code most likely meant: one letter off (the same first
 * letter preferred, as in KN for KE), or the two letters swapped.
 */
function nearestCode(typed: string, candidates: readonly string[]): string | undefined {
  const sorted = [...candidates].sort();
  return (
    sorted.find((code) => code[0] === typed[0]) ??
    sorted.find((code) => code[1] === typed[1]) ??
    sorted.find((code) => code === `${typed[1] ?? ''}${typed[0] ?? ''}`)
  );
}
