import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { dictEntry } from './objects.js';
import { decodeString } from './strings.js';
import { structElements, structureFixes } from './structure.js';
import { appendUpdate, fromLatin1, latin1, readPrinted, type PrintedPdf } from './update.js';
import { isoDate, xmpPacket } from './xmp.js';

/** The printing condition a print edition is made for: its ICC output profile and how it is registered. */
export interface PrintCondition {
  /** The CMYK output profile (ICC), embedded as the PDF/X OutputIntent. */
  readonly profile: Uint8Array;
  /** The registered name of the condition (`FOGRA39`), or the profile's own name for a custom one. */
  readonly identifier: string;
  /** A description of it, for people. */
  readonly condition: string;
  /** An sRGB profile: the page's DeviceRGB colour is tied to it (DefaultRGB), as PDF/X-4 allows. */
  readonly srgb: Uint8Array;
}

/**
 * The finishing update that makes a printed PDF claim (and meet) PDF/UA-1, and for print
 * PDF/X-4 too: the structure fixes (see structureFixes), an XMP packet that agrees with Info,
 * and a file identifier derived from the content, so equal inputs still give equal bytes. A
 * print edition also gets its OutputIntent, DeviceRGB tied to sRGB on every page, no
 * annotations (its Link elements stay, without them), `/Trapped` and `GTS_PDFXVersion`.
 */
export function declareStandards(bytes: Uint8Array, print?: PrintCondition): Uint8Array {
  const pdf = readPrinted(latin1(bytes));
  const { trailer } = pdf;
  const root = Number(trailer.root.split(' ')[0]);
  const catalog = pdf.body(root) ?? '<<>>';
  const objects = structureFixes(pdf, root);
  let next = Math.max(trailer.size, ...[...objects.keys()].map((number) => number + 1));
  const add = (body: string): number => {
    objects.set(next, body);
    return next++;
  };
  const id = createHash('md5').update(pdf.text, 'latin1').digest('hex').toUpperCase();
  let info = trailer.info === undefined ? '<<>>' : (pdf.body(trailer.info) ?? '<<>>');
  let catalogEntries = '';
  if (print !== undefined) {
    info = info
      .replace(/\n?\/(?:GTS_PDFXVersion|Trapped)\s*(?:\([^)]*\)|\/\w+)/g, '')
      .replace(/>>\s*$/, '\n/GTS_PDFXVersion (PDF/X-4)\n/Trapped /False>>');
    catalogEntries += printIntent(pdf, print, objects, add);
  }
  const lang = /\/Lang\s*(\([^)]*\)|<[0-9A-Fa-f]*>)/.exec(catalog)?.[1];
  const xmp = xmpForInfo(info, lang === undefined ? '' : decodeString(lang), id, print !== undefined);
  const metadata = add(
    `<</Type /Metadata /Subtype /XML /Length ${xmp.byteLength}>>\nstream\n${xmp.toString('latin1')}\nendstream`,
  );
  // Info changes only for print; otherwise the trailer keeps pointing at it.
  const infoNumber = print === undefined ? undefined : add(info);
  const withoutOld = catalog
    .replace(/\n?\/(?:Metadata|Version)\s*(?:\d+ \d+ R|\/[\d.]+)/g, '')
    .replace(/\n?\/OutputIntents\s*\[[^\]]*\]/, '');
  objects.set(root, withoutOld.replace(/>>\s*$/, `\n/Metadata ${metadata} 0 R${catalogEntries}>>`));
  return fromLatin1(appendUpdate(pdf.text, objects, infoNumber, trailer, id));
}

/** Profiles are the same for every print edition of a build: compressed once. */
const packedProfiles = new WeakMap<Uint8Array, Buffer>();

/**
 * The print edition's colour and pages for PDF/X-4: the OutputIntent with its profile, each
 * page's DeviceRGB tied to sRGB (DefaultRGB) and its annotations dropped (they may sit in the
 * bleed, and a press has no use for them); the Link elements keep their text, without the
 * annotations. Returns the catalog's new entries.
 */
