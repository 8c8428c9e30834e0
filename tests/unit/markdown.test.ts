import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/stages/render/markdown.js';

describe('markdownToHtml', () => {
  it('renders headings, emphasis, lists and GFM tables', () => {
    expect(
      markdownToHtml('## Title\n\nSome **bold** text.\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n').html,
    ).toBe(
      '<section><h2>Title</h2><div class="section-body">\n<p>Some <strong>bold</strong> text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n' +
        '<table>\n<thead>\n<tr>\n<th>a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table></div></section>',
    );
  });

  it('drops raw HTML: Markdown is content, not code', () => {
    const html = markdownToHtml(
      '<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <iframe src="file:///etc/passwd"></iframe>.\n',
    ).html;
    expect(html).not.toMatch(/<script|<img|<iframe|onerror/);
    expect(html).toContain('Text');
  });

  it('removes javascript: links and keeps ordinary ones', () => {
    expect(markdownToHtml('[bad](javascript:alert(1)) [good](https://europa.eu/)').html).toBe(
      '<p><a>bad</a> <a href="https://europa.eu/">good</a></p>',
    );
  });

  it('leaves the leading blank lines of a blanked front matter without effect', () => {
    expect(markdownToHtml('\n\n\n\n## Title\n').html).toBe(
      '<section><h2>Title</h2><div class="section-body"></div></section>',
    );
  });

  it('wraps each level-2 section, leaving what comes before the first one as it is', () => {
    expect(markdownToHtml('Intro.\n\n## One\n\nA.\n\n### Sub\n\nB.\n\n## Two\n\nC.\n').html).toBe(
      '<p>Intro.</p>\n<section><h2>One</h2><div class="section-body">\n<p>A.</p>\n<h3>Sub</h3>\n<p>B.</p></div></section>' +
        '<section><h2>Two</h2><div class="section-body">\n<p>C.</p></div></section>',
    );
  });
});

describe('images', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );

  async function contentWithImage() {
    const { mkdir, symlink, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { writeContent, tempDir } = await import('../helpers/content.js');
    const content = await writeContent({ 'countries/mali.md': 'x' });
    await mkdir(join(content, 'images'));
    await writeFile(join(content, 'images/map.png'), PNG);
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.png'), PNG);
    await symlink(join(outside, 'secret.png'), join(content, 'images/link.png'));
    const { contentImageReader } = await import('../../src/stages/content-images.js');
    return {
      images: { documentDir: join(content, 'countries'), file: 'countries/mali.md', read: contentImageReader(content) },
      outside,
    };
  }

  it('inlines an image from the content folder as a data: URI', async () => {
    const { images } = await contentWithImage();
    const result = markdownToHtml('![Map of Mali](../images/map.png)', images);
    expect(result.html).toBe(
      `<p><img src="data:image/png;name=images%2Fmap.png;base64,${PNG.toString('base64')}" alt="Map of Mali"></p>`,
    );
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['http://127.0.0.1:9/x.png', 'images must be files in the content folder, given by a relative path'],
    ['file:///etc/passwd', 'images must be files in the content folder, given by a relative path'],
    ['data:image/png;base64,AAAA', 'images must be files in the content folder, given by a relative path'],
    ['/etc/hosts.png', 'images must be files in the content folder, given by a relative path'],
    ['../../../../../../etc/passwd.png', 'the file does not exist'],
    ['../images/link.png', 'the file is outside the content folder'],
    ['../images/missing.png', 'the file does not exist'],
    ['../countries/mali.md', 'only .png .jpg .jpeg .gif .webp .svg images are embedded'],
  ])('removes %s and says why', async (src, reason) => {
    const { images } = await contentWithImage();
    const result = markdownToHtml(`Text\n\n![x](${src})`, images);
    expect(result.html).toBe('<p>Text</p>\n<p></p>');
    expect(result.warnings).toEqual([{ message: `removed the image "${src}": ${reason}`, line: 3 }]);
  });
});
