import { join } from 'node:path';
import { FactsheetsError } from '../errors.js';
import {
  ConfinedFileError,
  readConfinedFile,
  readConfinedText,
  type ConfinedFolder,
} from '../stages/confined-files.js';
import { readManifest, type Manifest, type ManifestEntry } from '../pipeline/manifest.js';
import { outputOfPath } from '../outputs/registry.js';
import { DEFAULT_DATASET, explainChange, type Cause, type DatasetContext, type ReviewSide } from './causes.js';
import { checkedManifest } from './read-back.js';
import { comparePdfPages, type PageChange } from './compare-pages.js';
import { KnownPages, shownByPack } from './known-pages.js';
import { readApprovedRecord, reviewRecordFile } from './record.js';
import { lineRanges } from './source-diff.js';

export type DocumentStatus = 'unchanged' | 'changed' | 'added' | 'removed';

/** One PDF of the review: what happened to it, on which pages, and why. */
export interface DocumentReview {
  readonly output: string;
  readonly name: string;
  readonly kind: string;
  readonly source: string;
  readonly status: DocumentStatus;
  readonly pages: { readonly approved: number | undefined; readonly current: number | undefined };
  /** Pages that look different (a changed PDF whose pages all look the same has none). */
  readonly changedPages: readonly PageChange[];
  readonly causes: readonly Cause[];
  /** What the records could not explain. */
  readonly unexplained: readonly string[];
  /** The reviewed build kept this PDF though it is out of date (its document failed, or a print edition was left alone): why. */
  readonly outOfDate?: string;
}

export interface ReviewResult {
  readonly against: string;
  readonly outDir: string;
  readonly tool: { readonly approved: string; readonly current: string };
  readonly summary: Readonly<Record<DocumentStatus, number>>;
  readonly documents: readonly DocumentReview[];
  /** Pages rendered to compare: only pages of changed PDFs whose content differs. */
  readonly pagesRendered: number;
  readonly seconds: number;
  /** What the review could not use from the folders (a damaged record or manifest entry), by file. */
  readonly warnings: readonly string[];
}

/**
 * Compares the build in `outDir` with the approved build in `against`. Unchanged PDFs are
 * known from their SHA-256 in the manifests and never opened; in a changed PDF, pages whose
 * content is identical are never rendered.
 */
export async function reviewBuild(
  against: string,
  outDir: string,
  now: () => number = () => performance.now(),
  dataset: DatasetContext = DEFAULT_DATASET,
): Promise<ReviewResult> {
  const started = now();
  const warnings = new Set<string>();
  const [approved, current] = (
    await Promise.all([requireManifest(against, 'approved'), requireManifest(outDir, 'reviewed')])
  ).map((manifest, index) => {
    const checked = checkedManifest(manifest, join(index === 0 ? against : outDir, 'manifest.json'));
    for (const warning of checked.warnings) warnings.add(warning);
    return checked.manifest;
  }) as [Manifest, Manifest];
  const sides = {
    approved: await sideOf(against, approved),
    current: await sideOf(outDir, current),
  };
  const approvedEntries = new Map(approved.documents.map((entry) => [entry.output, entry]));
  const currentEntries = new Map(current.documents.map((entry) => [entry.output, entry]));
  const outputs = [...new Set([...approvedEntries.keys(), ...currentEntries.keys()])].sort(packLast);
  const documents: DocumentReview[] = [];
  let pagesRendered = 0;
  const known = new KnownPages();
  for (const output of outputs) {
    const before = approvedEntries.get(output);
    const after = currentEntries.get(output);
    if (before !== undefined && after !== undefined && before.sha256 === after.sha256) {
      documents.push(described(after, 'unchanged', { approved: before.pages, current: after.pages }));
      continue;
    }
    if (before === undefined || after === undefined) {
      const entry = after ?? before;
      if (entry !== undefined)
        documents.push(
          described(entry, after === undefined ? 'removed' : 'added', {
            approved: before?.pages,
            current: after?.pages,
          }),
        );
      continue;
    }
    const [approvedBytes, currentBytes] = await Promise.all([
      readPdfFile(against, output, 'approved'),
      readPdfFile(outDir, output, 'reviewed'),
    ]);
    // The pack comes last: its pages are traced to the changed document pages they copy.
    const compared = await comparePdfPages(output, approvedBytes, currentBytes, known, (page) =>
      shownByPack(after.parts, page),
    );
    pagesRendered += compared.pagesRendered;
    known.add(output, compared.approved, compared.current, compared.changes);
    const explanation = explainChange(before, after, sides, dataset, (warning) => warnings.add(warning));
    const causes = madeOfOthers(output)
      ? packCauses(explanation.causes, compared.changes, documents)
      : explanation.causes;
    documents.push({
      ...described(after, 'changed', { approved: before.pages, current: after.pages }),
      changedPages: compared.changes,
      causes,
      unexplained: explanation.unexplained,
    });
  }
  const summary = { unchanged: 0, changed: 0, added: 0, removed: 0 };
  for (const document of documents) summary[document.status] += 1;
  return {
    against,
    outDir,
    tool: { approved: approved.tool.version, current: current.tool.version },
    summary,
    documents,
    pagesRendered,
    seconds: (now() - started) / 1000,
    warnings: [...warnings],
  };
}

