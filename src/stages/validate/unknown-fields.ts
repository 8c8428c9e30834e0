import type { BuildWarning, Document } from '../../model/documents.js';
import type { LoadedTemplates } from '../../model/sources.js';
import { closestName } from './closest-name.js';
import { factsheetSchema, onePagerSchema } from './front-matter-schema.js';

/** The fields each kind of document knows; `funding_lines` is read by the plan, not the schema. */
const KNOWN_FIELDS: Readonly<Record<Document['meta']['kind'], readonly string[]>> = {
  factsheet: Object.keys(factsheetSchema.shape),
  'one-pager': [...Object.keys(onePagerSchema.shape), 'funding_lines'],
};

/**
 * Front-matter fields no one reads: not a field of the document's kind, and neither a layout,
 * a partial nor the document's own prose reads it (as `page.<field>`). A typo (`sumary:`)
 * silently drops the summary from the page otherwise: a warning with the nearest known name.
 */
export function unknownFields(documents: readonly Document[], templates: LoadedTemplates): BuildWarning[] {
  const templateText = [...templates.layouts.values(), ...templates.partials.values()]
    .map((file) => file.text)
    .join('\n');
  const warnings: BuildWarning[] = [];
  for (const document of documents) {
    const known = KNOWN_FIELDS[document.meta.kind];
    for (const field of Object.keys(document.data)) {
      if (known.includes(field) || readsField(templateText, field) || readsField(document.body, field)) continue;
      const guess = closestName(field, known);
      const line = document.keyLines[field];
      warnings.push({
        message:
          `unknown field "${field}"${guess === undefined ? '' : `: did you mean "${guess}"?`} (no layout reads it, so the page does not show it` +
          `${guess === undefined ? `; a ${document.meta.kind}'s fields are ${known.join(', ')}` : ''})`,
        file: document.source.displayPath,
        ...(line === undefined ? {} : { line }),
        document: document.name,
      });
    }
  }
  return warnings;
}

/** True when Handlebars text may read the field: `page.field`, `page.[field]`, `lookup page "field"`, or the word inside a `#with page` block. */
function readsField(text: string, field: string): boolean {
  const name = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`page\\.(?:\\[${name}\\]|${name}(?![\\w-]))|lookup\\s+page\\s+["']${name}["']`).test(text))
    return true;
  return /#(?:with|each)\s+page\b/.test(text) && new RegExp(`(?<![\\w-])${name}(?![\\w-])`).test(text);
}