function printIntent(
  pdf: PrintedPdf,
  print: PrintCondition,
  objects: Map<number, string>,
  add: (body: string) => number,
): string {
  const stream = (data: Uint8Array, dictionary: string): number => {
    const packed = packedProfiles.get(data) ?? deflateSync(data);
    packedProfiles.set(data, packed);
    return add(
      `<<${dictionary} /Filter /FlateDecode /Length ${packed.byteLength}>>\nstream\n${latin1(packed)}\nendstream`,
    );
  };
  const output = stream(print.profile, '/N 4');
  const srgb = add(`[/ICCBased ${stream(print.srgb, '/N 3 /Alternate /DeviceRGB')} 0 R]`);
  for (const number of pdf.numbers) {
    const body = objects.get(number) ?? pdf.body(number) ?? '';
    if (!/\/Type\s*\/Page\b(?!s)/.test(body)) continue;
    const resources = dictEntry(body, 'Resources');
    let page = body;
    if (resources !== undefined) {
      const spaces = dictEntry(resources.text, 'ColorSpace');
      const entry = `/DefaultRGB ${srgb} 0 R`;
      const updated =
        spaces === undefined
          ? `<<\n/ColorSpace <<${entry}>>${resources.text.slice(2)}`
          : `${resources.text.slice(0, spaces.start + 2)}${entry}\n${resources.text.slice(spaces.start + 2).replace(/\/DefaultRGB\s*(?:\d+ \d+ R|\[[^\]]*\])/, '')}`;
      page = body.slice(0, resources.start) + updated + body.slice(resources.end);
    }
    objects.set(number, page.replace(/\n?\/Annots\s*(?:\[[^\]]*\]|\d+ \d+ R)/, ''));
  }
  for (const element of structElements(pdf).values()) {
    if (element.type !== 'Link') continue;
    const body = objects.get(element.number) ?? element.body;
    const kept = body.replace(/<<[^<>]*\/Type\s*\/OBJR\b[^<>]*>>/g, '');
    if (kept !== body) objects.set(element.number, kept);
  }
  const condition = `(${print.condition.replace(/[()\\]/g, '')})`;
  const identifier = `(${print.identifier.replace(/[()\\]/g, '')})`;
  const intent = add(
    `<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier ${identifier} /OutputCondition ${condition} /Info ${condition} /RegistryName (http://www.color.org) /DestOutputProfile ${output} 0 R>>`,
  );
  return `\n/OutputIntents [${intent} 0 R]\n/Version /1.6`;
}

/** The XMP packet (as UTF-8 bytes) that says what an Info dictionary says, and which standards the file claims. */
export function xmpForInfo(info: string, lang: string, id: string, print: boolean): Buffer {
  const field = (key: string): string | undefined => {
    const token = new RegExp(`/${key}\\s*(<[0-9A-Fa-f]*>|\\((?:\\\\.|[^\\\\)])*\\))`).exec(info)?.[1];
    return token === undefined ? undefined : decodeString(token);
  };
  return Buffer.from(
    xmpPacket({
      title: field('Title') ?? '',
      lang,
      author: field('Author'),
      subject: field('Subject'),
      keywords: field('Keywords'),
      creator: field('Creator'),
      producer: field('Producer'),
      created: isoDate(field('CreationDate') ?? ''),
      modified: isoDate(field('ModDate') ?? ''),
      pdfx: print ? 'PDF/X-4' : undefined,
      documentId: id,
    }),
    'utf8',
  );
}

/** Only the structure fixes, as an update: for the briefing pack's cover, whose file the merge rewrites (and declares). */
export function fixStructure(bytes: Uint8Array): Uint8Array {
  const pdf = readPrinted(latin1(bytes));
  const objects = structureFixes(pdf, Number(pdf.trailer.root.split(' ')[0]));
  return objects.size === 0 ? bytes : fromLatin1(appendUpdate(pdf.text, objects, undefined, pdf.trailer));
}
