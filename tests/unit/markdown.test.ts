import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/stages/markdown.js';

describe('markdownToHtml', () => {
  it('renders headings, emphasis, lists and GFM tables', () => {
    expect(markdownToHtml('## Title\n\nSome **bold** text.\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n')).toBe(
      '<h2>Title</h2>\n<p>Some <strong>bold</strong> text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n' +
        '<table>\n<thead>\n<tr>\n<th>a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it('drops raw HTML: Markdown is content, not code', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <iframe src="file:///etc/passwd"></iframe>.\n');
    expect(html).not.toMatch(/<script|<img|<iframe|onerror/);
    expect(html).toContain('Text');
  });

  it('removes javascript: links and keeps ordinary ones', () => {
    expect(markdownToHtml('[bad](javascript:alert(1)) [good](https://europa.eu/)')).toBe('<p><a>bad</a> <a href="https://europa.eu/">good</a></p>');
  });

  it('leaves the leading blank lines of a blanked front matter without effect', () => {
    expect(markdownToHtml('\n\n\n\n## Title\n')).toBe('<h2>Title</h2>');
  });
});
