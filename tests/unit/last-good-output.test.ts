import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/pipeline/cache.js';
import { applyReport, INITIAL_STATE } from '../../src/preview/state.js';
import { onePagerText, smallProject } from '../helpers/fake-build.js';
import { differences, filesOf } from '../helpers/output-folder.js';

/** Puts a folder back as filesOf saw it: files added since are removed. */
async function restore(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const path of (await filesOf(dir)).keys()) if (!files.has(path)) await rm(join(dir, path));
  for (const [path, base64] of files) await writeFile(join(dir, path), Buffer.from(base64, 'base64'));
}

interface ManifestJson {
  documents: { output: string; outOfDate?: string }[];
}
const manifestOf = async (out: string) =>
  JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as ManifestJson;

/** What breaks one build: the edit, and the outputs that must be kept as they were (then out of date). */
interface Breakage {
  readonly kind: string;
  readonly breakIt: (project: Awaited<ReturnType<typeof smallProject>>) => Promise<void>;
  readonly kept: readonly string[];
  /** Outputs the broken build still makes, or finds up to date (every other document's), and which of the two. */
  readonly built?: readonly string[];
  readonly builtAs?: 'built' | 'unchanged';
  readonly fail?: (title: string) => boolean;
  /** Whether the repair is undoing the edit (else: the next build, without the fault). */
  readonly undo?: false;
}

const ALL = [
  'factsheet.pdf',
  'countries/mali.pdf',
  'countries/niger.pdf',
  'print/factsheet.pdf',
  'print/countries/mali.pdf',
  'print/countries/niger.pdf',
  'briefing-pack.pdf',
];
const MALI = ['countries/mali.pdf', 'print/countries/mali.pdf', 'briefing-pack.pdf'];
const FACTSHEET = ['factsheet.pdf', 'print/factsheet.pdf', 'briefing-pack.pdf'];

const BREAKAGES: readonly Breakage[] = [
  {
    kind: 'a typo in the settings',
    kept: ALL,
    breakIt: ({ content }) => appendFile(join(content, 'factsheets.yml'), 'footer_nte: typo\n'),
  },
  {
    kind: 'invalid YAML in one brief',
    kept: MALI,
    breakIt: ({ content }) =>
      writeFile(join(content, 'countries/mali.md'), '---\nname: [Mali\niso: ML\n---\n\nText.\n'),
  },
  {
    kind: 'an unknown iso code',
    kept: MALI,
    breakIt: ({ content }) => writeFile(join(content, 'countries/mali.md'), onePagerText('Mali', 'GX')),
  },
  {
    kind: 'a duplicate document name',
    kept: MALI,
    breakIt: ({ content }) =>
      writeFile(join(content, 'mali.md'), '---\ntitle: Another\ncountries: [ML]\n---\n\nText.\n'),
  },
  {
    kind: 'a bad countries: entry',
    kept: FACTSHEET,
    breakIt: ({ content }) =>
      writeFile(join(content, 'factsheet.md'), '---\ntitle: Framework\ncountries: [ML, Niger]\n---\n\nText.\n'),
  },
  {
    kind: 'a bad dataset row',
    kept: MALI,
    breakIt: ({ content }) => appendFile(join(content, 'funding.csv'), 'ML,Fund,,,2017,lots,paid,\n'),
  },
  // Only the factsheet's layout uses the key-figure partial: the briefs are built (a deliberate change: it used to fail every document).
  {
    kind: 'a broken partial',
    kept: FACTSHEET,
    built: ['countries/mali.pdf', 'countries/niger.pdf', 'print/countries/mali.pdf', 'print/countries/niger.pdf'],
    // Not printed again: a layout's templates hash has only the partials it reaches (pipeline/manifest.ts).
    builtAs: 'unchanged',
    breakIt: ({ templates }) => appendFile(join(templates, 'partials/key-figure.hbs'), '\n{{#if}}\n'),
  },
  {
    kind: 'a broken pack layout',
    kept: ['briefing-pack.pdf'],
    built: ALL.filter((output) => output !== 'briefing-pack.pdf'),
    // Up to date: a layout is only in its own documents' hash, and the pack's is no document's.
    builtAs: 'unchanged',
    breakIt: ({ templates }) => appendFile(join(templates, 'layouts/briefing-pack.hbs'), '\n{{#each}}\n'),
  },
  {
    kind: 'a broken message file',
    kept: ALL,
    breakIt: ({ templates }) => writeFile(join(templates, 'messages/en.yml'), 'key: [unclosed\n'),
  },
  {
    kind: 'the browser',
    kept: MALI,
    fail: (title) => title.startsWith('Mali'),
    undo: false,
    breakIt: ({ content }) =>
      writeFile(join(content, 'countries/mali.md'), onePagerText('Mali', 'ML', 'New narrative.')),
  },
];

