import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { checkTemplateFiles } from '../../src/stages/validate/template-files.js';
import { undescribedImages } from '../../src/stages/render/handlebars/undescribed-images.js';
import { TEMPLATES } from '../helpers/content.js';
import { templatesOf } from '../helpers/templates.js';

/** The one error a set of templates gives when checked, as the user reads it. */
function compileError(files: Readonly<Record<string, string>>): string {
  const { errors } = checkTemplateFiles(templatesOf(files));
  return errors.length === 0 ? 'no error' : errors.map(formatError).join('\n');
}

describe('undescribed images in templates', () => {
  it('finds an <img> without alt and an <svg> without a name, at their line and column', () => {
    const text =
      '<header>\n  <p>{{title}}</p>\n    <img src="{{asset "logo.png"}}" class="logo">\n</header>\n<div><svg viewBox="0 0 10 10"><rect/></svg></div>';
    expect(undescribedImages(text)).toEqual([
      { tag: 'img', line: 3, column: 5 },
      { tag: 'svg', line: 5, column: 6 },
    ]);
  });

  it('accepts alt text, alt="" for decoration, a named or titled <svg>, and hidden ones', () => {
    const described = [
      '<img src="a.png" alt="The EU flag">',
      '<img src="a.png" alt="">',
      '<IMG SRC=a.png ALT>',
      '<img src="{{asset "a.png"}}" alt="{{t "logo.description"}}">',
      '<img src="a.png" aria-hidden="true">',
      '<img src="a.png" role="presentation">',
      '<svg role="img" aria-label="{{t "map.description" country=country.name}}"></svg>',
      '<svg aria-labelledby="chart-title"></svg>',
      '<svg role="img"><title>{{caption}}</title><rect/></svg>',
      '<svg aria-hidden="true"><rect/></svg>',
      '<svg role="none"/>',
      // Not markup: comments, and an attribute list a helper writes (left to the PDF check).
      '{{!-- <img src="a.png"> --}}<!-- <svg></svg> -->{{! <img> }}',
      '<img src="a.png" {{attributes}}>',
    ];
    for (const text of described) expect(undescribedImages(text), text).toEqual([]);
  });

  it('is not fooled by a ">" or a quote inside an expression, an empty name or an empty title', () => {
    expect(undescribedImages('<img src="{{#if (gt a 1)}}a{{else}}b{{/if}}" data-x="{{t "x>y"}}">')).toEqual([
      { tag: 'img', line: 1, column: 1 },
    ]);
    expect(undescribedImages('<svg aria-label=" "></svg>')).toEqual([{ tag: 'svg', line: 1, column: 1 }]);
    expect(undescribedImages('<svg><title> </title></svg>')).toEqual([{ tag: 'svg', line: 1, column: 1 }]);
    expect(undescribedImages('<svg/><title>a</title>')).toEqual([{ tag: 'svg', line: 1, column: 1 }]);
  });

  it('fails the templates with one error at the first undescribed image, naming the file, line and column', () => {
    expect(compileError({ 'layouts/one-pager': '<main>\n  {{{body}}}\n  <img src="logo.png">\n</main>' })).toBe(
      'templates/layouts/one-pager.hbs:3:3: error: <img> has no alt text\n  hint: Describe it with alt="…", or mark it decorative with alt="".',
    );
    expect(
      compileError({
        'layouts/one-pager': '{{> badge}}',
        'partials/badge': '<span>\n<svg viewBox="0 0 4 4"><circle r="2"/></svg></span>',
      }),
    ).toBe(
      'templates/partials/badge.hbs:2:1: error: <svg> has no accessible name\n' +
        '  hint: Name it with role="img" and aria-label="…" (or a <title> inside it), or hide a decorative one with aria-hidden="true".',
    );
  });

  it('passes the bundled layouts and partials', async () => {
    for (const folder of ['layouts', 'partials']) {
      for (const name of await readdir(join(TEMPLATES, folder))) {
        expect(undescribedImages(await readFile(join(TEMPLATES, folder, name), 'utf8')), `${folder}/${name}`).toEqual(
          [],
        );
      }
    }
  });
});
