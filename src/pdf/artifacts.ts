import { contentOps, type ContentOp } from './content-ops.js';
import { pageStreams } from './page-streams.js';
import type { DecodedPdf } from './rewrite.js';

const PATH_CONSTRUCTION = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const DRAWING = new Set(['Tj', 'TJ', "'", '"', 'Do', 'sh', 'BI…EI']);
const MARKED_CONTENT = new Set(['BDC', 'BMC', 'EMC', 'BT', 'ET']);

/** A stretch of a content stream (operator indices, inclusive) that draws outside any tagged or artifact sequence. */
export interface UntaggedRun {
  readonly first: ContentOp;
  readonly last: ContentOp;
}

/**
 * The stretches of a page's drawing that belong neither to a structure element (a marked
 * sequence with an MCID) nor to an artifact: what a reader would otherwise meet as content of
 * no element. Chromium leaves out of the structure exactly what the page's accessibility tree
 * leaves out (page-margin boxes, CSS-generated text, `aria-hidden` and empty decorative
 * boxes), so these are the page's furniture. A run never crosses a text object's edge or a
 * marked sequence's, so wrapping it keeps the stream well nested.
 */
export function untaggedRuns(ops: readonly ContentOp[]): UntaggedRun[] {
  const runs: UntaggedRun[] = [];
  const covering: boolean[] = [];
  let run: { first: ContentOp; last: ContentOp } | undefined;
  let pathStart: ContentOp | undefined;
  const close = (): void => {
    if (run !== undefined) runs.push(run);
    run = undefined;
  };
  const draw = (first: ContentOp, last: ContentOp): void => {
    if (covering.some(Boolean)) return;
    if (run === undefined) run = { first, last };
    else run.last = last;
  };
  for (const op of ops) {
    if (MARKED_CONTENT.has(op.op)) {
      close();
      if (op.op === 'BDC' || op.op === 'BMC')
        covering.push(/^\/Artifact\b/.test(op.operands) || /\/MCID\s+\d+/.test(op.operands));
      else if (op.op === 'EMC') covering.pop();
    } else if (PATH_CONSTRUCTION.has(op.op)) {
      pathStart ??= op;
    } else if (PATH_PAINTING.has(op.op) || op.op === 'n') {
      if (op.op !== 'n') draw(pathStart ?? op, op);
      pathStart = undefined;
    } else if (DRAWING.has(op.op)) {
      draw(op, op);
    }
  }
  close();
  return runs;
}

/** The content stream with every untagged run marked as an artifact, or undefined if it has none. */
export function markArtifacts(content: string): string | undefined {
  const runs = untaggedRuns(contentOps(content));
  if (runs.length === 0) return undefined;
  let output = '';
  let copied = 0;
  for (const { first, last } of runs) {
    output += `${content.slice(copied, first.start)}/Artifact BMC\n${content.slice(first.start, last.end)}\nEMC`;
    copied = last.end;
  }
  return output + content.slice(copied);
}

/** The repair for a rewrite (see rewriteStreams): every page's untagged drawing marked as an artifact. */
export function artifactFix(pdf: DecodedPdf): Map<number, string> {
  const changed = new Map<number, string>();
  for (const { contents } of pageStreams(pdf.objects)) {
    for (const number of contents) {
      const marked = markArtifacts(pdf.streams.get(number) ?? '');
      if (marked !== undefined) changed.set(number, marked);
    }
  }
  return changed;
}
