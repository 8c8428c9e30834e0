import { refEntry, refList, type PdfFile } from './objects.js';
import type { StructElement } from './structure.js';

/** What a rule sees: the file's objects, its structure elements, and helpers. */
export interface CheckedPdf {
  readonly pdf: PdfFile;
  readonly catalog: string;
  readonly elements: ReadonlyMap<number, StructElement>;
  readonly xmp: string | undefined;
  /** Languages the page marked on phrases of its text (see CheckOptions), lower-case. */
  readonly phraseLanguages: readonly string[];
  /** The decoded text of a flate (or unfiltered) stream. */
  stream(number: number): string | undefined;
}

/** One machine-checkable condition: what it finds wrong in a file, one line each. */
export type Rule = (file: CheckedPdf) => readonly string[];

/** A rule under its id (the veraPDF rule, or the standard's clause) and its Matterhorn failure condition. */
export interface NamedRule {
  readonly rule: string;
  readonly matterhorn?: string;
  readonly check: Rule;
}

/** The page objects: number and dictionary. */
export function pages(pdf: PdfFile): [number, string][] {
  return [...pdf.objects]
    .filter(([, object]) => /\/Type\s*\/Page\b(?!s)/.test(object.value))
    .map(([number, object]) => [number, object.value]);
}

/** The font dictionaries (not their CIDFont descendants): number and dictionary. */
export function fonts(pdf: PdfFile): [number, string][] {
  return [...pdf.objects]
    .filter(([, object]) => /\/Type\s*\/Font\b/.test(object.value) && !/\/Subtype\s*\/CIDFont/.test(object.value))
    .map(([number, object]) => [number, object.value]);
}

/** Font subsets that share a tag (`AAAAAA+`) but are different fonts: ISO 32000-1 9.6.4 forbids it. */
export function subsetTags({ pdf }: CheckedPdf): string[] {
  const files = new Map<string, Set<number>>();
  for (const [, font] of fonts(pdf)) {
    const name = /\/BaseFont\s*\/([A-Z]{6}\+[^\s/<>[\]()]+)/.exec(font)?.[1];
    if (name === undefined) continue;
    const descendant = refList(font, 'DescendantFonts')[0];
    const descriptor =
      refEntry(pdf.objects.get(descendant ?? -1)?.value ?? font, 'FontDescriptor') ?? refEntry(font, 'FontDescriptor');
    const file =
      refEntry(pdf.objects.get(descriptor ?? -1)?.value ?? '', 'FontFile2') ??
      refEntry(pdf.objects.get(descriptor ?? -1)?.value ?? '', 'FontFile3') ??
      refEntry(pdf.objects.get(descriptor ?? -1)?.value ?? '', 'FontFile');
    const tag = name.slice(0, 6);
    const set = files.get(tag) ?? new Set<number>();
    set.add(file ?? -1);
    files.set(tag, set);
  }
  return [...files]
    .filter(([, set]) => set.size > 1)
    .map(([tag, set]) => `${set.size} different font subsets share the tag ${tag}`);
}
