import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { validateDocument } from '../../src/stages/validate/front-matter.js';
import { source } from '../helpers/sources.js';

const LAYOUTS = new Set(['factsheet', 'one-pager']);

function onePager(text: string, path = 'content/countries/mali.md') {
  return validateDocument(source(path, text), 'one-pager', LAYOUTS);
}

function errorsOf(result: ReturnType<typeof onePager>): string[] {
  return (result.errors ?? []).map(formatError);
}

describe('validateDocument: good input', () => {
  it('reads YAML front matter and keeps the body at its file line numbers', () => {
    const result = onePager("---\nname: Côte d'Ivoire\niso: CI\nrole: origin\n---\n\n## Title\n");
    expect(result.errors).toBeUndefined();
    expect(result.document?.meta).toEqual({
      kind: 'one-pager',
      name: "Côte d'Ivoire",
      iso: 'CI',
      role: 'origin',
      template: 'one-pager',
      keywords: [],
    });
    expect(result.document?.body.split('\n')[6]).toBe('## Title');
    expect(result.document?.keyLines).toEqual({ name: 2, iso: 3, role: 4 });
  });

  it('reads a factsheet with figures, key figures and quotes', () => {
    const result = validateDocument(
      source(
        'content/factsheet.md',
        [
          '---',
          'title: T',
          'date: 2017-09-06',
          'figures:',
          '  total: 2900000000',
          'key_figures:',
          '  - figure: total',
          '    label: in the fund',
          'quotes:',
          '  - text: Q',
          '    author: A',
          '---',
          'Body',
        ].join('\n'),
      ),
      'factsheet',
      LAYOUTS,
    );
    expect(result.errors).toBeUndefined();
    expect(result.document?.meta).toMatchObject({
      kind: 'factsheet',
      title: 'T',
      date: '2017-09-06',
      figures: { total: 2_900_000_000 },
      keyFigures: [{ figure: 'total', label: 'in the fund', format: 'money' }],
      quotes: [{ text: 'Q', author: 'A' }],
      countries: [],
    });
  });
});

