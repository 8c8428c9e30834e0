import { FactsheetsError } from '../errors.js';

/** What a PDF says about itself: its Info dictionary. */
export interface DocumentInfo {
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords: readonly string[];
  readonly creator: string;
}

/**
 * Sets the PDF's Info dictionary by an incremental update: a new Info object, its own xref
 * section and a trailer pointing back to Chromium's (`/Prev`) are appended. Nothing before
 * them changes, so tagging, outline and links stay exactly as printed, and the same input
 * gives the same bytes. Dates are kept from the original Info (already made reproducible).
 */
export function setDocumentInfo(bytes: Uint8Array, info: DocumentInfo): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(text);
  const size = Number(/\/Size (\d+)/.exec(trailer?.[1] ?? '')?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer?.[1] ?? '')?.[1];
  const oldInfo = /\/Info (\d+) \d+ R/.exec(trailer?.[1] ?? '')?.[1];
  if (trailer === null || !Number.isInteger(size) || root === undefined) {
    throw new FactsheetsError('the printed PDF has no cross-reference trailer, so its metadata cannot be set', { stage: 'finish' });
  }
  const dates = oldInfo === undefined ? '' : (new RegExp(`\\n${oldInfo} 0 obj\\s*<<[\\s\\S]*?>>`).exec(text)?.[0] ?? '');
  const creationDate = /\/CreationDate (\([^)]*\))/.exec(dates)?.[1];
  const modDate = /\/ModDate (\([^)]*\))/.exec(dates)?.[1];

  const entries = [
    `/Title ${pdfString(info.title)}`,
    ...(info.author === undefined ? [] : [`/Author ${pdfString(info.author)}`]),
    ...(info.subject === undefined ? [] : [`/Subject ${pdfString(info.subject)}`]),
    ...(info.keywords.length === 0 ? [] : [`/Keywords ${pdfString(info.keywords.join(', '))}`]),
    `/Creator ${pdfString(info.creator)}`,
    `/Producer ${pdfString('Chromium (Skia/PDF) via factsheets')}`,
    ...(creationDate === undefined ? [] : [`/CreationDate ${creationDate}`]),
    ...(modDate === undefined ? [] : [`/ModDate ${modDate}`]),
  ];
  const start = text.endsWith('\n') ? text : `${text}\n`;
  const objectOffset = Buffer.byteLength(start, 'latin1');
  const object = `${size} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
  const update =
    object +
    `xref\n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${size + 1}\n/Root ${root}\n/Info ${size} 0 R\n/Prev ${trailer[2]}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(start + update, 'latin1'));
}

/** A PDF text string: UTF-16BE with a byte-order mark, in hex, so that any Unicode survives. */
function pdfString(value: string): string {
  const utf16 = Buffer.from(`\uFEFF${value}`, 'utf16le').swap16();
  return `<${utf16.toString('hex').toUpperCase()}>`;
}
