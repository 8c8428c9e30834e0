import { dictEntry, refEntry, refList, type PdfObject } from './objects.js';

/** A page's content streams and the fonts its resources name (`F4` → object 20). */
export interface PageStreams {
  readonly page: number;
  readonly contents: readonly number[];
  readonly fonts: ReadonlyMap<string, number>;
}

/** Every page object of a PDF (newest definitions), with its content streams and fonts. */
export function pageStreams(objects: ReadonlyMap<number, PdfObject>): PageStreams[] {
  const pages: PageStreams[] = [];
  for (const [number, object] of objects) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(object.value)) continue;
    const resources =
      dictEntry(object.value, 'Resources')?.text ?? objects.get(refEntry(object.value, 'Resources') ?? -1)?.value ?? '';
    const fontDict = dictEntry(resources, 'Font')?.text ?? objects.get(refEntry(resources, 'Font') ?? -1)?.value ?? '';
    const fonts = new Map(
      [...fontDict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+) \d+ R/g)].map((match) => [match[1] ?? '', Number(match[2])]),
    );
    pages.push({ page: number, contents: refList(object.value, 'Contents'), fonts });
  }
  return pages.sort((a, b) => a.page - b.page);
}
