import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { checkTemplateFiles } from '../../src/stages/validate/template-files.js';
import { layoutSheets } from '../../src/stages/layout-sheets.js';
import { stylesheetFor } from '../../src/stages/render/handlebars/environment.js';
import { templatesHash } from '../../src/pipeline/manifest.js';
import { templatesOf } from '../helpers/templates.js';

/** Each error as the user reads it, and the layouts that cannot print. */
function check(files: Readonly<Record<string, string>>): { errors: string[]; broken: string[] } {
  const result = checkTemplateFiles(templatesOf(files));
  return { errors: result.errors.map((error) => formatError(error)), broken: [...result.broken.keys()].sort() };
}

const THREE_LAYOUTS = {
  'layouts/factsheet': '<main>{{> figures}}</main>',
  'layouts/one-pager': '<main>{{> badge}}</main>',
  'layouts/briefing-pack': '<main>{{> badge}}</main>',
  'partials/figures': '<div>{{#each keyFigures}}{{> key-figure}}{{/each}}</div>',
  'partials/key-figure': '<p>{{value}}</p>',
  'partials/badge': '<span>Sample</span>',
};

describe('a broken template file stops only the layouts that use it', () => {
  it('a broken partial: one error at its file, line and column, and only the layouts that reach it (through another partial too) stop', () => {
    expect(check({ ...THREE_LAYOUTS, 'partials/key-figure': '<p>{{value}}</p>\n  {{#if}}\n' })).toEqual({
      errors: [
        'templates/partials/key-figure.hbs:2:3: error: the {{#if}} block opened here is never closed\n  hint: Close it with {{/if}} where the block ends.',
      ],
      broken: ['factsheet'],
    });
  });

  it('a broken partial no layout uses is still an error, and stops no layout', () => {
    expect(check({ ...THREE_LAYOUTS, 'partials/old': 'x {{> }}' })).toEqual({
      errors: [
        expect.stringMatching(
          /^templates\/partials\/old\.hbs:1:7: error: template syntax error: the expression ends here before it is complete\n {2}hint: Complete it before its "\}\}": a partial's name after \{\{>/,
        ),
      ],
      broken: [],
    });
  });

  it('a broken layout stops itself alone; a block closed by the wrong tag is named by both tags', () => {
    expect(check({ ...THREE_LAYOUTS, 'layouts/one-pager': '<main>\n {{#if x}}{{> badge}}{{/each}}</main>' })).toEqual({
      errors: [
        'templates/layouts/one-pager.hbs:2:5: error: the {{#if}} block is closed by {{/each}}\n  hint: Close it with {{/if}}, or open the {{#each}} block that {{/each}} was meant to close.',
      ],
      broken: ['one-pager'],
    });
  });

  it('a partial that does not exist is one error at the {{> …}} that names it; a {{#> …}} block with its own content is not', () => {
    expect(
      check({ ...THREE_LAYOUTS, 'partials/figures': '<div>\n{{#> fallback}}none{{/fallback}}{{> key-figur}}</div>' }),
    ).toEqual({
      errors: [
        'templates/partials/figures.hbs:2:33: error: there is no partial "key-figur" (did you mean "key-figure"?)\n  hint: Write {{> key-figure}}, the partial in templates/partials/.',
      ],
      broken: ['factsheet'],
    });
  });

  it('a partial chosen while rendering could be any: a broken partial stops its layout', () => {
    expect(
      check({
        'layouts/page': '{{> (lookup . "which")}}',
        'layouts/other': 'ok',
        'partials/a': 'ok',
        'partials/b': '{{#if x}}',
      }).broken,
    ).toEqual(['page']);
  });

  it('a broken style sheet stops the layouts that get it: all, when shared; its own layout, when named after one', () => {
    const broken = { ...THREE_LAYOUTS, 'styles/one-pager': '.a { color: red;' };
    expect(check(broken)).toEqual({
      errors: [
        expect.stringMatching(/^templates\/styles\/one-pager\.css:1:1: error: this rule's "\{" is never closed/),
      ],
      broken: ['one-pager'],
    });
    expect(check({ ...THREE_LAYOUTS, 'styles/base': '.a { colr: red; }' }).broken).toEqual([
      'briefing-pack',
      'factsheet',
      'one-pager',
    ]);
  });

  it('many documents of a broken layout: still one error (the check is per file, the build fails the documents by layout)', () => {
    const result = checkTemplateFiles(templatesOf({ ...THREE_LAYOUTS, 'partials/badge': '{{#each}}' }));
    expect(result.errors).toHaveLength(1);
    expect([...result.broken.keys()].sort()).toEqual(['briefing-pack', 'one-pager']);
    expect(result.broken.get('one-pager')).toBe(result.errors[0]);
  });
});

describe('a layout names its style sheets (data-style-sheets)', () => {
  const SHARED = {
    'layouts/brief-a': '<html data-style-sheets="base.css brief.css">A</html>',
    'layouts/brief-b': '<html data-style-sheets="base.css brief.css brief-b.css">B</html>',
    'layouts/factsheet': '<html>F</html>',
    'styles/base': '.base {}',
    'styles/brief': '.brief {}',
    'styles/brief-b': '.b {}',
    'styles/factsheet': '.factsheet {}',
    'styles/unrelated': '.unrelated {}',
  };

  it('gets the sheets it names, in that order, shared ones included; a layout that names none keeps the default', () => {
    const templates = templatesOf(SHARED);
    expect(stylesheetFor('brief-a', templates)).toBe('.base {}\n.brief {}');
    expect(stylesheetFor('brief-b', templates)).toBe('.base {}\n.brief {}\n.b {}');
    expect(stylesheetFor('factsheet', templates)).toBe('.base {}\n.brief {}\n.unrelated {}\n.factsheet {}');
    expect(checkTemplateFiles(templates).errors).toEqual([]);
  });

  it('a commented-out declaration does not count', () => {
    const templates = templatesOf({
      ...SHARED,
      'layouts/brief-a': '{{!-- data-style-sheets="brief.css" --}}<html>A</html>',
    });
    expect(layoutSheets('brief-a', templates).declaration).toBeUndefined();
  });

  it("a sheet it names that does not exist is one error at the layout's line and column, naming the sheet; its layout alone stops", () => {
    expect(
      check({ ...SHARED, 'layouts/brief-a': '<!DOCTYPE html>\n<html data-style-sheets="base.css brif.css">A</html>' }),
    ).toEqual({
      errors: [
        'templates/layouts/brief-a.hbs:2:35: error: the style sheet "brif.css" that data-style-sheets names is not in templates/styles/ (did you mean "brief.css"?)\n  hint: Write "brief.css".',
      ],
      broken: ['brief-a'],
    });
    expect(check({ ...SHARED, 'layouts/brief-a': '<html data-style-sheets="{{sheet}}">' }).errors).toEqual([
      expect.stringMatching(
        /^templates\/layouts\/brief-a\.hbs:1:26: error: data-style-sheets must name the style sheets as written/,
      ),
    ]);
  });

  it('a broken sheet stops the layouts that name it, and only them', () => {
    expect(check({ ...SHARED, 'styles/brief': '.brief {' }).broken).toEqual(['brief-a', 'brief-b', 'factsheet']);
    expect(check({ ...SHARED, 'styles/brief-b': '.b {' }).broken).toEqual(['brief-b']);
    expect(check({ ...SHARED, 'styles/unrelated': '.u {' }).broken).toEqual(['factsheet']);
  });

  it('its fit steps are looked for in the sheets it names', () => {
    const fit = {
      ...SHARED,
      'layouts/brief-a': '<body data-style-sheets="base.css brief.css" data-fit-steps="compact">',
      'styles/brief-b': '.b[data-fit-step="compact"] {}',
    };
    expect(check(fit).errors).toEqual([
      expect.stringMatching(/brief-a\.hbs:1:62: error: the fit step "compact" has no \[data-fit-step="compact"\] rule/),
    ]);
    expect(check({ ...fit, 'styles/brief': '.a[data-fit-step="compact"] {}' }).errors).toEqual([]);
  });

  it('its documents are made again when a sheet it names changes, and not when another sheet does', () => {
    const before = templatesOf(SHARED);
    const hashOf = (files: Readonly<Record<string, string>>): string =>
      templatesHash('brief-a', templatesOf(files), 'en');
    expect(hashOf(SHARED)).toBe(templatesHash('brief-a', before, 'en'));
    expect(hashOf({ ...SHARED, 'styles/brief': '.brief { color: red }' })).not.toBe(hashOf(SHARED));
    expect(hashOf({ ...SHARED, 'styles/unrelated': '.unrelated { color: red }' })).toBe(hashOf(SHARED));
    expect(hashOf({ ...SHARED, 'styles/brief-b': '.b { color: red }' })).toBe(hashOf(SHARED));
    // The default is unchanged: a layout that names none gets every shared sheet.
    expect(
      templatesHash('factsheet', templatesOf({ ...SHARED, 'styles/unrelated': '.u { color: red }' }), 'en'),
    ).not.toBe(templatesHash('factsheet', before, 'en'));
  });
});
