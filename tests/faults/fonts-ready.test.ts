import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { SAMPLE_CONTENT, tempDir, writeContent } from '../helpers/content.js';

/** Factsheets of headings only and of one paragraph only: pages whose fonts are asked for late. */
async function sparseContent(): Promise<string> {
  // The dataset's header only: these factsheets show no country, and rows no document shows would be a warning.
  const files: Record<string, string> = {
    'funding.csv': `${(await readFile(join(SAMPLE_CONTENT, 'funding.csv'), 'utf8')).split('\n')[0]}\n`,
  };
  for (let index = 1; index <= 10; index += 1) {
    files[`headings-${index}.md`] =
      `---\ntitle: Headings only ${index}\n---\n\n## Section one ${index}\n\n## Section two\n\n### A smaller heading ${index}\n`;
    files[`text-${index}.md`] =
      `---\ntitle: Text only ${index}\n---\n\nJust a paragraph of text number ${index}, nothing else at all.\n`;
  }
  return writeContent(files);
}

describe('fonts are ready before a page prints (real Chromium)', () => {
  it('gives every heading-only and text-only page the brand fonts and the same bytes, build after build, with --jobs 4', async () => {
    const content = await sparseContent();
    const hashes: string[] = [];
    for (let build = 0; build < 3; build += 1) {
      const out = await tempDir('factsheets-fonts-ready-');
      const result = await runCli(['build', '--content', content, '--out', out, '--jobs', '4', '--quiet']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
        documents: { output: string; sha256: string }[];
      };
      hashes.push(
        manifest.documents
          .map((entry) => `${entry.output} ${entry.sha256}`)
          .sort()
          .join('\n'),
      );
    }
    expect(hashes[0]?.split('\n')).toHaveLength(21);
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[2]).toBe(hashes[0]);
  });
});
