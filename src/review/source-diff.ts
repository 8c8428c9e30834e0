import { structuredPatch } from 'diff';

/** How a document's Markdown changed: a unified diff, and the new file's changed lines. */
export interface SourceDiff {
  /** Unified diff (`--- a/…`, `+++ b/…`, `@@ … @@` hunks), empty when the texts are equal. */
  readonly unified: string;
  /** Lines of the new file that were added or changed (1-based). */
  readonly changedLines: readonly number[];
  /** Lines removed from the approved file (1-based), for edits that only delete. */
  readonly removedLines: readonly number[];
}

const CONTEXT_LINES = 2;

/** The unified diff of a source file between the approved build and this one. */
export function diffSource(path: string, approved: string, current: string): SourceDiff {
  if (approved === current) return { unified: '', changedLines: [], removedLines: [] };
  const name = path.replace(/^\/+/, '');
  const patch = structuredPatch(`a/${name}`, `b/${name}`, approved, current, undefined, undefined, {
    context: CONTEXT_LINES,
  });
  const changedLines: number[] = [];
  const removedLines: number[] = [];
  const text: string[] = [`--- a/${name}`, `+++ b/${name}`];
  for (const hunk of patch.hunks) {
    text.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) {
        text.push(line);
        continue;
      }
      text.push(line);
      if (line.startsWith('+')) changedLines.push(newLine++);
      else if (line.startsWith('-')) removedLines.push(oldLine++);
      else {
        oldLine += 1;
        newLine += 1;
      }
    }
  }
  return { unified: `${text.join('\n')}\n`, changedLines, removedLines };
}

/** `12`, `12–14`, `3, 12–14`: line numbers as ranges, for one line of a summary. */
export function lineRanges(lines: readonly number[]): string {
  const ranges: string[] = [];
  for (let index = 0; index < lines.length; ) {
    const first = lines[index] ?? 0;
    let last = first;
    while (lines[index + 1] === last + 1) {
      last += 1;
      index += 1;
    }
    index += 1;
    ranges.push(first === last ? String(first) : `${first}–${last}`);
  }
  return ranges.join(', ');
}
