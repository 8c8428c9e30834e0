import { refEntry, refList } from './objects.js';
import { fonts, type CheckedPdf, type Rule } from './ua-check.js';

/**
 * The machine-checkable conditions of PDF/X-4 (ISO 15930-7) the build checks on print
 * editions, named by what they require: a print shop's preflight checks more (ink limits,
 * image resolution, the colour of every object) and is the final word.
 */
export const PDFX_RULES: readonly { readonly rule: string; readonly matterhorn?: string; readonly check: Rule }[] = [
  { rule: 'PDF/X-4 output intent', check: outputIntent },
  { rule: 'PDF/X-4 version in Info', check: ({ pdf }) => (/\/GTS_PDFXVersion\s*\(PDF\/X-4\)/.test(info(pdf)) ? [] : ['Info has no /GTS_PDFXVersion (PDF/X-4)']) },
  { rule: 'PDF/X-4 version in XMP', check: ({ xmp }) => (xmp !== undefined && /<pdfxid:GTS_PDFXVersion>PDF\/X-4<\/pdfxid:GTS_PDFXVersion>/.test(xmp) ? [] : ['the XMP metadata has no pdfxid:GTS_PDFXVersion PDF/X-4']) },
  { rule: 'PDF/X-4 trapping', check: ({ pdf }) => (/\/Trapped\s*\/(True|False)\b/.test(info(pdf)) ? [] : ['Info has no /Trapped /True or /False']) },
  { rule: 'PDF/X-4 file identifier', check: ({ pdf }) => (pdf.id === undefined ? ['the trailer has no /ID'] : []) },
  { rule: 'PDF/X-4 trim box', check: ({ pdf }) => pages(pdf).filter(([, page]) => !/\/TrimBox\s*\[/.test(page)).map(([number]) => `page object ${number} has no TrimBox`) },
  { rule: 'PDF/X-4 annotations', check: ({ pdf }) => pages(pdf).filter(([, page]) => refList(page, 'Annots').length > 0).map(([number]) => `page object ${number} has annotations, which may lie in the bleed`) },
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
    const drawsRgb = refList(page, 'Contents').some((content) => /(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b/.test(stream(content) ?? ''));
    return drawsRgb ? [`page object ${number} draws DeviceRGB colour without a DefaultRGB colour space`] : [];
  });
}

/** Font subsets that share a tag (`AAAAAA+`) but are different fonts: ISO 32000-1 9.6.4 forbids it. */
export function subsetTags({ pdf }: CheckedPdf): string[] {
  const files = new Map<string, Set<number>>();
  for (const [, font] of fonts(pdf)) {
    const name = /\/BaseFont\s*\/([A-Z]{6}\+[^\s/<>[\]()]+)/.exec(font)?.[1];
    if (name === undefined) continue;
    const descendant = refList(font, 'DescendantFonts')[0];
    const descriptor = refEntry(pdf.objects.get(descendant ?? -1)?.value ?? font, 'FontDescriptor') ?? refEntry(font, 'FontDescriptor');
    const file = refEntry(pdf.objects.get(descriptor ?? -1)?.value ?? '', 'FontFile2') ?? refEntry(pdf.objects.get(descriptor ?? -1)?.value ?? '', 'FontFile3') ?? refEntry(pdf.objects.get(descriptor ?? -1)?.value ?? '', 'FontFile');
    const tag = name.slice(0, 6);
    const set = files.get(tag) ?? new Set<number>();
    set.add(file ?? -1);
    files.set(tag, set);
  }
  return [...files].filter(([, set]) => set.size > 1).map(([tag, set]) => `${set.size} different font subsets share the tag ${tag}`);
}

function pages(pdf: CheckedPdf['pdf']): [number, string][] {
  return [...pdf.objects].filter(([, object]) => /\/Type\s*\/Page\b(?!s)/.test(object.value)).map(([number, object]) => [number, object.value]);
}

function info(pdf: CheckedPdf['pdf']): string {
  return pdf.info === undefined ? '' : (pdf.objects.get(pdf.info)?.value ?? '');
}
