/** What the XMP packet says: the Info dictionary's entries, decoded, and which standards the file claims. */
export interface XmpFields {
  readonly title: string;
  /** The document's language (BCP 47), for dc:title and dc:description. */
  readonly lang: string;
  readonly author?: string | undefined;
  readonly subject?: string | undefined;
  readonly keywords?: string | undefined;
  readonly creator?: string | undefined;
  readonly producer?: string | undefined;
  /** ISO 8601 dates, as converted from Info's PDF dates. */
  readonly created?: string | undefined;
  readonly modified?: string | undefined;
  /** `PDF/X-4` on print editions. */
  readonly pdfx?: string | undefined;
  /** A stable identifier derived from the content (hex), for xmpMM:DocumentID. */
  readonly documentId: string;
}

/**
 * The XMP metadata packet of a PDF/UA-1 (and, for print, PDF/X-4) file: the same title,
 * author, subject, keywords, tools and dates as Info (ISO 14289-1 and ISO 15930-7 require them
 * to agree), the title in the document's language, and the standards' identification schemas.
 */
export function xmpPacket(fields: XmpFields): string {
  const lang = escapeXml(fields.lang);
  const alt = (value: string): string =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li>${lang === '' ? '' : `<rdf:li xml:lang="${lang}">${escapeXml(value)}</rdf:li>`}</rdf:Alt>`;
  const element = (name: string, value: string | undefined): string[] =>
    value === undefined ? [] : [`<${name}>${escapeXml(value)}</${name}>`];
  const properties = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(fields.title)}</dc:title>`,
    ...(fields.author === undefined
      ? []
      : [`<dc:creator><rdf:Seq><rdf:li>${escapeXml(fields.author)}</rdf:li></rdf:Seq></dc:creator>`]),
    ...(fields.subject === undefined ? [] : [`<dc:description>${alt(fields.subject)}</dc:description>`]),
    ...(fields.lang === '' ? [] : [`<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`]),
    ...element('pdf:Keywords', fields.keywords),
    ...element('pdf:Producer', fields.producer),
    ...(fields.pdfx === undefined ? [] : ['<pdf:Trapped>False</pdf:Trapped>']),
    ...element('xmp:CreatorTool', fields.creator),
    ...element('xmp:CreateDate', fields.created),
    ...element('xmp:ModifyDate', fields.modified),
    ...element('xmp:MetadataDate', fields.modified),
    `<xmpMM:DocumentID>uuid:${uuid(fields.documentId)}</xmpMM:DocumentID>`,
    `<xmpMM:InstanceID>uuid:${uuid(fields.documentId)}</xmpMM:InstanceID>`,
    ...(fields.pdfx === undefined
      ? []
      : ['<xmpMM:VersionID>1</xmpMM:VersionID>', '<xmpMM:RenditionClass>default</xmpMM:RenditionClass>']),
    '<pdfuaid:part>1</pdfuaid:part>',
    ...element('pdfxid:GTS_PDFXVersion', fields.pdfx),
  ];
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" ' +
    'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' +
    `${fields.pdfx === undefined ? '' : ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"'}>\n${properties.join('\n')}\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n` +
    `${' '.repeat(99)}\n<?xpacket end="w"?>`
  );
}

/** `D:20170906000000+00'00'` as `2017-09-06T00:00:00+00:00`. */
export function isoDate(pdfDate: string): string | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-])(\d{2})'?(\d{2})'?|Z)?/.exec(pdfDate);
  if (match === null) return undefined;
  const [
    ,
    year,
    month = '01',
    day = '01',
    hour = '00',
    minute = '00',
    second = '00',
    sign,
    offsetHours = '00',
    offsetMinutes = '00',
  ] = match;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${sign === undefined ? 'Z' : `${sign}${offsetHours}:${offsetMinutes}`}`;
}

function uuid(hex: string): string {
  const digits = hex.padEnd(32, '0');
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20, 32)}`;
}

function escapeXml(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 has no place for control characters.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}
