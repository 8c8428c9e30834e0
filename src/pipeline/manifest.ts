import { checkTemplateFiles } from '../stages/validate/template-files.js';
import { OncePerBuild } from '../once-per-build.js';
import { messageFileFor } from '../messages/files.js';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { access, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedTemplates } from '../model/sources.js';
import { layoutSheets } from '../stages/layout-sheets.js';
import type { BuildWarning, Dataset, FitRecord, FundingRecord, RenderJob } from '../model/documents.js';
import { displayPathOf, manifestSchema, readBack } from './manifest-schema.js';
import { writeOutput } from '../stages/write.js';
import { confinedOutputPath } from '../outputs/paths.js';
import type { ReviewInputs } from '../review/record.js';

/** One PDF in `manifest.json`: what it is, what it was made from, and how long it took. */
export interface ManifestEntry {
  readonly output: string;
  readonly name: string;
  readonly kind: string;
  readonly source: string;
  readonly pages: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly fonts: readonly string[];
  readonly inputs: Readonly<Record<string, string>>;
  /** The image files its page asked for, found or not, relative to the content folder (their state is in `inputs.images`). */
  readonly images?: readonly string[];
  readonly renderMs: number;
  /** A one-pager's fit step and the room it left (its space budget). */
  readonly fit?: FitRecord;
  /** A document's dataset rows: how many its figures are made from. */
  readonly rows?: number;
  /** Set when the PDF is kept but out of date (its document failed, or a print edition was left alone): why. */
  readonly outOfDate?: string;
  /** The briefing pack's documents in pack order, and which of its pages each one's are: how a review traces a pack page to the document page it shows. */
  readonly parts?: readonly PackPart[];
  /** What `factsheets review` explains changes with; written to the review record beside the manifest, never into it. */
  readonly reviewInputs?: ReviewInputs;
}

/** A document in the briefing pack: its PDF, and its pages as the pack's `firstPage` onwards. */
export interface PackPart {
  readonly output: string;
  readonly firstPage: number;
  readonly pages: number;
}

export interface Manifest {
  readonly tool: { readonly name: string; readonly version: string };
  readonly documents: readonly ManifestEntry[];
}

export const MANIFEST_FILE = 'manifest.json';

export function sha256(data: string | Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  if (typeof data === 'string' || data instanceof Uint8Array) hash.update(data);
  else for (const piece of data) hash.update(piece);
  return hash.digest('hex');
}

