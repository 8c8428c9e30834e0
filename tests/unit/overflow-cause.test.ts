import { describe, expect, it } from 'vitest';
import {
  describeElement,
  elementLine,
  markdownPlace,
  ruleAt,
  tallColumnError,
  tooWideError,
} from '../../src/stages/overflow-cause.js';
import type { FitOutcome, TallColumn } from '../../src/model/fit.js';
import type { RenderJob } from '../../src/model/documents.js';
import { onePagerDocument } from '../helpers/documents.js';
import { source } from '../helpers/sources.js';
import { templatesOf } from '../helpers/templates.js';

const LAYOUT = [
  '<body class="one-pager{{#if edition.print}} print-edition{{/if}}">',
  '<div class="columns{{#unless fundingRecorded}} columns--single{{/unless}}">',
  '  <main class="prose" data-fit-prose="narrative">{{{body}}}</main>',
  '  <aside class="panel">a decoy without the role</aside>',
  '  <aside class="data-panel panel" data-fit-beside>',
].join('\n');
const templates = templatesOf({
  'layouts/one-pager': LAYOUT,
  'layouts/factsheet': '<body></body>',
  'styles/base': '.prose td { overflow-wrap: anywhere; }\n',
  'styles/factsheet': '.lede { white-space: nowrap; }\n',
  'layouts/zz-other': '<body></body>',
  // Another layout's sheet, after the one-pager's: never the one-pager's rules.
  'styles/zz-other': '.one-pager .lede { white-space: nowrap; }\n',
  'styles/one-pager':
    '.one-pager .lede {\n  color: red;\n  white-space: nowrap;\n}\n@media print {\n  .one-pager .lede { white-space: nowrap; }\n}\n[data-fit-step="dense"] .wide { min-width: 250mm; }\n',
});
const body =
  '## Why\n\nA line with averyveryverylongwordindeed in it.\n\n| Region | Amount |\n|---|---|\n| North | 12 |\n\n![A map of the region](map.png)\n';
const job: RenderJob = {
  document: onePagerDocument('mali', 'name: Mali\niso: ML', `\n${body}`),
  kind: 'one-pager',
  layout: 'one-pager',
  lang: 'en',
  outputPath: 'countries/mali.pdf',
  view: {},
  maxPages: 1,
  info: { title: 'Mali', author: 'Team', subject: 'A brief', keywords: [], creator: 'factsheets' },
};
const panel = { tag: 'aside', classes: ['data-panel', 'panel'], roles: ['data-fit-beside'] };
const prose = { tag: 'main', classes: ['prose'], roles: ['data-fit-prose="narrative"'] };

describe("the column that sets a page's height", () => {
  it('is named as the layout writes it, at its line in the layout (its classes and roles, not a decoy of the same tag)', () => {
    expect(describeElement(panel)).toBe('<aside class="data-panel panel" data-fit-beside>');
    expect(elementLine(source('templates/layouts/one-pager.hbs', LAYOUT), panel)).toBe(5);
    expect(
      elementLine(source('templates/layouts/one-pager.hbs', LAYOUT), { tag: 'div', classes: ['columns'], roles: [] }),
    ).toBe(2);
    expect(
      elementLine(source('templates/layouts/one-pager.hbs', LAYOUT), { tag: 'section', classes: [], roles: [] }),
    ).toBeUndefined();
  });

  const fitOf = (tallColumn: TallColumn): FitOutcome & { tallColumn: TallColumn } => ({
    step: 'dense',
    stepIndex: 2,
    fits: false,
    roomMm: -23.2,
    roomLines: 0,
    bodyPt: 9,
    tallColumn,
  });
  const opening =
    'does not fit on one page even at its densest step ("dense", 9 pt body text, 3 funding lines): it prints on 2 pages';

  it('says by how much the page overflows and how much taller the column is, and that cutting the prose would not help', () => {
    expect(
      tallColumnError(job, fitOf({ column: panel, beside: prose, tallerMm: 61.6 }), opening, templates),
    ).toMatchObject({
      file: 'content/countries/mali.md',
      document: 'mali',
      message: `${opening}, overflowing by 24 mm: its height is set by the <aside class="data-panel panel" data-fit-beside> of templates/layouts/one-pager.hbs:5, 62 mm taller than the <main class="prose" data-fit-prose="narrative"> beside it`,
      hint: "Make that column at least 24 mm shorter (less in it, or smaller type or more width for it in the layout's style sheet); cutting the prose beside it would not help.",
    });
  });

  it('says what else must give when the column cannot shrink enough before the prose beside it sets the height', () => {
    expect(tallColumnError(job, fitOf({ column: panel, beside: prose, tallerMm: 10.2 }), opening, undefined).hint).toBe(
      'Make that column up to 10 mm shorter (the height of the <main class="prose" data-fit-prose="narrative"> beside it); the page needs 14 mm more from the summary or the layout: cutting the prose beside it would not help.',
    );
  });
});

