import { readdir, rm } from 'node:fs/promises';
import { z } from 'zod';
import { join } from 'node:path';
import type { BuildWarning, FundingRecord } from '../model/documents.js';
import { displayPathOf, readBack } from '../pipeline/manifest-schema.js';
import { writeOutput } from '../stages/write.js';

/** One dataset row as a document used it (its CSV line is left out: moving a row changes nothing). */
export type DatasetRow = Omit<FundingRecord, 'line'>;

/** The build options that change a PDF's bytes. */
export interface BuildOptionsRecord {
  readonly sourceDateEpoch: number | null;
  readonly print: boolean;
}

/** What the record reads of a manifest entry: its input hashes and, for an entry this build made, what they stand for. */
export interface RecordedEntry {
  readonly inputs: Readonly<Record<string, string>>;
  readonly reviewInputs?: ReviewInputs;
}

/** What a review needs to say why an output changed: the inputs behind its manifest hashes. */
export interface ReviewInputs {
  readonly source: string;
  readonly rows: readonly DatasetRow[];
  /** Template file path (`styles/base`, `partials/quote`) → SHA-256 of its content. */
  readonly templateFiles: Readonly<Record<string, string>>;
  readonly options: BuildOptionsRecord;
}

/**
 * The review record (`manifest.review.json`): the inputs, keyed by the hashes the manifest
 * already holds (`inputs.source`, `inputs.dataset`, …). Documents that share rows or
 * templates share one copy, and the manifest itself stays small for every build to read.
 */
export interface ReviewRecord {
  readonly format: 1;
  readonly sources: Readonly<Record<string, string>>;
  readonly rows: Readonly<Record<string, readonly DatasetRow[]>>;
  readonly templates: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly options: Readonly<Record<string, BuildOptionsRecord>>;
}

type RecordPart = 'sources' | 'rows' | 'templates' | 'options';

/** The manifest input hash each part of the record is keyed by. */
const INPUT_OF: Readonly<Record<RecordPart, string>> = {
  sources: 'source',
  rows: 'dataset',
  templates: 'templates',
  options: 'options',
};

/** `manifest.json` → `manifest.review.json`; a shard's manifest gets its own record the same way. */
export function reviewRecordFile(manifestFile: string): string {
  return manifestFile.replace(/\.json$/, '.review.json');
}

const SHARD_RECORD = /^manifest\.shard-\d+-of-\d+\.review\.json$/;

/** A dataset row as a review record keeps it (read back by read-back.ts too). */
export const datasetRowSchema = z.object({
  country: z.string(),
  instrument: z.string(),
  programme: z.string().optional(),
  sector: z.string().optional(),
  year: z.number(),
  amountEur: z.number(),
  status: z.enum(['committed', 'contracted', 'paid']),
  source: z.string().optional(),
});

/** What a review record must look like to be used (see readBack): one that does not is treated as absent. */
const reviewRecordSchema = z.object({
  format: z.literal(1),
  sources: z.record(z.string(), z.string()),
  rows: z.record(z.string(), z.array(datasetRowSchema)),
  templates: z.record(z.string(), z.record(z.string(), z.string())),
  options: z.record(z.string(), z.object({ sourceDateEpoch: z.number().nullable(), print: z.boolean() })),
});

/**
 * The review record in a folder, or undefined when there is none (a folder made by an older
 * version) or it is not as a build writes it; then `onWarning` is told, once, naming the file.
 */
export async function readReviewRecord(
  dir: string,
  manifestFile = 'manifest.json',
  onWarning?: (warning: BuildWarning) => void,
): Promise<ReviewRecord | undefined> {
  const path = join(dir, reviewRecordFile(manifestFile));
  const read = await readBack<ReviewRecord>(
    path,
    displayPathOf(path),
    reviewRecordSchema,
    'the outputs it described are made again',
  );
  if (read.kind === 'invalid') onWarning?.(read.warning);
  return read.kind === 'valid' ? read.value : undefined;
}

/**
 * What the review needs of an approved folder's record: only its parts as tables. Their values
 * are checked one by one where they are used (review/read-back.ts), so that one damaged value
 * makes only the change it would explain unexplained, with a warning naming the file.
 */
