import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { styleSheetError } from '../../src/stages/validate/style-sheets.js';
import { TEMPLATES } from '../helpers/content.js';

const sheet = (text: string) => ({
  displayPath: 'templates/styles/house.css',
  absolutePath: '/p/templates/styles/house.css',
  text,
});
const described = (text: string) => {
  const error = styleSheetError(sheet(text));
  return error === undefined ? undefined : `${error.line}:${error.column} ${error.message} | ${error.hint}`;
};

describe('a style sheet is read strictly before any page uses it', () => {
  it('passes every bundled sheet and valid nesting', () => {
    for (const name of readdirSync(join(TEMPLATES, 'styles'))) {
      expect(styleSheetError(sheet(readFileSync(join(TEMPLATES, 'styles', name), 'utf8'))), name).toBeUndefined();
    }
    expect(described('.card { color: red; & .title { font-weight: 600; } }\n')).toBeUndefined();
  });

  it('names a missing "}" at the rule it leaves open', () => {
    expect(described('.a { color: red; }\n.table { border: 0;\n.footer { color: grey; }\n')).toBe(
      '2:1 this rule\'s "{" is never closed, so the rest of the sheet would be read as nested inside it | Add the missing "}" where the rule ends.',
    );
  });

  it('names each other kind of break at its line and column', () => {
    expect(described('.a {\n  color red;\n}\n')).toMatch(/^2:3 "color" is not a declaration/);
    expect(described('.a { color: red; }}\n')).toMatch(/^1:19 this "}" closes no rule/);
    expect(described('.a { content: "x; }\n')).toMatch(/^1:15 this quoted string is never closed/);
    expect(described('.a {}\n/* note\n')).toMatch(/^2:1 this comment is never closed \| Close it with "\*\/"/);
    expect(described('.a { background: url(x }\n')).toMatch(/^1:21 this "\(" is never closed/);
  });

  it('names a misspelt property or at-rule, which a browser drops without a word', () => {
    expect(described('.a {\n  colr: red;\n}\n')).toBe(
      '2:3 "colr" is not a CSS property (did you mean "color"?): a browser drops the declaration | Write color: red;',
    );
    expect(described('@medai print {\n  .a { color: red; }\n}\n')).toBe(
      '1:1 @medai is not a CSS at-rule (did you mean @media?): a browser drops it and everything inside it | Write @media.',
    );
    expect(described('@page { bleed: 5mm; @top-center { content: "x"; } }\n')).toBeUndefined();
  });

  it('lets pass what it cannot judge: custom properties, vendor prefixes, names far from any known one', () => {
    expect(
      described(
        '.a { --house-blue: #003; -webkit-line-clamp: 3; zq-frobnicate: 1; }\n@-moz-document url-prefix() {}\n',
      ),
    ).toBeUndefined();
  });

  it('names the sheet as the designer wrote it', () => {
    expect(styleSheetError(sheet('.a {'))?.file).toBe('templates/styles/house.css');
  });
});
