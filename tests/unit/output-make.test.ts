import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printOutput } from '../../src/outputs/print.js';
import { screenOutput } from '../../src/outputs/screen.js';
import type { ManifestEntry } from '../../src/pipeline/manifest.js';
import { smallProject } from '../helpers/fake-build.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

afterEach(() => vi.restoreAllMocks());

describe("a document's output is made by its module (make), the build only writes and records it", () => {
  it('writes the bytes the module made and records what it says of them', async () => {
    // Each module's own make, observed: what it returned, by output path (fonts marked, to see them recorded).
    const made = new Map<string, string>();
    for (const output of [screenOutput, printOutput]) {
      const make = output.make.bind(output);
      vi.spyOn(output, 'make').mockImplementation(async (page, context) => {
        const result = await make(page, context);
        made.set(page.job.outputPath, sha(result.bytes));
        return { ...result, fonts: [`made by ${output.kind}`] };
      });
    }
    const { report, out } = await (await smallProject()).build({ printEdition: true });
    expect(report.errors).toEqual([]);
    expect([...made.keys()].sort()).toEqual([
      'countries/mali.pdf',
      'countries/niger.pdf',
      'factsheet.pdf',
      'print/countries/mali.pdf',
      'print/countries/niger.pdf',
      'print/factsheet.pdf',
    ]);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { documents: ManifestEntry[] };
    for (const [output, hash] of made) {
      expect(sha(await readFile(join(out, output)))).toBe(hash);
      const entry = manifest.documents.find((document) => document.output === output);
      expect(entry).toMatchObject({
        sha256: hash,
        fonts: [output.startsWith('print/') ? 'made by print' : 'made by screen'],
      });
    }
  });
});