/** A hash over named parts, independent of the order they are given in. */
export function hashParts(parts: Iterable<readonly [string, string | Uint8Array]>): string {
  const hash = createHash('sha256');
  for (const [name, data] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${name}\0${typeof data === 'string' ? data.length : data.byteLength}\0`).update(data);
  }
  return hash.digest('hex');
}

const templateHashes = new OncePerBuild<LoadedTemplates, string>();

/**
 * The layout, the partials it reaches, the style sheets it gets (see layoutSheets) and every asset: what a change to
 * re-render on. Computed once per layout for a build's templates (every job asks for it).
 */
export function templatesHash(layout: string, templates: LoadedTemplates, lang: string): string {
  return templateHashes.get(templates, `${layout}\0${lang}`, () => hashParts(templateParts(layout, templates, lang)));
}

/**
 * The template files a layout's documents are made with, by path in the templates folder:
 * of the message files, only the edition's language's (a French edit leaves English pages be).
 */
function templateParts(
  layout: string,
  templates: LoadedTemplates,
  lang: string,
): (readonly [string, string | Uint8Array])[] {
  // The sheets it names, or by default the shared ones and its own (stages/layout-sheets.ts).
  const sharedStyles = layoutSheets(layout, templates).sheets;
  const messages = messageFileFor(lang, templates);
  const reached = checkTemplateFiles(templates).reached.get(layout);
  return [
    ...(messages === undefined ? [] : [[`messages/${messages.name}`, messages.file.text] as const]),
    ...[...templates.layouts]
      .filter(([name]) => name === layout)
      .map(([name, file]) => [`layouts/${name}`, file.text] as const),
    // Only the partials it can reach: an edit to another layout's partial leaves its pages be.
    ...[...templates.partials]
      .filter(([name]) => reached?.has(name) ?? true)
      .map(([name, file]) => [`partials/${name}`, file.text] as const),
    ...sharedStyles.map(([name, file]) => [`styles/${name}`, file.text] as const),
    ...[...templates.assets].map(([name, asset]) => [`assets/${name}`, asset.bytes] as const),
  ];
}

const templateFileHashCache = new OncePerBuild<LoadedTemplates, Readonly<Record<string, string>>>();

/** Each template file of a layout, hashed on its own: which ones changed, for a review. Once per layout and build. */
export function templateFileHashes(
  layout: string,
  templates: LoadedTemplates,
  lang: string,
): Readonly<Record<string, string>> {
  return templateFileHashCache.get(templates, `${layout}\0${lang}`, () =>
    Object.fromEntries(templateParts(layout, templates, lang).map(([name, data]) => [name, sha256(data)])),
  );
}

/** The dataset rows a document's figures come from (all rows of the countries it shows). */
export function datasetRowsHash(job: RenderJob, dataset: Dataset): string {
  return sha256(JSON.stringify(documentRows(job, dataset)));
}

/** A document's dataset rows, in dataset order and without their line numbers (moving a row elsewhere changes nothing). */
export function documentRows(job: RenderJob, dataset: Dataset): Omit<FundingRecord, 'line'>[] {
  const meta = job.document.meta;
  const countries = new Set(meta.kind === 'one-pager' ? [meta.iso] : meta.countries);
  // Records by country, once per dataset: a build hashes every document's rows.
  let byCountry = recordsByCountry.get(dataset);
  if (byCountry === undefined) {
    byCountry = new Map();
    dataset.records.forEach((record, index) => {
      const list = byCountry?.get(record.country) ?? [];
      list.push(index);
      byCountry?.set(record.country, list);
    });
    recordsByCountry.set(dataset, byCountry);
  }
  // The rows in dataset order, as filtering the records would give them.
  const indexes = [...countries].flatMap((country) => byCountry?.get(country) ?? []).sort((a, b) => a - b);
  return indexes
    .map((index) => dataset.records[index])
    .filter((record): record is FundingRecord => record !== undefined)
    .map(({ line: _line, ...row }: FundingRecord) => row);
}

const recordsByCountry = new WeakMap<Dataset, Map<string, number[]>>();

/** Shard builds record what they made here, for the full build that later gathers their outputs. */
const SHARD_MANIFEST = /^manifest\.shard-\d+-of-\d+\.json$/;

/**
 * Reads the previous manifest, or none if it is missing. One that cannot be read or is not as
 * a build writes it (see manifestSchema) is treated as missing, with one warning naming it:
 * every output is then made again. With `mergeShards`, the manifests of shard builds in the
 * folder are merged in, so that a full build after a CI matrix knows what the shards printed.
 */
export async function readManifest(
  outDir: string,
  options: { mergeShards?: boolean; onWarning?: (warning: BuildWarning) => void } = {},
): Promise<Manifest | undefined> {
  const read = (name: string) => readManifestFile(join(outDir, name), options.onWarning);
  const main = await read(MANIFEST_FILE);
  if (options.mergeShards !== true) return main;
  const shards = (await readdir(outDir).catch(() => [] as string[])).filter((name) => SHARD_MANIFEST.test(name)).sort();
  const parts = (await Promise.all(shards.map(read))).filter((part): part is Manifest => part !== undefined);
  if (parts.length === 0) return main;
  const byOutput = new Map((main?.documents ?? []).map((entry) => [entry.output, entry]));
  for (const part of parts) for (const entry of part.documents) byOutput.set(entry.output, entry);
  return {
    tool: main?.tool ?? parts[0]?.tool ?? { name: 'factsheets', version: '' },
    documents: [...byOutput.values()],
  };
}

async function readManifestFile(
  path: string,
  onWarning: ((warning: BuildWarning) => void) | undefined,
): Promise<Manifest | undefined> {
  const read = await readBack<Manifest>(path, displayPathOf(path), manifestSchema, 'every output is made again');
  if (read.kind === 'invalid') onWarning?.(read.warning);
  return read.kind === 'valid' ? read.value : undefined;
}

/**
 * The new manifest: entries of this build replace the previous ones for the same output;
 * previous entries are kept for PDFs this build did not touch (other `--only` names, or a
 * document that failed and so kept its previous PDF), if that PDF still exists.
 */
export function mergeManifest(
  previous: Manifest | undefined,
  fresh: readonly ManifestEntry[],
  stillThere: ReadonlySet<string>,
  tool: Manifest['tool'],
  marks: ReadonlyMap<string, string | undefined> = new Map(),
): Manifest {
  const byOutput = new Map<string, ManifestEntry>();
  for (const entry of previous?.documents ?? [])
    if (stillThere.has(entry.output)) byOutput.set(entry.output, marked(entry, marks));
  for (const { reviewInputs: _kept, ...entry } of fresh) byOutput.set(entry.output, entry);
  return { tool, documents: [...byOutput.values()].sort((a, b) => a.output.localeCompare(b.output)) };
}

/** A kept entry with this build's verdict on it: out of date and why, or current (no mark); no verdict keeps its mark. */
function marked(entry: ManifestEntry, marks: ReadonlyMap<string, string | undefined>): ManifestEntry {
  if (!marks.has(entry.output)) return entry;
  const { outOfDate: _old, ...rest } = entry;
  const reason = marks.get(entry.output);
  return reason === undefined ? rest : { ...rest, outOfDate: reason };
}

/**
 * Merges this build's entries into the previous manifest and writes it atomically, as
 * manifest.json or, for a shard, its own file. A full build folds shard manifests in and removes them.
 * Returns the manifest written.
 */
export async function updateManifest(
  outDir: string,
  previous: Manifest | undefined,
  fresh: readonly ManifestEntry[],
  tool: Manifest['tool'],
  file = MANIFEST_FILE,
  marks: ReadonlyMap<string, string | undefined> = new Map(),
): Promise<Manifest> {
  const stillThere = new Set<string>();
  for (const entry of previous?.documents ?? []) {
    // A path that is not one of the output folder's PDFs is not looked at, and so dropped.
    const path = confinedOutputPath(outDir, entry.output, join(outDir, MANIFEST_FILE));
    if (
      typeof path === 'string' &&
      (await access(path).then(
        () => true,
        () => false,
      ))
    )
      stillThere.add(entry.output);
  }
  const manifest = mergeManifest(previous, fresh, stillThere, tool, marks);
  await writeOutput(outDir, file, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  if (file === MANIFEST_FILE) {
    for (const name of (await readdir(outDir)).filter((entry) => SHARD_MANIFEST.test(entry)))
      await rm(join(outDir, name), { force: true });
  }
  return manifest;
}

/** Whether the output folder has a manifest, i.e. a previous build to compare with. */
export function hasManifest(outDir: string): boolean {
  return existsSync(join(outDir, MANIFEST_FILE));
}
