import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitDeclarationError } from '../../src/stages/render/handlebars/fit-declarations.js';
import { TEMPLATES } from '../helpers/content.js';

const SHEET =
  '.one-pager[data-fit-step="compact"] { --body-size: 10pt; }\n.one-pager[data-fit-step="dense"] { --body-size: 9pt; }\n';
const layout = (body: string) => ({
  displayPath: 'templates/layouts/house.hbs',
  absolutePath: '/p/house.hbs',
  text: `{{!-- house --}}\n${body}\n`,
});
const described = (body: string, sheets = [SHEET]) => {
  const error = fitDeclarationError(layout(body), sheets);
  return error === undefined ? undefined : `${error.line}:${error.column} ${error.message} | ${error.hint}`;
};

describe("a layout's fit declarations are checked at the layout", () => {
  it('passes the bundled one-pager with its style sheets', () => {
    const text = readFileSync(join(TEMPLATES, 'layouts/one-pager.hbs'), 'utf8');
    const sheets = ['base.css', 'one-pager.css'].map((name) => readFileSync(join(TEMPLATES, 'styles', name), 'utf8'));
    expect(
      fitDeclarationError({ displayPath: 'one-pager.hbs', absolutePath: 'one-pager.hbs', text }, sheets),
    ).toBeUndefined();
  });

  it('names a step no style sheet defines, at its word, with the near one', () => {
    expect(described('<body data-fit-steps="compakt dense" data-fit-min-lines="6 4 3">')).toBe(
      '2:23 the fit step "compakt" has no [data-fit-step="compakt"] rule in the layout\'s style sheets (did you mean "compact"?) | Write "compact", the step the style sheet defines.',
    );
    expect(described('<body data-fit-steps="compact tight" data-fit-min-lines="6 4 3">')).toMatch(
      /^2:31 the fit step "tight" has no \[data-fit-step="tight"\] rule.*\| Define it in the layout's style sheet/,
    );
  });

  it('wants one whole number of lines for the design and one per step', () => {
    expect(described('<body data-fit-steps="compact dense" data-fit-min-lines="6 4">')).toMatch(
      /^2:58 data-fit-min-lines gives 2 numbers for 3 steps \(the design, then 2 in data-fit-steps\) \| .*data-fit-min-lines="6 4 3"/,
    );
    expect(described('<body data-fit-steps="compact dense" data-fit-min-lines="6 four 3">')).toMatch(
      /^2:58 data-fit-min-lines holds "four", which is not a whole number of lines/,
    );
  });

  it('leaves values made by Handlebars, and layouts that declare no steps, alone', () => {
    expect(described('<body data-fit-steps="{{layoutSteps}}" data-fit-min-lines="{{lines}}">')).toBeUndefined();
    expect(described('<body class="plain">')).toBeUndefined();
  });
});
