import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/limits.js';
import { contentImageReader } from '../../src/stages/content-images.js';
import { loadSources } from '../../src/stages/load.js';
import { readImageHeader } from '../../src/stages/render/image-header.js';
import { validateSources } from '../../src/stages/validate.js';
import { runCli } from '../helpers/cli.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';

const DATASET = 'country,instrument,year,amount_eur,status\nML,Fund,2016,1000,paid\n';
const onePager = (extra = '', body = 'Text.') => `---\nname: Mali\niso: ML\n${extra}---\n\n${body}\n`;

/** A PNG header that says `width` × `height`: what a decompression bomb shows before its data. */
function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header.set([8, 0, 0, 0, 0], 24);
  return header;
}

describe('limits are stated in one place and can be changed', () => {
  it('has generous defaults, and BuildOptions override single limits', () => {
    expect(DEFAULT_LIMITS).toMatchObject({
      markdownBytes: 1024 * 1024,
      documentNameChars: 100,
      imagePixels: 50_000_000,
    });
    expect(resolveLimits({ datasetRows: 10 })).toEqual({ ...DEFAULT_LIMITS, datasetRows: 10 });
    expect(resolveConfig({ limits: { imageBytes: 5 } }, {}, '/work').limits.imageBytes).toBe(5);
  });
});

