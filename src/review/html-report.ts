import type { Cause } from './causes.js';
import type { PageChange } from './compare-pages.js';
import type { DocumentReview, ReviewResult } from './review.js';
import { describePage, documentsToReview, escapeHtml, headline, pagesLine, reasons } from './summary.js';

/**
 * The review as one self-contained HTML page: each document to review, its causes, and per
 * changed page the approved page, the new page and the differences (PNG data: URIs; no
 * script, no request).
 */
export function formatReviewHtml(result: ReviewResult): string {
  const documents = documentsToReview(result);
  const body =
    documents.length === 0 ? '<p class="none">Nothing to review.</p>' : documents.map(documentSection).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Review: ${escapeHtml(headline(result))}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-top: 1px solid #ccc; padding-top: 1rem; }
.status { font-size: .8rem; text-transform: uppercase; padding: .1rem .4rem; border-radius: .2rem; background: #eee; }
.changed { background: #fde68a; } .added { background: #bbf7d0; } .removed { background: #fecaca; }
ul.causes li { margin: .2rem 0; } .unexplained { color: #92400e; }
pre.diff { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: 13px; }
pre.diff span { display: block; } pre.diff .add { background: #dcfce7; } pre.diff .del { background: #fee2e2; }
.page { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; margin: 1rem 0; }
figure { margin: 0; } figure img { width: 100%; border: 1px solid #bbb; } figcaption { font-size: .85rem; color: #555; }
</style>
</head>
<body>
<h1>Review against the approved build</h1>
<p>${escapeHtml(headline(result))}. Approved: <code>${escapeHtml(result.against)}</code> (factsheets ${escapeHtml(result.tool.approved)}); reviewed: <code>${escapeHtml(result.outDir)}</code> (factsheets ${escapeHtml(result.tool.current)}).</p>
${body}
</body>
</html>
`;
}

function documentSection(document: DocumentReview): string {
  const pages = document.changedPages.map((change) => pageFigures(document, change)).join('\n');
  return `<section class="document" data-output="${escapeHtml(document.output)}">
<h2>${escapeHtml(document.output)} <span class="status ${document.status}">${document.status}</span></h2>
${document.status === 'changed' ? `<p>${escapeHtml(pagesLine(document))}</p>` : ''}
<ul class="causes">${
    document.causes.length > 0 || document.unexplained.length > 0
      ? [
          ...document.causes.map(causeItem),
          ...document.unexplained.map((text) => `<li class="unexplained">${escapeHtml(text)}</li>`),
        ].join('')
      : reasons(document)
          .map((text) => `<li>${escapeHtml(text)}</li>`)
          .join('')
  }</ul>
${pages}
</section>`;
}

function causeItem(cause: Cause): string {
  if (cause.kind === 'dataset')
    return `<li>Dataset rows (${escapeHtml(cause.file)}):<ul>${cause.described.map((row) => `<li>${escapeHtml(row)}</li>`).join('')}</ul></li>`;
  if (cause.kind === 'source') {
    // One block per line, so that added and removed lines are shaded across the width.
    const lines = cause.diff.unified
      .trimEnd()
      .split('\n')
      .map((line) => {
        const kind =
          line.startsWith('+') && !line.startsWith('+++')
            ? 'add'
            : line.startsWith('-') && !line.startsWith('---')
              ? 'del'
              : 'context';
        return `<span class="${kind}">${escapeHtml(line) || ' '}</span>`;
      });
    return `<li>${escapeHtml(cause.summary)}<pre class="diff">${lines.join('')}</pre></li>`;
  }
  return `<li>${escapeHtml(cause.summary)}</li>`;
}

function pageFigures(document: DocumentReview, change: PageChange): string {
  if (change.asDocumentPage === true && change.shows !== undefined) {
    return `<h3>Page ${escapeHtml(describePage(change))}</h3>
<p class="same-as">The same change as <a href="#${anchor(change.shows.output, change.shows.page)}">${escapeHtml(change.shows.output)} page ${change.shows.page}</a>, with the pack's page number drawn over it.</p>`;
  }
  const figure = (label: string, png: Buffer | undefined, role: string): string =>
    png === undefined
      ? ''
      : `<figure><img class="${role}" alt="${escapeHtml(`${document.output} page ${change.page}, ${label}`)}" src="data:image/png;base64,${png.toString('base64')}"><figcaption>${escapeHtml(label)}</figcaption></figure>`;
  return `<h3 id="${anchor(document.output, change.page)}">Page ${escapeHtml(describePage(change))}</h3>
<div class="page" data-page="${change.page}">${figure('approved', change.images.approved, 'approved')}${figure('this build', change.images.current, 'current')}${figure(`differences (${change.differentPixels} pixels)`, change.images.highlight, 'highlight')}</div>`;
}

/** The id of a changed page's heading, for links from the pack's pages. */
function anchor(output: string, page: number): string {
  return `${output.replace(/[^a-z0-9]+/gi, '-')}-page-${page}`;
}