/**
 * The pack changed because its documents did: it names the documents whose changed pages it
 * shows, and their causes (a changed row is named on the pack too).
 */
function packCauses(
  recorded: readonly Cause[],
  pages: readonly PageChange[],
  documents: readonly DocumentReview[],
): Cause[] {
  const shown = new Set(pages.flatMap((page) => (page.shows === undefined ? [] : [page.shows.output])));
  const parts = documents.filter(
    (document) => document.status !== 'unchanged' && (shown.has(document.output) || document.status !== 'changed'),
  );
  const causes = recorded.filter((cause) => cause.kind !== 'parts');
  if (parts.length > 0)
    causes.push({
      kind: 'parts',
      summary: `documents in it changed: ${parts.map((document) => `${document.output} (${document.status})`).join(', ')}`,
    });
  const ownPages = pages.filter((page) => page.ownDrawing === true).map((page) => page.page);
  if (ownPages.length > 0)
    causes.push({
      kind: 'own-drawing',
      summary: `its own page numbers changed on page${ownPages.length === 1 ? '' : 's'} ${lineRanges(ownPages)} (nothing else on those pages changed)`,
    });
  const seen = new Set(causes.map((cause) => cause.summary));
  for (const cause of parts.flatMap((document) => document.causes)) {
    if (!seen.has(cause.summary)) causes.push(cause);
    seen.add(cause.summary);
  }
  return causes;
}

function described(entry: ManifestEntry, status: DocumentStatus, pages: DocumentReview['pages']): DocumentReview {
  const outOfDate = status === 'removed' ? undefined : entry.outOfDate;
  return {
    output: entry.output,
    name: entry.name,
    kind: entry.kind,
    source: entry.source,
    status,
    pages,
    changedPages: [],
    causes: [],
    unexplained: [],
    ...(outOfDate === undefined ? {} : { outOfDate }),
  };
}

/** The pack after the documents, whose changed pages it shows again. */
function packLast(a: string, b: string): number {
  return Number(madeOfOthers(a)) - Number(madeOfOthers(b)) || a.localeCompare(b);
}

/** Whether an output's pages are copies of others' (the pack's): compared after them, explained by them. */
function madeOfOthers(output: string): boolean {
  return outputOfPath(output)?.madeOfOthers === true;
}

/** The approved build and the reviewed one, as folders nothing is read from through a link. */
function folderOf(dir: string, which: 'approved' | 'reviewed'): ConfinedFolder {
  return { root: dir, name: which === 'approved' ? 'the approved folder' : 'the output folder', stage: 'load' };
}

async function requireManifest(dir: string, which: 'approved' | 'reviewed'): Promise<Manifest> {
  // A link or a FIFO in its place is named as such (the manifest reader would take it for absent).
  await readConfinedText(folderOf(dir, which), 'manifest.json');
  const manifest = await readManifest(dir);
  if (manifest !== undefined) return manifest;
  throw new FactsheetsError(`the ${which} folder has no readable manifest.json`, {
    stage: 'load',
    file: join(dir, 'manifest.json'),
    hint:
      which === 'approved'
        ? 'Point --against at the output folder of an approved build (its PDFs and manifest.json).'
        : 'Build it first (factsheets build --out DIR).',
  });
}

async function sideOf(dir: string, manifest: Manifest): Promise<ReviewSide> {
  return {
    toolVersion: manifest.tool.version,
    record: await readApprovedRecord(dir),
    recordFile: join(dir, reviewRecordFile('manifest.json')),
  };
}

async function readPdfFile(dir: string, output: string, which: 'approved' | 'reviewed'): Promise<Uint8Array> {
  const path = join(dir, output);
  try {
    return await readConfinedFile(folderOf(dir, which), output);
  } catch (error) {
    if (!(error instanceof ConfinedFileError) || (error.kind !== 'missing' && error.kind !== 'unreadable')) throw error;
    throw new FactsheetsError(
      `cannot read ${path}: the manifest lists it, but ${error.kind === 'missing' ? 'it is missing' : 'it cannot be read'}`,
      {
        stage: 'load',
        file: path,
        hint: 'Keep the PDFs and manifest.json of a build together (copy or download the whole output folder).',
      },
    );
  }
}
