import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { createEnvironment, stylesheetFor } from '../../src/stages/render/handlebars/environment.js';
import { checkTemplateFiles } from '../../src/stages/validate/template-files.js';
import { templatesOf } from '../helpers/templates.js';

const view = { title: 'Mali <brief>', funding: { total: 159_000_000, share: 0.67 }, published: '2017-09-06' };

/** The template files' errors as the user reads them. */
function checkErrors(templates: Parameters<typeof checkTemplateFiles>[0]): string {
  return checkTemplateFiles(templates)
    .errors.map((error) => formatError(error))
    .join('\n');
}

function renderError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return formatError(error as never);
  }
  throw new Error('expected an error');
}

describe('layouts', () => {
  const templates = templatesOf({
    'layouts/page':
      '<title>{{title}}</title><style data-fonts>{{fonts}}</style><style>{{styles}}</style>{{> figure}}<main>{{{body}}}</main>',
    'partials/figure': '<p>{{money funding.total}} · {{percent funding.share}} · {{date published}}</p>',
    'styles/base': 'body { color: red }',
    'styles/page': '@page { size: A4 }',
  });
  const environment = createEnvironment(templates, '/* fonts */');

  it('escapes data, inserts the body once unescaped, formats with helpers', () => {
    expect(environment.renderLayout('page', view, '<h1>Body</h1>')).toBe(
      '<title>Mali &lt;brief&gt;</title><style data-fonts>/* fonts */</style><style>body { color: red }\n@page { size: A4 }</style>' +
        '<p>€159 million · 67% · 6 September 2017</p><main><h1>Body</h1></main>',
    );
  });

  it('embeds images from templates/assets as data: URIs, and names a missing one', () => {
    const withAssets = createEnvironment(
      templatesOf({
        'layouts/page': '<img src="{{asset "logos/mark.svg"}}" alt="">\n{{asset "nope.png"}}',
        'assets/logos/mark.svg': '<svg/>',
      }),
      '',
    );
    expect(renderError(() => withAssets.renderLayout('page', {}, ''))).toBe(
      'templates/layouts/page.hbs:2:1: error: asset: there is no image "nope.png" in templates/assets/ (images: logos/mark.svg)\n' +
        '  hint: Put the image in templates/assets/ and name it by its path there, e.g. {{asset "logo.svg"}}.',
    );
    const ok = createEnvironment(
      templatesOf({
        'layouts/page': '<img src="{{asset "logos/mark.svg"}}" alt="">',
        'assets/logos/mark.svg': '<svg/>',
      }),
      '',
    );
    expect(ok.renderLayout('page', {}, '')).toBe(
      `<img src="data:image/svg+xml;name&#x3D;templates%2Fassets%2Flogos%2Fmark.svg;base64,${Buffer.from('<svg/>').toString('base64').replace(/=/g, '&#x3D;')}" alt="">`,
    );
  });

  it('refuses an SVG asset that refers to a file outside itself, at the template that shows it', () => {
    const linked = createEnvironment(
      templatesOf({
        'layouts/page': '<p>\n<img src="{{asset "logo.svg"}}" alt="The agency">',
        'assets/logo.svg': '<svg><image href="logo.png"/></svg>',
      }),
      '',
    );
    expect(renderError(() => linked.renderLayout('page', {}, ''))).toMatch(
      /^templates\/layouts\/page\.hbs:2:11: error: asset: templates\/assets\/logo\.svg refers to "logo\.png" outside itself, which an image cannot load: it would print without it\n  hint: Embed what it refers to inside the SVG/,
    );
  });

  it('gives each layout the shared sheets plus its own, and only its own', () => {
    const two = templatesOf({ 'layouts/a': '', 'layouts/b': '', 'styles/base': 'B', 'styles/a': 'A', 'styles/b': 'X' });
    expect(stylesheetFor('a', two)).toBe('B\nA');
    expect(stylesheetFor('b', two)).toBe('B\nX');
  });

  it('refuses a layout whose fit steps its style sheets do not define, and a broken style sheet, before any page', () => {
    const misspelt = templatesOf({
      'layouts/brief': '<body data-fit-steps="compakt">',
      'styles/brief': '.b[data-fit-step="compact"] { --x: 1; }',
    });
    expect(checkErrors(misspelt)).toMatch(/^templates\/layouts\/brief\.hbs:1:23: error: the fit step "compakt" has no/);
    const unclosed = templatesOf({ 'layouts/brief': '<body>', 'styles/base': '.a { color: red;' });
    expect(checkErrors(unclosed)).toMatch(/^templates\/styles\/base\.css:1:1: error: this rule's "\{" is never closed/);
  });

  it('keeps a style sheet from closing its <style> element', () => {
    const hostile = templatesOf({ 'layouts/a': '', 'styles/a': 'x</style><script>alert(1)</script>' });
    expect(stylesheetFor('a', hostile)).not.toContain('</style>');
  });

  it('names the partial and position of an undefined field (strict mode)', () => {
    const broken = createEnvironment(
      templatesOf({ 'layouts/page': 'ok {{> figure}}', 'partials/figure': 'line\n  {{fundng.total}}' }),
      '',
    );
    expect(renderError(() => broken.renderLayout('page', view, ''))).toBe(
      'templates/partials/figure.hbs:2:5: error: "fundng.total" is not defined here\n' +
        "  hint: Check the spelling of the field; factsheets' docs/writing.md lists the data each document sees.",
    );
  });

  it('names the layout, line and column of a syntax error when the build starts: an unclosed block at the tag that opens it', () => {
    expect(checkErrors(templatesOf({ 'layouts/page': 'a\n  {{#if x}}\nb' }))).toBe(
      'templates/layouts/page.hbs:2:3: error: the {{#if}} block opened here is never closed\n' +
        '  hint: Close it with {{/if}} where the block ends.',
    );
  });

  it.each([
    '{{constructor.name}}',
    '{{__proto__}}',
    '{{#with this as |o|}}{{o.constructor.constructor}}{{/with}}',
    '{{#with "s" as |string|}}{{#with string.constructor}}{{this}}{{/with}}{{/with}}',
  ])('does not reach prototype properties: %s', (payload) => {
    const environment = createEnvironment(templatesOf({ 'layouts/page': payload }), '');
    let output = '';
    try {
      output = environment.renderLayout('page', {}, '');
    } catch (error) {
      expect(formatError(error as never)).toMatch(/^templates\/layouts\/page\.hbs/);
    }
    expect(output).not.toMatch(/function|native code|Object|String/);
  });
});

describe('figures in prose', () => {
  const environment = createEnvironment(templatesOf({}), '');

  it('fills in figures with the formatting helpers', () => {
    expect(
      environment.renderProse('Total: {{money funding.total}} ({{percent funding.share}}).', view, 'mali.md'),
    ).toBe('Total: €159 million (67%).');
  });

  it('points a misspelt field at the Markdown file line and column', () => {
    const markdown = '\n\n\n\nIntro.\n\nThe total is {{money funding.totl}}.';
    expect(renderError(() => environment.renderProse(markdown, view, 'content/countries/mali.md'))).toBe(
      'content/countries/mali.md:7:14: error: "funding.totl" is not defined here (money expects a number, got undefined)\n' +
        "  hint: Check the spelling of the field; factsheets' docs/writing.md lists the data each document sees.",
    );
  });

  it('allows only the formatting helpers, and no partials', () => {
    expect(renderError(() => environment.renderProse('x\n{{shell "rm -rf /"}}', view, 'a.md'))).toMatch(
      /^a\.md:2:1: error: unknown helper "shell"\n  hint: Only these helpers are available here: money, number, percent, wholePercent, date\.$/,
    );
    expect(renderError(() => environment.renderProse('{{> head}}', view, 'a.md'))).toMatch(
      /^a\.md: error: The partial head could not be found/,
    );
  });

  it('escapes HTML in data cited by prose', () => {
    expect(environment.renderProse('{{title}}', view, 'a.md')).toBe('Mali &lt;brief&gt;');
  });
});
