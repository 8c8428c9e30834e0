import { appendUpdate, fromLatin1, latin1, readPrinted } from './update.js';
import { encodeTextString } from './strings.js';
import type { DocumentInfo } from '../model/documents.js';

/**
 * Sets the PDF's Info dictionary by an incremental update (a new Info object after
 * Chromium's), so tagging, outline and links stay exactly as printed and the same input gives
 * the same bytes. Dates are kept from the original Info (already made reproducible).
 */
export function setDocumentInfo(bytes: Uint8Array, info: DocumentInfo): Uint8Array {
  const pdf = readPrinted(latin1(bytes));
  const { trailer } = pdf;
  const previous = trailer.info === undefined ? '' : (pdf.body(trailer.info) ?? '');
  const creationDate = /\/CreationDate (\([^)]*\))/.exec(previous)?.[1];
  const modDate = /\/ModDate (\([^)]*\))/.exec(previous)?.[1];
  return fromLatin1(
    appendUpdate(
      pdf.text,
      new Map([[trailer.size, infoDictionary(info, creationDate, modDate)]]),
      trailer.size,
      trailer,
    ),
  );
}

/** The Info dictionary's text; dates are PDF date strings, parentheses included. */
export function infoDictionary(info: DocumentInfo, creationDate?: string, modDate?: string): string {
  const entries = [
    `/Title ${encodeTextString(info.title)}`,
    ...(info.author === undefined ? [] : [`/Author ${encodeTextString(info.author)}`]),
    ...(info.subject === undefined ? [] : [`/Subject ${encodeTextString(info.subject)}`]),
    ...(info.keywords.length === 0 ? [] : [`/Keywords ${encodeTextString(info.keywords.join(', '))}`]),
    `/Creator ${encodeTextString(info.creator)}`,
    `/Producer ${encodeTextString('Chromium (Skia/PDF) via factsheets')}`,
    ...(creationDate === undefined ? [] : [`/CreationDate ${creationDate}`]),
    ...(modDate === undefined ? [] : [`/ModDate ${modDate}`]),
  ];
  return `<<${entries.join('\n')}>>`;
}
