import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeContent } from '../helpers/content.js';
import { pdfText } from '../helpers/pdf.js';

/** The PDF uncompressed (qpdf --qdf), to read its link annotations and named destinations. */
function uncompressed(path: string): string {
  return execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], {
    encoding: 'latin1',
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('footnotes', () => {
  it('print in the brand fonts, and each link goes to a destination the PDF has', async () => {
    const content = await writeContent({
      'countries/mali.md':
        '---\nname: Mali\niso: ML\n---\n\nText with a note.[^source]\n\n[^source]: The source of the note.\n',
      'funding.csv': 'country,instrument,year,amount_eur,status\nML,Fund,2016,1000,paid\n',
    });
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pdf = join(out, 'countries/mali.pdf');
    expect(pdfText(pdf)).toContain('The source of the note.');
    const qdf = uncompressed(pdf);
    const linked = [...qdf.matchAll(/\/Dest \/([\w-]+)/g)].map((match) => match[1]);
    expect(linked.sort()).toEqual(['user-content-fn-source', 'user-content-fnref-source']);
    for (const name of linked) expect(qdf).toMatch(new RegExp(`^\\s*/${name} \\[`, 'm'));
  });
});
