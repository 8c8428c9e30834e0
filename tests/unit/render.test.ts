import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/stages/render/handlebars/environment.js';
import { renderPage } from '../../src/stages/render/page.js';
import type { RenderJob } from '../../src/model/documents.js';
import { onePagerDocument } from '../helpers/documents.js';
import { templatesOf } from '../helpers/templates.js';

describe('renderPage', () => {
  it('fills figures into the prose, turns it into HTML and puts it in the layout once', () => {
    const document = onePagerDocument(
      'mali',
      'name: Mali\niso: ML',
      '\n## Funding\n\nTotal: **{{money funding.total}}**.\n',
    );
    const job: RenderJob = {
      document,
      kind: 'one-pager',
      layout: 'page',
      lang: 'en',
      outputPath: 'countries/mali.pdf',
      view: { title: 'Mali', funding: { total: 2.9e9 } },
      info: { title: 'Mali', keywords: [], creator: 'factsheets' },
    };
    const environment = createEnvironment(templatesOf({ 'layouts/page': '<h1>{{title}}</h1>{{{body}}}' }), '');
    expect(renderPage(job, environment).html).toBe(
      '<h1>Mali</h1><section><h2>Funding</h2><div class="section-body">\n<p>Total: <strong>€2.9 billion</strong>.</p></div></section>',
    );
  });
});

describe('localFileReferences', () => {
  it('finds file: URLs in attributes and CSS, once each', async () => {
    const { localFileReferences } = await import('../../src/stages/render/page.js');
    expect(
      localFileReferences(
        '<iframe src="file:///etc/passwd"></iframe><object data=file:///etc/shadow></object>' +
          '<style>body { background: url( "file:///root/x.png") }</style><img src="file:///etc/passwd"><a href="https://x/file:">x</a>',
      ),
    ).toEqual(['file:///etc/passwd', 'file:///etc/shadow', 'file:///root/x.png']);
  });
});
