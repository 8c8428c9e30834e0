/**
 * How big an input may be. Content is untrusted: each limit is checked before the work it
 * protects starts, and a file past one fails alone with an error naming the file and the
 * limit. The defaults are far above any real factsheet; BuildOptions can raise or lower them.
 */
export interface Limits {
  /** Bytes of one Markdown file (front matter and prose). */
  readonly markdownBytes: number;
  /** Characters of one front-matter text value (a title, a summary, a quote). */
  readonly frontMatterValueChars: number;
  /** Bytes of `funding.csv`. */
  readonly datasetBytes: number;
  /** Rows of `funding.csv`, header excluded. */
  readonly datasetRows: number;
  /** Characters of one cell of `funding.csv` (a programme title, a source). */
  readonly datasetCellChars: number;
  /** Bytes of one image embedded from the content folder. */
  readonly imageBytes: number;
  /** Pixels (width × height, as decoded) of one raster image. */
  readonly imagePixels: number;
  /** Bytes of all images embedded in one document, each reference counted (a page carries a copy per reference). */
  readonly documentImageBytes: number;
  /** Characters of a document name (the file name without `.md`). */
  readonly documentNameChars: number;
  /** Files inside `funding.xlsx` (a workbook is a ZIP archive: sheets, styles, relationships). */
  readonly workbookEntries: number;
  /** Bytes `funding.xlsx` unpacks to, all its files together. */
  readonly workbookBytes: number;
  /** Cells of `funding.xlsx`, every sheet counted (hidden ones too: all are loaded). */
  readonly workbookCells: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  markdownBytes: 1024 * 1024,
  frontMatterValueChars: 10_000,
  datasetBytes: 100 * 1024 * 1024,
  datasetRows: 1_000_000,
  datasetCellChars: 2_000,
  imageBytes: 20 * 1024 * 1024,
  imagePixels: 50_000_000,
  documentImageBytes: 50 * 1024 * 1024,
  documentNameChars: 100,
  workbookEntries: 1_000,
  workbookBytes: 256 * 1024 * 1024,
  workbookCells: 2_000_000,
});

/** The defaults with any given limits in their place. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return Object.freeze({
    ...DEFAULT_LIMITS,
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  });
}

/** `1 MB`, `20 MB`, `512 KB`: a byte limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
