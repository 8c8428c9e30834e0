import { documentsToReview, escapeHtml, headline, pagesLine, reasons } from './summary.js';
import type { ReviewResult } from './review.js';

/** GitHub's limit for a pull-request comment (and a job summary is read the same way). */
export const MARKDOWN_LIMIT = 65_536;

/**
 * A Markdown summary for a CI job summary or a pull-request comment. Everything from the
 * folders is text, never Markdown or HTML: table cells are escaped (no tag, link, image or
 * mention), each diff sits in a fence longer than any run of backticks in it, each diff is
 * shown once, and the whole stays under `limit` characters with a note of what was left out.
 */
export function formatReviewMarkdown(result: ReviewResult, reportPath?: string, limit = MARKDOWN_LIMIT): string {
  const head = [
    '## Review against the approved build',
    '',
    `**${markdownText(headline(result))}** · factsheets ${markdownText(result.tool.current)} (approved build: ${markdownText(result.tool.approved || 'unknown')})`,
    '',
  ];
  const documents = documentsToReview(result);
  const footer =
    reportPath !== undefined && documents.length > 0
      ? [`The pages side by side, with the differences marked: ${codeSpan(reportPath)}.`, '']
      : [];
  const rows = documents.map(
    (document) =>
      `| ${codeSpan(document.output)} | ${document.status} | ${markdownText(pagesLine(document))} | ${reasons(document).map(markdownText).join('<br>')} |`,
  );
  const diffs = uniqueDiffs(result);
  // Room for the note on what was cut, which is only added when something was.
  const budget = limit - 400;
  const lines = [...head];
  let size = sizeOf(lines) + sizeOf(footer);
  const fits = (block: readonly string[]): boolean => size + sizeOf(block) <= budget;
  let rowsShown = 0;
  if (rows.length > 0) {
    const table = ['| PDF | status | pages | why |', '|---|---|---|---|'];
    size += sizeOf(table) + 1;
    lines.push(...table);
    for (const row of rows) {
      if (!fits([row])) break;
      lines.push(row);
      size += sizeOf([row]);
      rowsShown += 1;
    }
    lines.push('');
  }
  let diffsShown = 0;
  for (const diff of rowsShown === rows.length ? diffs : []) {
    if (!fits(diff)) break;
    lines.push(...diff);
    size += sizeOf(diff);
    diffsShown += 1;
  }
  const cut = [
    rows.length - rowsShown > 0 ? `${rows.length - rowsShown} of ${rows.length} PDFs` : '',
    diffs.length - diffsShown > 0 ? `${diffs.length - diffsShown} of ${diffs.length} Markdown diffs` : '',
  ].filter((part) => part !== '');
  if (cut.length > 0)
    lines.push(
      `*Left out to stay within ${limit.toLocaleString('en')} characters: ${cut.join(' and ')}; the full review is in the HTML report.*`,
      '',
    );
  return `${[...lines, ...footer].join('\n')}\n`;
}

/** Each Markdown diff once (a pack repeats its documents' causes), as a folded block. */
function uniqueDiffs(result: ReviewResult): string[][] {
  const seen = new Set<string>();
  const blocks: string[][] = [];
  for (const document of documentsToReview(result)) {
    for (const cause of document.causes) {
      if (cause.kind !== 'source') continue;
      const body = cause.diff.unified.trimEnd();
      const key = `${cause.file}\n${body}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
      blocks.push([
        `<details><summary>${escapeHtml(cause.file)}: what changed in the Markdown</summary>`,
        '',
        `${fence}diff`,
        body,
        fence,
        '',
        '</details>',
        '',
      ]);
    }
  }
  return blocks;
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let run = 0;
  for (const each of text) {
    run = each === character ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

function sizeOf(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}

/**
 * Text as Markdown that renders exactly as this text: HTML's own characters as entities,
 * Markdown's punctuation escaped (no emphasis, link, image, table cell or autolink), a line
 * break as a space, and `@` kept from making a mention (a zero-width space after it).
 */
export function markdownText(text: string): string {
  return escapeHtml(text.replace(/[\r\n\u2028\u2029]+/g, ' '))
    .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (character) => `\\${character}`)
    .replace(/@/g, '@\u200b');
}

/** A path in a code span: its backticks cannot end the span early. */
function codeSpan(text: string): string {
  // A table cell ends at a bare `|`, even inside a code span.
  const clean = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replaceAll('|', '\\|');
  const ticks = '`'.repeat(longestRun(clean, '`') + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}
