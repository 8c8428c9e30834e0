import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { runCli } from '../helpers/cli.js';
import { copyEnglishSample, TEMPLATES, tempDir } from '../helpers/content.js';
import { checkStandards, describeFailure } from '../../src/pdf/ua-check.js';

interface TaggedRun {
  readonly role: string;
  readonly lang: string | undefined;
  readonly text: string;
}

/**
 * Every structure element of a PDF with its /Lang and the text of the marked content under it,
 * read with pdf.js (not the project's own reader): its structure tree, matched by marked-content
 * id with the page's text.
 */
async function taggedRuns(path: string): Promise<TaggedRun[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(await readFile(path)),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const runs: TaggedRun[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const textById = new Map<string, string>();
      const open: string[] = [];
      for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
        if ('str' in item) {
          for (const id of open) textById.set(id, (textById.get(id) ?? '') + item.str);
        } else if (item.type === 'endMarkedContent') open.pop();
        // Every begin has its end: a span without an id (a soft hyphen's ActualText) is kept on the stack too.
        else open.push(typeof item.id === 'string' ? item.id : '');
      }
      type Node = { role?: string; lang?: string; type?: string; id?: string; children?: Node[] };
      const textOf = (node: Node): string =>
        node.type === 'content' ? (textById.get(node.id ?? '') ?? '') : (node.children ?? []).map(textOf).join('');
      const visit = (node: Node): void => {
        if (node.role !== undefined) runs.push({ role: node.role, lang: node.lang, text: textOf(node) });
        for (const child of node.children ?? []) visit(child);
      };
      visit((await page.getStructTree()) as unknown as Node);
    }
    return runs;
  } finally {
    await pdf.destroy();
  }
}

describe('a phrase in another language (real Chromium)', () => {
  it('is a Span with its /Lang in the PDF structure tree, and the PDF passes the checks', async () => {
    const content = await copyEnglishSample();
    const brief = join(content, 'countries/mali.md');
    await writeFile(
      brief,
      (await readFile(brief, 'utf8')).replace('scarce jobs for young\npeople', 'scarce [emplois des jeunes](lang:fr)'),
    );
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out, '--only', 'mali', '--jobs', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const pdf = join(out, 'countries/mali.pdf');
    const runs = await taggedRuns(pdf);
    const french = runs.filter((run) => run.lang === 'fr');
    expect(french.map((run) => run.role)).toEqual(['Span']);
    // Soft hyphens may sit between the syllables, and pdf.js gives a run the space before it: compare the letters.
    expect(french[0]?.text.replace(/\u00AD/g, '').trim()).toBe('emplois des jeunes');
    expect(runs.filter((run) => run.role === 'NonStruct' && run.lang !== undefined)).toEqual([]);
    expect(checkStandards(await readFile(pdf), pdf).map(describeFailure)).toEqual([]);
  });

  it('fails the document when Chromium dropped a language a layout marked, naming the fix', async () => {
    const content = await copyEnglishSample();
    const templates = await tempDir('factsheets-lang-templates-');
    await cp(TEMPLATES, templates, { recursive: true });
    const layout = join(templates, 'layouts/one-pager.hbs');
    // A plain <span>: Chromium leaves it, and its lang, out of the structure tree.
    await writeFile(
      layout,
      (await readFile(layout, 'utf8')).replace(
        '<h1 class="masthead__title">{{country.name}}</h1>',
        '<h1 class="masthead__title">{{country.name}} <span lang="fr">(Mali)</span></h1>',
      ),
    );
    const out = await tempDir();
    const result = await runCli([
      'build',
      '--content',
      content,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'mali',
      '--jobs',
      '1',
    ]);
    expect(result.stderr).toContain(
      'mali.md: error: its PDF does not meet PDF/UA-1: ISO 32000-1 14.9.2 (Matterhorn 11-001): a phrase marked lang="fr" in the page has no element with /Lang (fr) in the structure tree\n',
    );
    expect(result.stderr).toContain('give an element with a lang an explicit role (<span lang="fr" role="generic">)');
    expect(result.code).toBe(1);
    expect(await readdir(out, { recursive: true })).not.toContain('countries/mali.pdf');

    // The fix the hint names prints it.
    await writeFile(
      layout,
      (await readFile(layout, 'utf8')).replace('<span lang="fr">', '<span lang="fr" role="generic">'),
    );
    const fixed = await runCli([
      'build',
      '--content',
      content,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'mali',
      '--jobs',
      '1',
    ]);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
    expect(
      (await taggedRuns(join(out, 'countries/mali.pdf')))
        .filter((run) => run.lang === 'fr')
        .map((run) => [run.role, run.text.trim()]),
    ).toEqual([['Span', '(Mali)']]);
  });
});
