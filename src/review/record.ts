import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FundingRecord } from '../types.js';
import type { Manifest, ManifestEntry } from '../build/manifest.js';
import { writeOutput } from '../stages/write.js';
import { readConfinedText } from '../stages/confined-files.js';

/** One dataset row as a document used it (its CSV line is left out: moving a row changes nothing). */
export type DatasetRow = Omit<FundingRecord, 'line'>;

/** The build options that change a PDF's bytes. */
export interface BuildOptionsRecord {
  readonly sourceDateEpoch: number | null;
  readonly print: boolean;
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

const RECORD_PARTS = ['sources', 'rows', 'templates', 'options'] as const;
type RecordPart = (typeof RECORD_PARTS)[number];

/** The manifest input hash each part of the record is keyed by. */
const INPUT_OF: Readonly<Record<RecordPart, string>> = { sources: 'source', rows: 'dataset', templates: 'templates', options: 'options' };

/** `manifest.json` → `manifest.review.json`; a shard's manifest gets its own record the same way. */
export function reviewRecordFile(manifestFile: string): string {
  return manifestFile.replace(/\.json$/, '.review.json');
}

const SHARD_RECORD = /^manifest\.shard-\d+-of-\d+\.review\.json$/;

/** The review record in a folder, or undefined when there is none (a folder made by an older version). */
export async function readReviewRecord(dir: string, manifestFile = 'manifest.json'): Promise<ReviewRecord | undefined> {
  try {
    const text = await readConfinedText({ root: dir, name: 'the output folder', stage: 'load' }, reviewRecordFile(manifestFile));
    if (text === undefined) return undefined;
    const parsed = JSON.parse(text) as Partial<ReviewRecord>;
    if (parsed.format !== 1 || RECORD_PARTS.some((part) => typeof parsed[part] !== 'object' || parsed[part] === null)) return undefined;
    return parsed as ReviewRecord;
  } catch {
    return undefined;
  }
}

/**
 * Writes the review record beside the manifest: this build's inputs, plus what the previous
 * records (the folder's own and its shards') held for the outputs the manifest still lists.
 * A full build folds the shards' records in and removes them, as it does their manifests.
 */
export async function writeReviewRecord(outDir: string, manifestFile: string, manifest: Manifest, fresh: readonly ManifestEntry[]): Promise<void> {
  const shardFiles = manifestFile === 'manifest.json' ? (await readdir(outDir)).filter((name) => SHARD_RECORD.test(name)).sort() : [];
  const previous = await Promise.all([reviewRecordFile(manifestFile), ...shardFiles].map((file) => readReviewRecordFile(join(outDir, file))));
  const record = buildReviewRecord(manifest.documents, fresh, previous.filter((part): part is ReviewRecord => part !== undefined));
  await writeOutput(outDir, reviewRecordFile(manifestFile), new TextEncoder().encode(`${JSON.stringify(record)}\n`));
  for (const name of shardFiles) await rm(join(outDir, name), { force: true });
}

async function readReviewRecordFile(path: string): Promise<ReviewRecord | undefined> {
  const slash = path.lastIndexOf('/');
  const file = path.slice(slash + 1).replace(/\.review\.json$/, '.json');
  return readReviewRecord(path.slice(0, slash), file);
}

/** Only what the manifest's documents refer to is kept: the record does not grow with every edit. */
export function buildReviewRecord(documents: readonly ManifestEntry[], fresh: readonly ManifestEntry[], previous: readonly ReviewRecord[]): ReviewRecord {
  const withInputs = fresh.flatMap((entry) => (entry.reviewInputs === undefined ? [] : [{ entry, inputs: entry.reviewInputs }]));
  const part = <T>(name: RecordPart, valueOf: (inputs: ReviewInputs) => T, stored: (record: ReviewRecord) => Readonly<Record<string, T>>): Record<string, T> => {
    const pool = new Map<string, T>();
    for (const record of previous) for (const [hash, value] of Object.entries(stored(record))) pool.set(hash, value);
    for (const { entry, inputs } of withInputs) {
      const hash = entry.inputs[INPUT_OF[name]];
      if (hash !== undefined) pool.set(hash, valueOf(inputs));
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
    sources: part('sources', (inputs) => inputs.source, (record) => record.sources),
    rows: part('rows', (inputs) => inputs.rows, (record) => record.rows),
    templates: part('templates', (inputs) => inputs.templateFiles, (record) => record.templates),
    options: part('options', (inputs) => inputs.options, (record) => record.options),
  };
}