const approvedRecordSchema = z.object({
  format: z.literal(1),
  sources: z.record(z.string(), z.unknown()),
  rows: z.record(z.string(), z.unknown()),
  templates: z.record(z.string(), z.unknown()),
  options: z.record(z.string(), z.unknown()),
});

/** The review record of an approved build's folder (see approvedRecordSchema), or undefined. */
export async function readApprovedRecord(
  dir: string,
  onWarning?: (warning: BuildWarning) => void,
): Promise<ReviewRecord | undefined> {
  const path = join(dir, reviewRecordFile('manifest.json'));
  const read = await readBack<ReviewRecord>(
    path,
    displayPathOf(path),
    approvedRecordSchema,
    'no change is explained by it',
  );
  if (read.kind === 'invalid') onWarning?.(read.warning);
  return read.kind === 'valid' ? read.value : undefined;
}

/**
 * Writes the review record beside the manifest: this build's inputs, plus what the previous
 * records (the folder's own and its shards') held for the outputs the manifest still lists.
 * A full build folds the shards' records in and removes them, as it does their manifests.
 */
export async function writeReviewRecord(
  outDir: string,
  manifestFile: string,
  documents: readonly RecordedEntry[],
  fresh: readonly RecordedEntry[],
): Promise<void> {
  const shardFiles =
    manifestFile === 'manifest.json' ? (await readdir(outDir)).filter((name) => SHARD_RECORD.test(name)).sort() : [];
  // A record that is not as it should be was reported when the build started (see checkReviewRecord).
  const previous = await Promise.all(
    [reviewRecordFile(manifestFile), ...shardFiles].map((file) => readReviewRecordFile(join(outDir, file))),
  );
  const record = buildReviewRecord(
    documents,
    fresh,
    previous.filter((part): part is ReviewRecord => part !== undefined),
  );
  await writeOutput(outDir, reviewRecordFile(manifestFile), new TextEncoder().encode(`${JSON.stringify(record)}\n`));
  for (const name of shardFiles) await rm(join(outDir, name), { force: true });
}

async function readReviewRecordFile(path: string): Promise<ReviewRecord | undefined> {
  const slash = path.lastIndexOf('/');
  const file = path.slice(slash + 1).replace(/\.review\.json$/, '.json');
  return readReviewRecord(path.slice(0, slash), file);
}

/** Only what the manifest's documents refer to is kept: the record does not grow with every edit. */
export function buildReviewRecord(
  documents: readonly RecordedEntry[],
  fresh: readonly RecordedEntry[],
  previous: readonly ReviewRecord[],
): ReviewRecord {
  const withInputs = fresh.flatMap((entry) =>
    entry.reviewInputs === undefined ? [] : [{ entry, inputs: entry.reviewInputs }],
  );
  const part = <T>(
    name: RecordPart,
    valueFrom: (inputs: ReviewInputs) => T,
    stored: (record: ReviewRecord) => Readonly<Record<string, T>>,
  ): Record<string, T> => {
    const pool = new Map<string, T>();
    for (const record of previous) for (const [hash, value] of Object.entries(stored(record))) pool.set(hash, value);
    for (const { entry, inputs } of withInputs) {
      const hash = entry.inputs[INPUT_OF[name]];
      if (hash !== undefined) pool.set(hash, valueFrom(inputs));
    }
    const kept: Record<string, T> = {};
    for (const entry of documents) {
      const hash = entry.inputs[INPUT_OF[name]];
      const value = hash === undefined ? undefined : pool.get(hash);
      if (hash !== undefined && value !== undefined) kept[hash] = value;
    }
    return kept;
  };
  return {
    format: 1,
    sources: part(
      'sources',
      (inputs) => inputs.source,
      (record) => record.sources,
    ),
    rows: part(
      'rows',
      (inputs) => inputs.rows,
      (record) => record.rows,
    ),
    templates: part(
      'templates',
      (inputs) => inputs.templateFiles,
      (record) => record.templates,
    ),
    options: part(
      'options',
      (inputs) => inputs.options,
      (record) => record.options,
    ),
  };
}
