import { z } from 'zod';
import type { Manifest, ManifestEntry } from '../pipeline/manifest.js';
import { type BuildOptionsRecord, type DatasetRow, datasetRowSchema, type ReviewRecord } from './record.js';

/**
 * What the review reads from a build folder it did not write (the approved one may have been
 * downloaded, edited or planted), checked field by field. A manifest entry of the wrong shape
 * is left out with a warning; a record value of the wrong shape is as good as absent, so the
 * change it would explain is reported as unexplained. Never a bare JavaScript error.
 */
const entrySchema = z.object({
  output: z.string(),
  name: z.string(),
  kind: z.string(),
  source: z.string(),
  pages: z.number().int().nonnegative(),
  sha256: z.string(),
  inputs: z.record(z.string(), z.string()),
});

const RECORD_VALUES = {
  sources: z.string(),
  rows: z.array(datasetRowSchema),
  templates: z.record(z.string(), z.string()),
  options: z.object({ sourceDateEpoch: z.number().nullable(), print: z.boolean() }),
} as const;

/** The value types of a review record's parts, as the review uses them. */
interface RecordValues {
  readonly sources: string;
  readonly rows: readonly DatasetRow[];
  readonly templates: Readonly<Record<string, string>>;
  readonly options: BuildOptionsRecord;
}

/** A manifest with only the entries of the shape the review reads, and a warning per entry left out. */
export function checkedManifest(manifest: Manifest, file: string): { manifest: Manifest; warnings: string[] } {
  const warnings: string[] = [];
  const raw: unknown[] = Array.isArray(manifest.documents) ? manifest.documents : [];
  const documents = raw.filter((entry, index): entry is ManifestEntry => {
    const checked = entrySchema.safeParse(entry);
    if (!checked.success)
      warnings.push(
        `${file}: entry ${index + 1} is not of the shape a build writes (${firstIssue(checked.error)}): it is left out of the review`,
      );
    return checked.success;
  });
  const version = typeof manifest.tool?.version === 'string' ? manifest.tool.version : '';
  if (documents.length < raw.length || version !== manifest.tool?.version) {
    return { manifest: { tool: { name: 'factsheets', version }, documents }, warnings };
  }
  return { manifest, warnings };
}

/**
 * One value of a review record, by the hash the manifest holds, if it has the right shape; a
 * wrong one is reported once per file through `warn`.
 */
export function recordValue<Part extends keyof RecordValues>(
  record: ReviewRecord | undefined,
  part: Part,
  hash: string | undefined,
  warn: (why: string) => void,
): RecordValues[Part] | undefined {
  if (record === undefined || hash === undefined) return undefined;
  const values: unknown = record[part];
  if (typeof values !== 'object' || values === null || !Object.hasOwn(values, hash)) return undefined;
  const checked = RECORD_VALUES[part].safeParse((values as Record<string, unknown>)[hash]);
  if (checked.success) return checked.data as RecordValues[Part];
  warn(`its ${part} entry ${hash.slice(0, 12)} is not of the shape a build writes (${firstIssue(checked.error)})`);
  return undefined;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'wrong shape';
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}
