import { pages, type CheckedPdf, type NamedRule } from './check-rules.js';
import { refEntry, refList } from './objects.js';

/**
 * The machine-checkable conditions of PDF/X-4 (ISO 15930-7) the build checks on print
 * editions, named by what they require: a print shop's preflight checks more (ink limits,
 * image resolution, the colour of every object) and is the final word.
 */
export const PDFX_RULES: readonly NamedRule[] = [
  { rule: 'PDF/X-4 output intent', check: outputIntent },
  {
    rule: 'PDF/X-4 version in Info',
    check: ({ pdf }) =>
      /\/GTS_PDFXVersion\s*\(PDF\/X-4\)/.test(info(pdf)) ? [] : ['Info has no /GTS_PDFXVersion (PDF/X-4)'],
  },
  {
    rule: 'PDF/X-4 version in XMP',
    check: ({ xmp }) =>
      xmp !== undefined && /<pdfxid:GTS_PDFXVersion>PDF\/X-4<\/pdfxid:GTS_PDFXVersion>/.test(xmp)
        ? []
        : ['the XMP metadata has no pdfxid:GTS_PDFXVersion PDF/X-4'],
  },
  {
    rule: 'PDF/X-4 trapping',
    check: ({ pdf }) =>
      /\/Trapped\s*\/(True|False)\b/.test(info(pdf)) ? [] : ['Info has no /Trapped /True or /False'],
  },
  { rule: 'PDF/X-4 file identifier', check: ({ pdf }) => (pdf.id === undefined ? ['the trailer has no /ID'] : []) },
  {
    rule: 'PDF/X-4 trim box',
    check: ({ pdf }) =>
      pages(pdf)
        .filter(([, page]) => !/\/TrimBox\s*\[/.test(page))
        .map(([number]) => `page object ${number} has no TrimBox`),
  },
  {
    rule: 'PDF/X-4 annotations',
    check: ({ pdf }) =>
      pages(pdf)
        .filter(([, page]) => refList(page, 'Annots').length > 0)
        .map(([number]) => `page object ${number} has annotations, which may lie in the bleed`),
  },
  { rule: 'PDF/X-4 device colour', check: deviceRgb },
];

function outputIntent({ pdf, catalog }: CheckedPdf): string[] {
  const intents = refList(catalog, 'OutputIntents').map((number) => pdf.objects.get(number)?.value ?? '');
  const pdfx = intents.find((intent) => /\/S\s*\/GTS_PDFX\b/.test(intent));
  if (pdfx === undefined) return ['the catalog has no GTS_PDFX output intent'];
  const profile = pdf.objects.get(refEntry(pdfx, 'DestOutputProfile') ?? -1);
  if (profile?.stream === undefined) return ['the output intent embeds no output profile'];
  return /\/N\s+4\b/.test(profile.value) ? [] : ['the output profile is not CMYK (/N 4)'];
}

/** DeviceRGB colour (operators or images) on a page whose resources do not tie it to a profile (DefaultRGB). */
function deviceRgb({ pdf, stream }: CheckedPdf): string[] {
  return pages(pdf).flatMap(([number, page]) => {
    if (/\/DefaultRGB\b/.test(page)) return [];
    const drawsRgb = refList(page, 'Contents').some((content) =>
      /(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b/.test(stream(content) ?? ''),
    );
    return drawsRgb ? [`page object ${number} draws DeviceRGB colour without a DefaultRGB colour space`] : [];
  });
}

function info(pdf: CheckedPdf['pdf']): string {
  return pdf.info === undefined ? '' : (pdf.objects.get(pdf.info)?.value ?? '');
}