describe('a document that fails keeps its last good outputs', () => {
  for (const breakage of BREAKAGES) {
    it(`${breakage.kind}: the previous PDFs stay byte for byte, listed as out of date, and the repair rebuilds them`, async () => {
      const project = await smallProject();
      const first = await project.build({ printEdition: true });
      expect(first.report.errors).toEqual([]);
      const before = await filesOf(project.out);
      for (const output of ALL) expect(before.has(output)).toBe(true);

      const inputs = await Promise.all([filesOf(project.content), filesOf(project.templates)]);
      await breakage.breakIt(project);
      const broken = await project.build({ printEdition: true }, breakage.fail);
      expect(broken.report.errors.length).toBeGreaterThan(0);
      const after = await filesOf(project.out);
      for (const output of breakage.kept) expect(after.get(output), output).toBe(before.get(output));
      const statusOf = (output: string): string | undefined =>
        broken.report.documents.find((result) => result.output === output)?.status;
      for (const output of breakage.built ?? []) expect(statusOf(output), output).toBe(breakage.builtAs);
      // A broken template file is one error, however many documents it fails.
      if (breakage.built !== undefined) expect(broken.report.errors).toHaveLength(1);
      // Nothing that was there is gone.
      for (const output of ALL) expect(after.has(output), output).toBe(true);
      const manifest = await manifestOf(project.out);
      for (const output of breakage.kept) {
        const entry = manifest.documents.find((candidate) => candidate.output === output);
        expect(entry?.outOfDate, output).toMatch(/./);
      }
      const stale = broken.report.outOfDate ?? [];
      expect(stale.map((each) => each.output).sort()).toEqual(expect.arrayContaining([...breakage.kept].sort()));
      for (const result of broken.report.documents)
        if (breakage.kept.includes(result.output)) expect(result.outOfDate, result.output).toMatch(/./);

      // The repair: the next build makes them again, and the folder is what a clean build makes.
      if (breakage.undo !== false)
        await Promise.all([restore(project.content, inputs[0]), restore(project.templates, inputs[1])]);
      const repaired = await project.build({ printEdition: true });
      expect(repaired.report.errors).toEqual([]);
      expect(repaired.report.outOfDate).toEqual([]);
      const clean = await project.cleanBuild({ printEdition: true });
      expect(clean.report.errors).toEqual([]);
      expect(differences(await filesOf(project.out), await filesOf(clean.out))).toEqual([]);
    });
  }
});

describe('watch mode and the preview keep the last good outputs too', () => {
  it('a broken save and its fix: the print edition made before is kept, and the next build with --print finds it current', async () => {
    const project = await smallProject();
    await project.build({ printEdition: true });
    const before = await filesOf(project.out);
    const cache = new BuildCache();
    try {
      const file = join(project.content, 'countries/mali.md');
      const original = await readFile(file, 'utf8');
      await writeFile(file, '---\nname: Mali\niso: [ML\n---\n');
      const broken = await project.watchBuild(cache);
      expect(broken.report.errors.length).toBe(1);
      for (const output of MALI) expect((await filesOf(project.out)).get(output), output).toBe(before.get(output));
      await writeFile(file, original);
      const fixed = await project.watchBuild(cache);
      expect([fixed.report.errors, fixed.printed, fixed.report.outOfDate]).toEqual([[], [], []]);
    } finally {
      await cache.close();
    }
    const next = await project.build({ printEdition: true });
    expect([next.printed, next.report.outOfDate]).toEqual([[], []]);
    expect(differences(await filesOf(project.out), before)).toEqual([]);
  });

  it('the preview shows a failed document with its last good PDF, and says why it is out of date', () => {
    const report = {
      outDir: '/out',
      seconds: 0,
      errors: [],
      warnings: [],
      documents: [
        {
          name: 'mali',
          kind: 'one-pager' as const,
          source: 'countries/mali.md',
          output: 'countries/mali.pdf',
          status: 'failed' as const,
          outOfDate: 'its last build failed: countries/mali.md:3:6: the front matter is not valid YAML',
        },
      ],
    };
    const state = applyReport(INITIAL_STATE, report, () => true);
    expect(state.documents.map((document) => [document.hasPdf, document.outOfDate])).toEqual([
      [true, 'its last build failed: countries/mali.md:3:6: the front matter is not valid YAML'],
    ]);
  });
});