describe('inputs past a limit fail alone, each with the file and the limit named', () => {
  it('a Markdown file, a front-matter value, a document name, a dataset cell, a dataset past its rows, an amount that is not exact', async () => {
    const content = await writeContent({
      'countries/mali.md': onePager(),
      'countries/summary.md': onePager(`summary: ${'x'.repeat(10_001)}\n`),
      [`countries/${'a'.repeat(250)}.md`]: onePager(),
      'funding.csv': `${DATASET}NE,Fund,2016,${'9'.repeat(401)},paid\nNE,Fund,2016,9007199254740993,paid\nNE,${'i'.repeat(2001)},2016,1,paid\n`,
    });
    await writeFile(join(content, 'countries/huge.md'), onePager(`role: ${'y'.repeat(2 * 1024 * 1024)}\n`));
    const sources = await loadSources(content, TEMPLATES);
    const messages = validateSources(sources).errors.map(
      (error) => `${error.file}:${error.line ?? ''}:${error.column ?? ''} ${error.message}`,
    );
    expect(messages).toEqual([
      `${content}/countries/${'a'.repeat(250)}.md:: a document name may have at most 100 characters; this one has 250`,
      `${content}/countries/huge.md:: a Markdown file may hold at most 1 MB; this one has 2 MB`,
      `${content}/countries/summary.md:4:10 field "summary" may hold at most 10000 characters; it has 10001`,
      `${content}/funding.csv:3:14 column "amount_eur": 99999999999999999999… (401 digits) is too large`,
      `${content}/funding.csv:4:14 column "amount_eur": 9007199254740993 is too large`,
      `${content}/funding.csv:5:4 column "instrument": a cell may hold at most 2000 characters; this one has 2001`,
    ]);
    expect(validateSources({ ...sources, limits: resolveLimits({ datasetRows: 1 }) }).errors.at(-1)?.message).toBe(
      'the dataset may have at most 1 rows; this one has 4',
    );
  });

  it('a dataset past its bytes is not read, and fails the documents that use it', async () => {
    const content = await writeContent({ 'countries/mali.md': onePager(), 'funding.csv': DATASET });
    const validation = validateSources(await loadSources(content, TEMPLATES, resolveLimits({ datasetBytes: 10 })));
    expect(validation.errors.map((error) => `${error.file} ${error.message}`)).toEqual([
      `${content}/funding.csv the dataset may hold at most 10 bytes; this one has ${DATASET.length} bytes`,
    ]);
    expect(validation.dataset.records).toEqual([]);
  });

  it('an image past its bytes is not read: the reader refuses it with the limit', async () => {
    const content = await writeContent({ 'images/logo.png': 'x'.repeat(2048) });
    expect(contentImageReader(content, { imageBytes: 1024 })(join(content, 'images/logo.png'))).toEqual({
      refuse: 'has 2 KB; an image may have at most 1 KB',
      hint: 'Compress or scale the image down, or raise the imageBytes limit.',
    });
    expect(contentImageReader(content)(join(content, 'images/logo.png'))).toEqual({
      bytes: Buffer.from('x'.repeat(2048)),
    });
  });

  it('a 50 MB title is refused by its size, unread, and the other documents build', async () => {
    const content = await writeContent({ 'countries/mali.md': onePager(), 'funding.csv': DATASET });
    await writeFile(join(content, 'factsheet.md'), `---\ntitle: ${'T'.repeat(50 * 1024 * 1024)}\n---\n`);
    const result = await runCli(['build', '--content', content, '--out', await tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${content}/factsheet.md: error: a Markdown file may hold at most 1 MB; this one has 50 MB`,
    );
    expect(result.stdout).toMatch(/built {2}countries\/mali\.pdf/);
  });
});

describe('bidirectional controls never reach a title', () => {
  it.each(['name: Mali\u202egnp.exe\u202c', 'name: Mali', 'role: a\u2066b'])('%s', async (field) => {
    const content = await writeContent({
      'countries/mali.md': `---\niso: ML\n${field.startsWith('name') ? '' : 'name: Mali\n'}${field}\n---\n`,
      'funding.csv': DATASET,
    });
    const errors = validateSources(await loadSources(content, TEMPLATES)).errors;
    if (field === 'name: Mali') expect(errors).toEqual([]);
    else expect(errors[0]?.message).toMatch(/^field "(name|role)" must not contain bidirectional control characters/);
  });
});

describe('images: real type and decoded size, read before the browser sees them', () => {
  it('reads the real type and the decoded size from the header', () => {
    expect(readImageHeader(pngHeader(20_000, 20_000))).toEqual({ type: 'image/png', width: 20_000, height: 20_000 });
    expect(readImageHeader(Buffer.from('GIF89a\x10\x00\x20\x00', 'latin1'))).toEqual({
      type: 'image/gif',
      width: 16,
      height: 32,
    });
    expect(
      readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8, 0, 48, 0, 64, 3])),
    ).toEqual({ type: 'image/jpeg', width: 64, height: 48 });
    expect(
      readImageHeader(Buffer.from('<?xml version="1.0"?>\n<!-- x -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toEqual({ type: 'image/svg+xml' });
    expect(readImageHeader(Buffer.from('<!doctype html><html><body><svg></svg>'))).toBeUndefined();
  });

  it('a bomb, a FIFO and a folder named .png fail their document with a position; an HTML file named .png is removed with a warning', async () => {
    // Each brief for a country of its own: two briefs for one country are an error of their own.
    const image = (file: string, iso: string) =>
      onePager('', `Intro.\n\n![x](../images/${file})`).replace('iso: ML', `iso: ${iso}`);
    const content = await writeContent({
      'countries/mali.md': onePager(),
      'countries/bomb.md': image('bomb.png', 'NE'),
      'countries/pipe.md': image('pipe.png', 'SN'),
      'countries/folder.md': image('folder.png', 'GH'),
      'countries/page.md': image('page.png', 'CI'),
      'funding.csv': DATASET,
    });
    await mkdir(join(content, 'images'));
    await writeFile(join(content, 'images/bomb.png'), pngHeader(20_000, 20_000));
    execFileSync('mkfifo', [join(content, 'images/pipe.png')]);
    await mkdir(join(content, 'images/folder.png'));
    await writeFile(join(content, 'images/page.png'), '<!doctype html><script>alert(1)</script>');
    const result = await runCli(['build', '--content', content, '--out', await tempDir(), '--timeout', '10']);
    expect(result.code).toBe(1);
    const md = (name: string) => `${content}/countries/${name}.md:8:1: error: one-pager ${name}: `;
    expect(result.stderr).toContain(
      `${md('bomb')}the image "../images/bomb.png" decodes to 20000 × 20000 pixels (400 megapixels); the limit is 50 megapixels`,
    );
    expect(result.stderr).toContain(
      `${md('pipe')}the image "../images/pipe.png" is not a regular file but a named pipe (FIFO)`,
    );
    expect(result.stderr).toContain(
      `${md('folder')}the image "../images/folder.png" is not a regular file but a folder`,
    );
    expect(result.stderr).toContain(
      `${content}/countries/page.md:8: warning: removed the image "../images/page.png": the file is not an image: its content is not PNG JPG JPEG GIF WEBP SVG`,
    );
    expect(result.stdout).toMatch(/\n2 built, 3 failed, 3 errors in/);
  });

  it('a FIFO named funding.csv or mali.md is refused by type, without opening it', async () => {
    for (const name of ['funding.csv', 'countries/mali.md']) {
      const content = await writeContent({ 'countries/niger.md': onePager() });
      execFileSync('mkfifo', [join(content, name)]);
      await expect(loadSources(content, TEMPLATES)).rejects.toMatchObject({
        stage: 'load',
        file: join(content, name),
        message: 'this is not a regular file but a named pipe (FIFO)',
      });
    }
  });
});

describe('front matter that refers to itself', () => {
  it('is checked for long values without looping (a YAML alias inside itself)', async () => {
    const { validateDocument } = await import('../../src/stages/validate/front-matter.js');
    const { source } = await import('../helpers/sources.js');
    const result = validateDocument(
      source('content/countries/mali.md', '---\nname: Mali\niso: ML\nkey: &a [*a]\n---\n'),
      'one-pager',
      new Set(['one-pager']),
    );
    expect(result.document?.name).toBe('mali');
  });
});
