import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/stages/render/markdown.js';

describe('footnotes', () => {
  const html = markdownToHtml(
    'Text with a note.[^source] And another.[^2]\n\n[^source]: The source.\n[^2]: Second.\n',
  ).html;

  it('link each reference to its note and back: every href names an id that exists, once', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]);
    expect(targets).toHaveLength(4);
    for (const target of targets) expect(ids).toContain(target);
    expect(html).not.toContain('user-content-user-content-');
  });

  it('use a back-reference glyph the brand fonts have (no ↩)', () => {
    expect(html).not.toContain('↩');
    expect(html).toContain('↑');
  });
});
