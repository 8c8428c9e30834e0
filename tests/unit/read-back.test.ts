import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallProject } from '../helpers/fake-build.js';

/** Every page a full build prints: the pack's two sheets, the documents, and the factsheet again for the pack (without its own page numbers). */
const EVERYTHING = [
  'Briefing pack: Test programme',
  'Briefing pack: Test programme (page numbers)',
  'Framework',
  'Framework (pack edition)',
  'Mali: country brief',
  'Niger: country brief',
];

type Json = Record<string, unknown> & { documents: Record<string, unknown>[] };

/** A built project whose file `name` in the output folder is then changed by `edit`. */
async function withEdited(name: string, edit: (json: Json) => unknown) {
  const project = await smallProject();
  await project.build();
  const path = join(project.out, name);
  const edited = edit(JSON.parse(await readFile(path, 'utf8')) as Json);
  await writeFile(path, typeof edited === 'string' ? edited : JSON.stringify(edited));
  return { project, path };
}

describe('files read back from the output folder are checked', () => {
  it('a manifest entry with "inputs": null: one warning naming the manifest, and every output made again', async () => {
    const { project, path } = await withEdited('manifest.json', (manifest) => {
      (manifest.documents[1] as Record<string, unknown>)['inputs'] = null;
      return manifest;
    });
    const again = await project.build();
    expect(again.report.errors).toEqual([]);
    expect(again.report.warnings).toEqual([
      {
        message: `${path} is not as a build writes it at documents.1.inputs (Invalid input: expected record, received null): ignored, every output is made again`,
        file: path,
      },
    ]);
    expect(again.printed).toEqual(EVERYTHING);
    // Made again, the manifest is trusted: the next build has nothing to do.
    const next = await project.build();
    expect([next.printed, next.report.warnings]).toEqual([[], []]);
  });

  it('a manifest that is not JSON, or a fit record of another shape: the same', async () => {
    for (const [edit, problem] of [
      [() => '{"tool":', 'is not valid JSON'],
      [
        (manifest: Json) => ({
          ...manifest,
          documents: manifest.documents.map((entry) => ({ ...entry, fit: { step: 3 } })),
        }),
        'is not as a build writes it at documents.0.fit.step (Invalid input: expected string, received number)',
      ],
    ] as const) {
      const { project, path } = await withEdited('manifest.json', edit);
      const again = await project.build();
      expect(again.report.errors).toEqual([]);
      expect(again.report.warnings.map((warning) => warning.message)).toEqual([
        `${path} ${problem}: ignored, every output is made again`,
      ]);
      expect(again.printed).toEqual(EVERYTHING);
    }
  });

  it('a review record of another shape: one warning naming it, and every output made again', async () => {
    const { project, path } = await withEdited('manifest.review.json', (record) => ({
      ...record,
      rows: { a: 'not rows' },
    }));
    const again = await project.build();
    expect(again.report.errors).toEqual([]);
    expect(again.report.warnings.map((warning) => warning.message)).toEqual([
      `${path} is not as a build writes it at rows.a (Invalid input: expected array, received string): ignored, the outputs it described are made again`,
    ]);
    expect(again.printed).toEqual(EVERYTHING);
  });

  it('a shard manifest of another shape: the same', async () => {
    const project = await smallProject();
    await project.build({ shard: { index: 1, count: 2 } });
    const shard = join(project.out, 'manifest.shard-1-of-2.json');
    await writeFile(
      shard,
      JSON.stringify({ tool: { name: 'factsheets', version: '0' }, documents: [{ output: 'countries/mali.pdf' }] }),
    );
    const full = await project.build();
    expect(full.report.errors).toEqual([]);
    expect(full.report.warnings.map((warning) => warning.message)).toEqual([
      `${shard} is not as a build writes it at documents.0.name (Invalid input: expected string, received undefined): ignored, every output is made again`,
    ]);
  });
});
