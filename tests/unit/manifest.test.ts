import { describe, expect, it } from 'vitest';
import { mergeManifest, templatesHash, type ManifestEntry } from '../../src/pipeline/manifest.js';
import { templatesOf } from '../helpers/templates.js';

const entry = (output: string, sha256: string): ManifestEntry => ({
  output,
  name: output,
  kind: 'one-pager',
  source: `${output}.md`,
  pages: 1,
  bytes: 1,
  sha256,
  fonts: [],
  inputs: {},
  renderMs: 1,
});
const tool = { name: 'factsheets', version: '1' };

describe('mergeManifest', () => {
  it('replaces rebuilt outputs, keeps untouched ones that still exist, drops those that are gone', () => {
    const previous = {
      tool,
      documents: [entry('a.pdf', 'old-a'), entry('b.pdf', 'old-b'), entry('gone.pdf', 'old-g')],
    };
    expect(
      mergeManifest(
        previous,
        [entry('a.pdf', 'new-a'), entry('c.pdf', 'new-c')],
        new Set(['a.pdf', 'b.pdf']),
        tool,
      ).documents.map((e) => [e.output, e.sha256]),
    ).toEqual([
      ['a.pdf', 'new-a'],
      ['b.pdf', 'old-b'],
      ['c.pdf', 'new-c'],
    ]);
  });
});

describe('templatesHash', () => {
  it("changes with the layout, a partial, a shared or own style sheet, an asset or its language's messages, not with another layout or language", () => {
    const base = {
      'layouts/a': 'A {{> p}}',
      'layouts/b': 'B {{> q}}',
      'partials/p': 'P {{> p2}}',
      'partials/p2': 'P2',
      'partials/q': 'Q',
      'styles/base': 'S',
      'styles/a': 'SA',
      'styles/b': 'SB',
      'assets/x.svg': 'X',
      'messages/en': 'k: K',
      'messages/fr': 'k: Q',
    };
    const hash = (changes: Record<string, string>, lang = 'en') =>
      templatesHash('a', templatesOf({ ...base, ...changes }), lang);
    const original = hash({});
    for (const change of [
      'layouts/a',
      'partials/p',
      'partials/p2',
      'styles/base',
      'styles/a',
      'assets/x.svg',
      'messages/en',
    ])
      expect(hash({ [change]: 'changed' }), change).not.toBe(original);
    // Another layout's partial is not what a's pages are made with.
    for (const change of ['layouts/b', 'partials/q', 'styles/b', 'messages/fr'])
      expect(hash({ [change]: 'changed' }), change).toBe(original);
    // A French edition is made with the French messages, not the English ones.
    expect(hash({ 'messages/fr': 'k: changed' }, 'fr')).not.toBe(hash({}, 'fr'));
    expect(hash({ 'messages/en': 'k: changed' }, 'fr')).toBe(hash({}, 'fr'));
  });

  it('takes every partial when a layout calls one by a computed name, or reaches a partial that does not parse', () => {
    const base = { 'layouts/a': 'A {{> (lookup . "which")}}', 'partials/p': 'P', 'partials/q': 'Q' };
    const hash = (changes: Record<string, string>) => templatesHash('a', templatesOf({ ...base, ...changes }), 'en');
    expect(hash({ 'partials/q': 'changed' })).not.toBe(hash({}));
    const unparsed = { 'layouts/a': 'A {{> p}}', 'partials/p': 'P {{#if}}' };
    expect(hash({ ...unparsed, 'partials/q': 'changed' })).not.toBe(hash(unparsed));
  });
});
