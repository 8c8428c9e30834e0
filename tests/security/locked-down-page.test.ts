import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';
import { pdfText } from '../helpers/pdf.js';
import { startTrapServer, type TrapServer } from '../helpers/trap-server.js';

/**
 * Hostile Markdown and a hostile layout, printed by real Chromium: no script may run, no file
 * outside the content folder may be read, and the local server must receive no request at all.
 */
describe('the printed page is locked down', () => {
  let server: TrapServer;
  let result: CliResult;
  let out: string;

  beforeAll(async () => {
    server = await startTrapServer();
    const u = server.url;
    const templates = await tempDir('factsheets-hostile-templates-');
    await cp(TEMPLATES, templates, { recursive: true });
    const layout = await readFile(join(templates, 'layouts/one-pager.hbs'), 'utf8');
    await writeFile(
      join(templates, 'layouts/one-pager.hbs'),
      layout
        .replace(
          '</head>',
          `<link rel="stylesheet" href="${u}/layout.css"><style>@import url(${u}/import.css); .sheet { background-image: url(${u}/bg.png) }</style>\n<script>document.title = 'SCRIPT-RAN'</script></head>`,
        )
        .replace('<body class="one-pager">', `<body class="one-pager" onload="document.body.innerHTML = 'ONLOAD-RAN'">`)
        // In a zero-size box, so that the hostile elements do not push the page onto a second sheet.
        .replace(
          '</body>',
          `<div style="position:absolute;width:0;height:0;overflow:hidden"><iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object><embed src="file:///etc/hostname"><iframe src="${u}/frame"></iframe><img src="${u}/layout.png" alt=""></div></body>`,
        ),
    );
    const content = await writeContent({
      'countries/mali.md': [
        '---',
        'name: Mali',
        'iso: ML',
        '---',
        '',
        '<script>document.body.innerHTML = "MARKDOWN-SCRIPT-RAN"</script>',
        '',
        'Text <img src=x onerror="document.body.innerHTML=\'HANDLER-RAN\'"> and <iframe src="file:///etc/passwd"></iframe>.',
        '',
        `![remote](${u}/markdown.png) ![local](file:///etc/passwd) ![up](../../../../../../etc/passwd.png)`,
        '',
        `[click](javascript:alert(1)) <a href="${u}/raw">raw</a> <object data="${u}/object"></object>`,
        '',
        `<link rel="stylesheet" href="${u}/markdown.css"><style>body{background:url(${u}/style.png)}</style>`,
      ].join('\n'),
      'funding.csv': 'country,instrument,year,amount_eur,status\nML,Fund,2016,1000000,paid\n',
    });
    out = await tempDir('factsheets-hostile-out-');
    result = await runCli(['build', '--content', content, '--templates', templates, '--out', out]);
  });

  afterAll(async () => {
    await server.close();
  });

  it('still builds the document', () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 built \(1 document, the briefing pack\), 0 failed/);
  });

  it('sends no request to the network at all', () => {
    expect(server.requests).toEqual([]);
  });

  it('runs no script or event handler and reads no local file', () => {
    const text = pdfText(join(out, 'countries/mali.pdf'));
    expect(text).toContain('Mali');
    for (const evidence of ['SCRIPT-RAN', 'ONLOAD-RAN', 'MARKDOWN-SCRIPT-RAN', 'HANDLER-RAN', 'root:x:0:0', 'LEAKED']) {
      expect(text).not.toContain(evidence);
    }
  });

  it('reports each blocked URL as a warning naming the document', () => {
    const u = server.url;
    for (const url of [
      `${u}/layout.css`,
      `${u}/import.css`,
      `${u}/bg.png`,
      `${u}/frame`,
      `${u}/layout.png`,
      'file:///etc/passwd',
      'file:///etc/hostname',
    ]) {
      expect(result.stderr).toContain(url);
    }
    expect(result.stderr).toMatch(
      /^\S*countries\/mali\.md: warning: blocked a request for http:\/\/127\.0\.0\.1:\d+\/layout\.css$/m,
    );
    expect(result.stderr).toMatch(
      /countries\/mali\.md:10: warning: removed the image "http:\/\/127\.0\.0\.1:\d+\/markdown\.png": images must be files in the content folder/,
    );
    expect(result.stderr).toMatch(/removed the image "file:\/\/\/etc\/passwd"/);
    expect(result.stderr).toMatch(/removed the image "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd\.png"/);
  });

  it('drops raw HTML from Markdown and unsafe links', async () => {
    const bytes = (await readFile(join(out, 'countries/mali.pdf'))).toString('latin1');
    expect(bytes).not.toContain('javascript:');
    expect(bytes).not.toContain(`${server.url}/raw`);
  });

  it('writes nothing but the PDF, its pack and the manifest', async () => {
    expect((await readdir(out, { recursive: true })).sort()).toEqual([
      'briefing-pack.pdf',
      'countries',
      'countries/mali.pdf',
      'manifest.json',
      'manifest.review.json',
    ]);
  });
});
