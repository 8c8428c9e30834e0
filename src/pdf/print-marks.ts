import { FactsheetsError } from '../errors.js';
import { appendUpdate, fromLatin1, latin1, readPrinted, type PrintedPdf } from './update.js';

const PT_PER_MM = 72 / 25.4;

export interface PrintMarks {
  /** Bleed printed around the trim on every side, in millimetres (the input pages include it). */
  readonly bleedMm: number;
  /** Paper added outside the bleed for crop marks, in millimetres. */
  readonly slugMm: number;
}

/**
 * Turns pages printed at trim size plus bleed into press pages: each MediaBox grows by the
 * slug on every side, the content moves into it, crop marks are drawn at the trim corners in
 * registration colour, and TrimBox and BleedBox say where to cut. Done as an incremental
 * update (new page objects and two small content streams per page), so fonts and content
 * streams are untouched.
 */
export function addPrintMarks(bytes: Uint8Array, marks: PrintMarks): Uint8Array {
  const pdf = readPrinted(latin1(bytes));
  const slug = marks.slugMm * PT_PER_MM;
  const bleed = marks.bleedMm * PT_PER_MM;
  let next = pdf.trailer.size;
  const objects = new Map<number, string>();
  const stream = (content: string): number => {
    const number = next;
    next += 1;
    objects.set(number, `<</Length ${Buffer.byteLength(content, 'latin1')}>>\nstream\n${content}\nendstream`);
    return number;
  };

  const pages = pdf.numbers.filter((number) => /^<<\/Type \/Page\b(?!s)/.test(pdf.body(number) ?? ''));
  if (pages.length === 0) throw new FactsheetsError('the printed PDF has no pages to mark', { stage: 'finish' });
  for (const page of pages) {
    const body = pdf.body(page) ?? '';
    const box = /\/MediaBox \[([\d.\s-]+)\]/.exec(body)?.[1]?.trim().split(/\s+/).map(Number);
    const contents = /\/Contents (\d+ \d+ R|\[[^\]]*\])/.exec(body)?.[1];
    if (box === undefined || box.length !== 4 || contents === undefined) {
      throw new FactsheetsError(`page object ${page} has no MediaBox or Contents to mark`, { stage: 'finish' });
    }
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = box;
    const width = x1 - x0;
    const height = y1 - y0;
    const before = stream(`q 1 0 0 1 ${fmt(slug - x0)} ${fmt(slug - y0)} cm`);
    const after = stream(
      `Q\n${cropMarks(slug + bleed, slug + bleed, slug + width - bleed, slug + height - bleed, bleed)}`,
    );
    const inner = contents.startsWith('[') ? contents.slice(1, -1).trim() : contents;
    objects.set(
      page,
      body
        .replace(
          /\/MediaBox \[[^\]]*\]/,
          `/MediaBox [0 0 ${fmt(width + 2 * slug)} ${fmt(height + 2 * slug)}]\n/BleedBox [${fmt(slug)} ${fmt(slug)} ${fmt(slug + width)} ${fmt(slug + height)}]\n/TrimBox [${fmt(slug + bleed)} ${fmt(slug + bleed)} ${fmt(slug + width - bleed)} ${fmt(slug + height - bleed)}]`,
        )
        .replace(/\/Contents (\d+ \d+ R|\[[^\]]*\])/, `/Contents [${before} 0 R ${inner} ${after} 0 R]`),
    );
    for (const annotation of annotationsOf(pdf, body)) {
      const annotationBody = pdf.body(annotation);
      if (annotationBody === undefined) continue;
      objects.set(
        annotation,
        annotationBody.replace(/\/Rect \[([\d.\s-]+)\]/, (_, rect: string) => {
          const [a = 0, b = 0, c = 0, d = 0] = rect.trim().split(/\s+/).map(Number);
          return `/Rect [${fmt(a + slug - x0)} ${fmt(b + slug - y0)} ${fmt(c + slug - x0)} ${fmt(d + slug - y0)}]`;
        }),
      );
    }
  }
  return fromLatin1(appendUpdate(pdf.text, objects, undefined, pdf.trailer));
}

/** Eight hairlines, two per corner, starting just outside the bleed so that none prints on the page. */
function cropMarks(left: number, bottom: number, right: number, top: number, bleed: number): string {
  const gap = bleed + 0.5 * PT_PER_MM;
  const length = 5 * PT_PER_MM;
  const lines: string[] = [];
  for (const [x, y, dx, dy] of [
    [left, bottom, -1, -1],
    [right, bottom, 1, -1],
    [left, top, -1, 1],
    [right, top, 1, 1],
  ] as const) {
    lines.push(`${fmt(x + dx * gap)} ${fmt(y)} m ${fmt(x + dx * (gap + length))} ${fmt(y)} l S`);
    lines.push(`${fmt(x)} ${fmt(y + dy * gap)} m ${fmt(x)} ${fmt(y + dy * (gap + length))} l S`);
  }
  // 1 1 1 1 K: registration colour, so the marks appear on every printing plate; an artifact, not content.
  return `/Artifact BMC\nq 0.25 w 1 1 1 1 K\n${lines.join('\n')}\nQ\nEMC`;
}

function annotationsOf(pdf: PrintedPdf, pageBody: string): number[] {
  const inline = /\/Annots \[([^\]]*)\]/.exec(pageBody)?.[1];
  const referenced = /\/Annots (\d+) \d+ R/.exec(pageBody)?.[1];
  const list = inline ?? (referenced === undefined ? '' : (pdf.body(Number(referenced)) ?? '').replace(/^\[|\]$/g, ''));
  return [...list.matchAll(/(\d+) \d+ R/g)].map((match) => Number(match[1]));
}

function fmt(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
