import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/folders.js';
import { loadSources } from '../../src/stages/load.js';
import { tempDir, writeContent } from '../helpers/content.js';

describe('loadSources', () => {
  it('finds factsheets, one-pagers, the dataset and the templates by the contract layout', async () => {
    const content = await writeContent({
      'factsheet.md': 'f',
      'notes.txt': 'ignored',
      'countries/mali.md': 'm',
      'countries/niger.md': 'n',
      'countries/drafts/old.md': 'not a one-pager',
      'funding.csv': 'csv',
    });
    const templates = await writeContent({
      'layouts/one-pager.hbs': 'L',
      'partials/quote.hbs': 'Q',
      'partials/charts/bar.hbs': 'B',
      'styles/base.css': 'b',
      'styles/one-pager.css': 'o',
      'README.md': 'ignored',
    });
    const sources = await loadSources(content, templates);
    expect(sources.factsheets.map((file) => file.text)).toEqual(['f']);
    expect(sources.onePagers.map((file) => file.text)).toEqual(['m', 'n']);
    expect(sources.dataset?.text).toBe('csv');
    expect([...sources.templates.layouts.keys()]).toEqual(['one-pager']);
    expect([...sources.templates.partials.keys()].sort()).toEqual(['charts/bar', 'quote']);
    expect([...sources.templates.styles.keys()]).toEqual(['base', 'one-pager']);
  });

  it('reports a missing dataset as absent, not as a crash', async () => {
    const sources = await loadSources(await writeContent({ 'countries/mali.md': 'm' }), await tempDir());
    expect(sources.dataset).toBeUndefined();
  });

  it('fails with the folder and a hint when the content folder is missing', async () => {
    await expect(loadSources('/nonexistent/content', await tempDir())).rejects.toMatchObject({
      message: 'there is no content folder here',
      file: '/nonexistent/content',
      stage: 'load',
      hint: expect.stringContaining('factsheets init'),
    });
  });
});

describe('displayPath', () => {
  it('is relative to the working folder when inside it, absolute otherwise', () => {
    expect(displayPath('/work/p/content/mali.md', '/work/p')).toBe('content/mali.md');
    expect(displayPath('/elsewhere/mali.md', '/work/p')).toBe('/elsewhere/mali.md');
  });
});