describe('validateDocument: each kind of bad front matter, with its exact message', () => {
  it('malformed YAML', () => {
    expect(errorsOf(onePager('---\nname: Mali\niso: [ML\n---\n'))).toEqual([
      'content/countries/mali.md:3:9: error: the front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n' +
        '  hint: Fix the YAML syntax: "key: value" pairs, consistent indentation, and quotes around values that contain ": " or start with a special character.',
    ]);
  });

  it('a value with ": " that needs quotes', () => {
    expect(errorsOf(onePager('---\nname: Mali\niso: ML\nsummary: Gateway: the Sahara\n---\n'))[0]).toMatch(
      /^content\/countries\/mali\.md:4:10: error: the front matter is not valid YAML: Nested mappings are not allowed in compact mappings/,
    );
  });

  it('a missing required field', () => {
    expect(errorsOf(onePager('---\nname: Mali\n---\n'))).toEqual([
      'content/countries/mali.md:1:1: error: missing required field "iso"\n  hint: Add "iso: …" to the front matter.',
    ]);
  });

  it('a wrongly typed field, at its own line and column', () => {
    expect(errorsOf(onePager('---\nname: Mali\niso: MLI\ndate: 6 September\n---\n'))).toEqual([
      'content/countries/mali.md:3:6: error: field "iso" is not an ISO 3166-1 alpha-2 country code (two capitals, e.g. ML)\n' +
        '  hint: Correct the value of "iso" in the front matter.',
      'content/countries/mali.md:4:7: error: field "date" must be an ISO date (YYYY-MM-DD)\n' +
        '  hint: Correct the value of "date" in the front matter.',
    ]);
  });

  it.each(['js', 'javascript', 'coffee'])('non-YAML front matter (---%s) is refused, never run', (language) => {
    const text = `---${language}\n{ title: require('fs').writeFileSync('/tmp/pwned', 'x') }\n---\n`;
    expect(errorsOf(onePager(text))).toEqual([
      `content/countries/mali.md:1:4: error: front matter in "${language}" is not accepted: only YAML front matter is\n` +
        '  hint: Start the file with a line of exactly "---", write the fields as YAML, and close with "---".',
    ]);
  });

  it('no front matter, or front matter never closed', () => {
    expect(errorsOf(onePager('# Mali\n'))[0]).toBe(
      'content/countries/mali.md:1:1: error: the file has no front matter\n' +
        '  hint: Start the file with "---", the YAML fields (e.g. title: …), and a closing "---" line.',
    );
    expect(errorsOf(onePager('---\nname: Mali\n'))[0]).toMatch(/mali\.md:1:1: error: the front matter is never closed/);
  });

  it.each(['../../etc/passwd', '/etc/passwd', 'layouts/one-pager', 'one-pager.hbs'])(
    'a template that is a path (%s)',
    (template) => {
      expect(errorsOf(onePager(`---\nname: Mali\niso: ML\ntemplate: ${template}\n---\n`))).toEqual([
        'content/countries/mali.md:4:11: error: field "template" must be the bare name of a layout in templates/layouts/ (lowercase letters, digits and dashes; no path)\n' +
          '  hint: Correct the value of "template" in the front matter.',
      ]);
    },
  );

  it('a template that does not exist', () => {
    expect(errorsOf(onePager('---\nname: Mali\niso: ML\ntemplate: brochure\n---\n'))).toEqual([
      'content/countries/mali.md:4:11: error: field "template": there is no layout "brochure"\n' +
        '  hint: Use one of: factsheet, one-pager (files in templates/layouts/).',
    ]);
  });

  it('a key figure that names no figure', () => {
    const result = validateDocument(
      source(
        'content/factsheet.md',
        '---\ntitle: T\nfigures:\n  total: 1\nkey_figures:\n  - figure: totl\n    label: L\n---\n',
      ),
      'factsheet',
      LAYOUTS,
    );
    expect(errorsOf(result)).toEqual([
      'content/factsheet.md:6:13: error: field "key_figures[0].figure": there is no figure "totl"\n' +
        '  hint: Add "totl" under "figures", or use one of: total.',
    ]);
  });

  it('a chart bar that names no figure', () => {
    const result = validateDocument(
      source(
        'content/factsheet.md',
        '---\ntitle: T\nfigures:\n  total: 1\ncharts:\n  - title: C\n    bars:\n      - figure: totl\n        label: L\n---\n',
      ),
      'factsheet',
      LAYOUTS,
    );
    expect(errorsOf(result)).toEqual([
      'content/factsheet.md:8:17: error: field "charts[0].bars[0].figure": there is no figure "totl"\n' +
        '  hint: Add "totl" under "figures", or use one of: total.',
    ]);
  });

  it('YAML tags are data, never code', () => {
    expect(errorsOf(onePager('---\nname: !!js/function "function(){}"\niso: ML\n---\n'))[0]).toMatch(
      /mali\.md:2:7: error: the front matter is not valid YAML: Unresolved tag: tag:yaml.org,2002:js\/function/,
    );
  });

  it('a file name that cannot be a document name', () => {
    expect(errorsOf(onePager('---\nname: Mali\niso: ML\n---\n', 'content/countries/Mali Brief.md'))[0]).toBe(
      'content/countries/Mali Brief.md: error: "Mali Brief" is not a usable document name\n' +
        '  hint: Name the file in lowercase letters, digits and dashes, e.g. cote-d-ivoire.md, and an edition in another language with its language after a dot, e.g. cote-d-ivoire.fr.md.',
    );
  });

  it('an edition: its language from the file name, its base name shared with its other editions', () => {
    const result = validateDocument(
      source('content/countries/mali.fr.md', '---\nname: Mali\niso: ML\n---\n'),
      'one-pager',
      new Set(['one-pager']),
    );
    expect(result.document).toMatchObject({ name: 'mali.fr', baseName: 'mali', lang: 'fr' });
    const brazilian = validateDocument(
      source('content/countries/mali.pt-br.md', '---\nname: Mali\niso: ML\n---\n'),
      'one-pager',
      new Set(['one-pager']),
    );
    expect(brazilian.document).toMatchObject({ name: 'mali.pt-br', baseName: 'mali', lang: 'pt-BR' });
    const stated = validateDocument(
      source('content/countries/mali.md', '---\nname: Mali\niso: ML\nlang: fr\n---\n'),
      'one-pager',
      new Set(['one-pager']),
    );
    expect(stated.document).toMatchObject({ name: 'mali', baseName: 'mali', lang: 'fr' });
  });

  it('a language in the front matter that disagrees with the file name', () => {
    expect(errorsOf(onePager('---\nname: Mali\niso: ML\nlang: de\n---\n', 'content/countries/mali.fr.md'))).toEqual([
      'content/countries/mali.fr.md:4:7: error: "lang: de" disagrees with the file name, which makes this the "fr" edition\n' +
        '  hint: Rename the file to end in .de.md, or set lang to fr (or remove it).',
    ]);
    expect(
      errorsOf(onePager('---\nname: Mali\niso: ML\nlang: english\n---\n', 'content/countries/mali.md'))[0],
    ).toContain('field "lang" must be a language tag such as en, fr or pt-BR');
  });
});