describe('content too wide, at its cause', () => {
  const measured = { what: 'a p (.lede) "A Sahel country…"', widthMm: 261, roomMm: 210 };

  it("finds a style rule's declaration in the layout's sheets only: the last that matches, @media included, selectors compared as the CSSOM writes them", () => {
    const sheets = [...templates.styles.values()].filter((sheet) => !/factsheet|zz-other/.test(sheet.displayPath));
    expect(
      ruleAt(sheets, { element: prose, selector: '.one-pager .lede', property: 'white-space', value: 'nowrap' }),
    ).toEqual({ file: 'templates/styles/one-pager.css', line: 6, column: 22 });
    expect(
      ruleAt(sheets, {
        element: prose,
        selector: '[data-fit-step=dense] .wide',
        property: 'min-width',
        value: '250mm',
      }),
    ).toEqual({ file: 'templates/styles/one-pager.css', line: 8, column: 33 });
    expect(
      ruleAt(sheets, { element: prose, selector: '.lede', property: 'white-space', value: 'nowrap' }),
    ).toBeUndefined();
  });

  it("blames the style rule that widened it, at the style sheet's line, never a sheet of another layout", () => {
    const rule = {
      element: { tag: 'p', classes: ['lede'], roles: ['data-fit-prose="summary"'] },
      selector: '.one-pager .lede',
      property: 'white-space',
      value: 'nowrap',
    };
    expect(tooWideError(job, { ...measured, rule }, templates)).toMatchObject({
      file: 'templates/styles/one-pager.css',
      line: 6,
      column: 22,
      document: 'mali',
      message:
        'is wider than its page: a p (.lede) "A Sahel country…" is 261 mm wide where 210 mm fit, made so by the style rule ".one-pager .lede { white-space: nowrap }" on its <p class="lede" data-fit-prose="summary">, and Chromium would shrink the whole document to fit it',
      hint: 'Let the text wrap: remove "white-space: nowrap" from that rule, or keep it for short text only; nothing on a page is scaled to fit.',
    });
    expect(
      tooWideError(job, { ...measured, rule: { ...rule, property: 'min-width', value: '250mm' } }, templates),
    ).toMatchObject({
      file: 'content/countries/mali.md',
      hint: 'Give it a width the page holds (at most 210 mm, or a share such as 100%); nothing on a page is scaled to fit.',
    });
  });

  it("finds what the page found in the Markdown: a table's row, an image, a word (at the file's own line numbers)", () => {
    expect(markdownPlace(job.document.body, { kind: 'table', text: 'Region' })).toEqual({ line: 10, column: 1 });
    expect(markdownPlace(job.document.body, { kind: 'image', text: 'A map of the region' })).toEqual({
      line: 14,
      column: 1,
    });
    expect(markdownPlace(job.document.body, { kind: 'word', text: 'averyveryverylongwordindeed' })).toEqual({
      line: 8,
      column: 13,
    });
    expect(markdownPlace(job.document.body, { kind: 'word', text: 'Mali' })).toBeUndefined();
  });

  it('blames the Markdown at its line when no rule widened it, with a hint for what it is; else the document as before', () => {
    expect(
      tooWideError(
        job,
        { ...measured, what: 'a p "A line with…"', sample: { kind: 'word', text: 'averyveryverylongwordindeed' } },
        templates,
      ),
    ).toMatchObject({
      file: 'content/countries/mali.md',
      line: 8,
      column: 13,
      message:
        'is wider than its page: a p "A line with…" is 261 mm wide where 210 mm fit, and Chromium would shrink the whole document to fit it',
      hint: 'Break "averyveryverylongwordindeed" with spaces or hyphens (a web address can be a link with a few words: [text](address)); nothing on a page is scaled to fit.',
    });
    const unplaced = tooWideError(job, { ...measured, sample: { kind: 'word', text: 'Mali' } }, templates);
    expect({ line: unplaced.line, hint: unplaced.hint }).toEqual({
      line: undefined,
      hint: 'Make it narrower: fewer columns in a Markdown table, shorter words, a smaller image; nothing on a page is scaled to fit.',
    });
  });
});
