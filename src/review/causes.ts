import type { ManifestEntry } from '../build/manifest.js';
import { diffRows, describeRowChange, type RowChange } from './rows-diff.js';
import { diffSource, lineRanges, type SourceDiff } from './source-diff.js';
import type { ReviewRecord } from './record.js';

/** One reason an output changed, read from the two builds' manifests and review records. */
export type Cause =
  | { readonly kind: 'dataset'; readonly summary: string; readonly rows: readonly RowChange[] }
  | { readonly kind: 'source'; readonly summary: string; readonly file: string; readonly diff: SourceDiff }
  | { readonly kind: 'templates'; readonly summary: string; readonly files: readonly TemplateFileChange[] }
  | { readonly kind: 'fonts' | 'options' | 'tool' | 'parts' | 'own-drawing'; readonly summary: string };

export interface TemplateFileChange {
  readonly file: string;
  readonly change: 'changed' | 'added' | 'removed';
}

/** Why an output changed: the causes found, and what the records could not tell. */
export interface Explanation {
  readonly causes: readonly Cause[];
  readonly unexplained: readonly string[];
}

/** The two sides of a review, as their folders record them. */
export interface ReviewSide {
  readonly toolVersion: string;
  readonly record: ReviewRecord | undefined;
}

/**
 * Why one output differs between the approved build and this one, input by input: each
 * manifest hash that differs is explained from the review records where both have it.
 */
export function explainChange(approved: ManifestEntry, current: ManifestEntry, sides: { approved: ReviewSide; current: ReviewSide }): Explanation {
  const causes: Cause[] = [];
  const unexplained: string[] = [];
  const differs = (input: string): boolean => approved.inputs[input] !== current.inputs[input];
  const lookup = <T>(input: string, part: (record: ReviewRecord) => Readonly<Record<string, T>>): { before: T; after: T } | undefined => {
    const before = lookupIn(sides.approved.record, part, approved.inputs[input]);
    const after = lookupIn(sides.current.record, part, current.inputs[input]);
    return before === undefined || after === undefined ? undefined : { before, after };
  };
  const missing = (what: string): void => {
    unexplained.push(sides.approved.record === undefined
      ? `${what} changed, but the approved folder has no review record (manifest.review.json; made by factsheets ${sides.approved.toolVersion || 'of an older version'}), so the review cannot say how`
      : `${what} changed, but the review records do not hold both versions`);
  };

  if (differs('tool')) causes.push({ kind: 'tool', summary: `factsheets ${approved.inputs['tool'] ?? '?'} → ${current.inputs['tool'] ?? '?'}` });
  if (differs('source')) {
    const texts = lookup('source', (record) => record.sources);
    if (texts === undefined) missing(`the Markdown (${current.source})`);
    else {
      const diff = diffSource(current.source, texts.before, texts.after);
      const where = diff.changedLines.length > 0 ? `line ${lineRanges(diff.changedLines)}` : `removed line ${lineRanges(diff.removedLines)} of the approved text`;
      causes.push({ kind: 'source', file: current.source, diff, summary: `${current.source}: ${where} changed` });
    }
  }
  if (differs('dataset')) {
    const rows = lookup('dataset', (record) => record.rows);
    if (rows === undefined) missing('the dataset rows it uses');
    else {
      const changes = diffRows(rows.before, rows.after);
      causes.push({ kind: 'dataset', rows: changes, summary: `funding.csv: ${changes.map(describeRowChange).join('; ')}` });
    }
  }
  if (differs('templates')) {
    const files = lookup('templates', (record) => record.templates);
    if (files === undefined) missing('the templates');
    else {
      const changes = templateChanges(files.before, files.after);
      causes.push({ kind: 'templates', files: changes, summary: `templates: ${changes.map(({ file, change }) => `${file} ${change}`).join(', ')}` });
    }
  }
  if (differs('fonts')) causes.push({ kind: 'fonts', summary: 'the embedded brand fonts changed' });
  if (differs('options')) {
    const options = lookup('options', (record) => record.options);
    const describe = (value: { sourceDateEpoch: number | null; print: boolean }): string => `SOURCE_DATE_EPOCH=${value.sourceDateEpoch ?? 'unset'}`;
    causes.push({ kind: 'options', summary: options === undefined ? 'the build options changed' : `build options: ${describe(options.before)} → ${describe(options.after)}` });
  }
  if (differs('parts')) causes.push({ kind: 'parts', summary: 'the documents it is made of changed (see their pages)' });
  if (causes.length === 0 && unexplained.length === 0) {
    unexplained.push('no recorded input changed: the PDF differs for a reason the manifest does not record (another Chromium build?)');
  }
  return { causes, unexplained };
}

function lookupIn<T>(record: ReviewRecord | undefined, part: (record: ReviewRecord) => Readonly<Record<string, T>>, hash: string | undefined): T | undefined {
  if (record === undefined || hash === undefined) return undefined;
  const values = part(record);
  return Object.hasOwn(values, hash) ? values[hash] : undefined;
}

/** Template files by path whose content hash differs, and those only one side has. */
export function templateChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): TemplateFileChange[] {
  const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return files.flatMap((file): TemplateFileChange[] => {
    if (!Object.hasOwn(before, file)) return [{ file: templateFileName(file), change: 'added' }];
    if (!Object.hasOwn(after, file)) return [{ file: templateFileName(file), change: 'removed' }];
    return before[file] === after[file] ? [] : [{ file: templateFileName(file), change: 'changed' }];
  });
}

/** `styles/base` → `styles/base.css`: the names the templates folder has on disk. */
function templateFileName(key: string): string {
  if (key.startsWith('styles/')) return `${key}.css`;
  if (key.startsWith('layouts/') || key.startsWith('partials/')) return `${key}.hbs`;
  return key;
}
