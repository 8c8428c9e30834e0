import type { ManifestEntry } from '../pipeline/manifest.js';
import { diffRows, describeRowChange, type RowChange } from './rows-diff.js';
import type { DatasetRow } from './record.js';
import { diffSource, lineRanges, type SourceDiff } from './source-diff.js';
import type { ReviewRecord } from './record.js';
import { recordValue } from './read-back.js';

/** One reason an output changed, read from the two builds' manifests and review records. */
export type Cause =
  | {
      readonly kind: 'dataset';
      readonly summary: string;
      readonly file: string;
      readonly rows: readonly RowChange[];
      readonly described: readonly string[];
    }
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
  /** The record's path, to name it in a warning. */
  readonly recordFile: string;
}

/** What the project says about its dataset: its file as the user knows it, and its currency. */
export interface DatasetContext {
  readonly file: string;
  readonly currency: string;
  /** Where a row of this build's dataset is, as messages name it (`funding.csv:12`, `Funding!12:12`). */
  readonly positionOf?: (row: DatasetRow) => string | undefined;
}

export const DEFAULT_DATASET: DatasetContext = { file: 'funding.csv', currency: 'EUR' };

/**
 * Why one output differs between the approved build and this one, input by input: each
 * manifest hash that differs is explained from the review records where both have it.
 */
export function explainChange(
  approved: ManifestEntry,
  current: ManifestEntry,
  sides: { approved: ReviewSide; current: ReviewSide },
  dataset: DatasetContext = DEFAULT_DATASET,
  warn: (message: string) => void = () => undefined,
): Explanation {
  const causes: Cause[] = [];
  const unexplained: string[] = [];
  const differs = (input: string): boolean => approved.inputs[input] !== current.inputs[input];
  const lookup = <Part extends 'sources' | 'rows' | 'templates' | 'options'>(input: string, part: Part) => {
    const warnFor =
      (side: ReviewSide) =>
      (why: string): void =>
        warn(`${side.recordFile}: ${why}; the change it would explain is reported as unexplained`);
    const before = recordValue(sides.approved.record, part, approved.inputs[input], warnFor(sides.approved));
    const after = recordValue(sides.current.record, part, current.inputs[input], warnFor(sides.current));
    return before === undefined || after === undefined ? undefined : { before, after };
  };
  const missing = (what: string): void => {
    unexplained.push(
      sides.approved.record === undefined
        ? `${what} changed, but the approved folder has no review record (manifest.review.json; made by factsheets ${sides.approved.toolVersion || 'of an older version'}), so the review cannot say how`
        : `${what} changed, but the review records do not hold both versions`,
    );
  };

  if (differs('tool'))
    causes.push({
      kind: 'tool',
      summary: `factsheets ${approved.inputs['tool'] ?? '?'} → ${current.inputs['tool'] ?? '?'}`,
    });
  if (differs('source')) {
    const texts = lookup('source', 'sources');
    if (texts === undefined) missing(`the Markdown (${current.source})`);
    else {
      const diff = diffSource(current.source, texts.before, texts.after);
      const where =
        diff.changedLines.length > 0
          ? `line ${lineRanges(diff.changedLines)}`
          : `removed line ${lineRanges(diff.removedLines)} of the approved text`;
      causes.push({ kind: 'source', file: current.source, diff, summary: `${current.source}: ${where} changed` });
    }
  }
  if (differs('dataset')) {
    const rows = lookup('dataset', 'rows');
    if (rows === undefined) missing('the dataset rows it uses');
    else {
      const changes = diffRows(rows.before, rows.after);
      const described = changes.map((change) => describeRowChange(change, dataset.currency, dataset.positionOf));
      const summary = `${dataset.file}: ${described.join('; ') || 'the rows are the same, in another order'}`;
      causes.push({ kind: 'dataset', file: dataset.file, rows: changes, described, summary });
    }
  }
  if (differs('templates')) {
    const files = lookup('templates', 'templates');
    if (files === undefined) missing('the templates');
    else {
      const changes = templateChanges(files.before, files.after);
      causes.push({
        kind: 'templates',
        files: changes,
        summary: `templates: ${changes.map(({ file, change }) => `${file} ${change}`).join(', ')}`,
      });
    }
  }
  if (differs('fonts')) causes.push({ kind: 'fonts', summary: 'the embedded brand fonts changed' });
  if (differs('options')) {
    const options = lookup('options', 'options');
    const describe = (value: { sourceDateEpoch: number | null; print: boolean }): string =>
      `SOURCE_DATE_EPOCH=${value.sourceDateEpoch ?? 'unset'}`;
    causes.push({
      kind: 'options',
      summary:
        options === undefined
          ? 'the build options changed'
          : `build options: ${describe(options.before)} → ${describe(options.after)}`,
    });
  }
  if (differs('parts'))
    causes.push({ kind: 'parts', summary: 'the documents it is made of changed (see their pages)' });
  if (causes.length === 0 && unexplained.length === 0) {
    unexplained.push(
      'no recorded input changed: the PDF differs for a reason the manifest does not record (another Chromium build?)',
    );
  }
  return { causes, unexplained };
}

/** Template files by path whose content hash differs, and those only one side has. */
export function templateChanges(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): TemplateFileChange[] {
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
