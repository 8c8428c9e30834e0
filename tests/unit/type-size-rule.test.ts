import { describe, expect, it } from 'vitest';
import { typeSizeRuleOf } from '../../src/stages/layout-sheets.js';
import { templatesOf } from '../helpers/templates.js';

const TEMPLATES = {
  'layouts/one-pager': '<html data-style-sheets="base.css one-pager.css">{{{body}}}</html>',
  'styles/base': '@page { size: A4; }\n.bar-chart { margin: 0; }\n.bar-chart__label { font: 10px sans-serif; }\n',
  'styles/one-pager':
    '.panel { width: 54mm; }\n.bar-chart__label-group { font-size: 9pt; }\n.panel .bar-chart__label,\n.x { fill: #333; font-size: 0.45em; }\n.bar-chart__label { fill: red; }\n',
};

describe("where a layout's style sheets set the size of text printed too small", () => {
  it("names the last rule with the element's class that sets font-size, at its sheet and line (not a longer class name)", () => {
    expect(typeSizeRuleOf('text.bar-chart__label', 'one-pager', templatesOf(TEMPLATES))).toEqual({
      file: 'templates/styles/one-pager.css',
      line: 3,
    });
  });

  it("names the sheet that sizes the page when no rule sets that element's size", () => {
    expect(typeSizeRuleOf('span.sample-badge', 'one-pager', templatesOf(TEMPLATES))).toEqual({
      file: 'templates/styles/base.css',
    });
    expect(typeSizeRuleOf('th', 'one-pager', templatesOf(TEMPLATES))).toEqual({ file: 'templates/styles/base.css' });
  });
});
