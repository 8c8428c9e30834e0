import { appendUpdate, fromLatin1, latin1, objectBody, readTrailer } from './update.js';

/** What a PDF says about itself: its Info dictionary. */
export interface DocumentInfo {
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords: readonly string[];
  readonly creator: string;
}

/**
 * Sets the PDF's Info dictionary by an incremental update (a new Info object after
 * Chromium's), so tagging, outline and links stay exactly as printed and the same input gives
 * the same bytes. Dates are kept from the original Info (already made reproducible).
 */
export function setDocumentInfo(bytes: Uint8Array, info: DocumentInfo): Uint8Array {
  const text = latin1(bytes);
  const trailer = readTrailer(text);
  const previous = trailer.info === undefined ? '' : (objectBody(text, trailer.info) ?? '');
  const creationDate = /\/CreationDate (\([^)]*\))/.exec(previous)?.[1];
  const modDate = /\/ModDate (\([^)]*\))/.exec(previous)?.[1];
  return fromLatin1(appendUpdate(text, new Map([[trailer.size, infoDictionary(info, creationDate, modDate)]]), trailer.size));
}

/** The Info dictionary's text; dates are PDF date strings, parentheses included. */
export function infoDictionary(info: DocumentInfo, creationDate?: string, modDate?: string): string {
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
  return `<<${entries.join('\n')}>>`;
}

/** A PDF text string: UTF-16BE with a byte-order mark, in hex, so that any Unicode survives. */
function pdfString(value: string): string {
  const utf16 = Buffer.from(`\uFEFF${value}`, 'utf16le').swap16();
  return `<${utf16.toString('hex').toUpperCase()}>`;
}
