import { describe, expect, it } from 'vitest';
import { mergeManifest, templatesHash, type ManifestEntry } from '../../src/build/manifest.js';
import { templatesOf } from '../helpers/templates.js';

const entry = (output: string, sha256: string): ManifestEntry => ({
  output, name: output, kind: 'one-pager', source: `${output}.md`, pages: 1, bytes: 1, sha256, fonts: [], inputs: {}, renderMs: 1,
});
const tool = { name: 'factsheets', version: '1' };

describe('mergeManifest', () => {
  it('replaces rebuilt outputs, keeps untouched ones that still exist, drops those that are gone', () => {
    const previous = { tool, documents: [entry('a.pdf', 'old-a'), entry('b.pdf', 'old-b'), entry('gone.pdf', 'old-g')] };
    expect(mergeManifest(previous, [entry('a.pdf', 'new-a'), entry('c.pdf', 'new-c')], new Set(['a.pdf', 'b.pdf']), tool).documents.map((e) => [e.output, e.sha256]))
      .toEqual([['a.pdf', 'new-a'], ['b.pdf', 'old-b'], ['c.pdf', 'new-c']]);
  });
});

describe('templatesHash', () => {
  it('changes with the layout, a partial, a shared or own style sheet or an asset, not with another layout', () => {
    const base = { 'layouts/a': 'A', 'layouts/b': 'B', 'partials/p': 'P', 'styles/base': 'S', 'styles/a': 'SA', 'styles/b': 'SB', 'assets/x.svg': 'X' };
    const hash = (changes: Record<string, string>) => templatesHash('a', templatesOf({ ...base, ...changes }));
    const original = hash({});
    for (const change of ['layouts/a', 'partials/p', 'styles/base', 'styles/a', 'assets/x.svg']) expect(hash({ [change]: 'changed' }), change).not.toBe(original);
    for (const change of ['layouts/b', 'styles/b']) expect(hash({ [change]: 'changed' }), change).toBe(original);
  });
});
