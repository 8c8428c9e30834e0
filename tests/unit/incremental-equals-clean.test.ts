import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { onePagerText, smallProject } from '../helpers/fake-build.js';
import { differences, filesOf } from '../helpers/output-folder.js';
import { tempDir } from '../helpers/content.js';
import { reviewBuild } from '../../src/review/review.js';
import { formatReviewText } from '../../src/review/summary.js';

/** The English pack prints its cover and contents, its page numbers and the factsheet's pack edition (without its own page numbers). */
const PACK = [
  'Briefing pack: Test programme',
  'Briefing pack: Test programme (page numbers)',
  'Framework (pack edition)',
];

function png(shade: number): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(shade);
  return PNG.sync.write(image);
}

/** An incremental build of the project, then a clean build of the same inputs into an empty folder: the folders must agree. */
async function expectSameAsClean(project: Awaited<ReturnType<typeof smallProject>>, options = {}): Promise<void> {
  const clean = await project.cleanBuild(options);
  expect(clean.report.errors).toEqual([]);
  expect(differences(await filesOf(project.out), await filesOf(clean.out))).toEqual([]);
}

describe('an incremental build equals a clean one', () => {
  it('pack_title: the packs are made again (the cover prints it)', async () => {
    const project = await smallProject();
    await project.build();
    await appendFile(join(project.content, 'factsheets.yml'), 'pack_title: Another title\n');
    const again = await project.build();
    expect(again.report.errors).toEqual([]);
    expect(again.printed).toEqual(
      expect.arrayContaining(['Briefing pack: Another title', 'Briefing pack: Another title (page numbers)']),
    );
    await expectSameAsClean(project);
  });

  it("the English factsheet's order of countries: the French pack, which has no factsheet of its own, follows it", async () => {
    const project = await smallProject({
      'countries/mali.fr.md': onePagerText('Mali', 'ML'),
      'countries/niger.fr.md': onePagerText('Niger', 'NE'),
    });
    await project.build();
    await writeFile(
      join(project.content, 'factsheet.md'),
      '---\ntitle: Framework\ncountries: [NE, ML]\n---\n\nText.\n',
    );
    const again = await project.build();
    expect(again.report.errors).toEqual([]);
    // Only the order changed: no French brief is printed again, but the French pack is.
    // (French puts a narrow no-break space before the colon.)
    expect(again.printed.map((title) => title.replace(/\s/gu, ' '))).toEqual(
      [
        ...PACK,
        'Dossier d’information : Test programme',
        'Dossier d’information : Test programme (page numbers)',
        'Framework',
      ].sort(),
    );
    await expectSameAsClean(project);
  });

  it('a brief renamed, or removed: the factsheet of its language, which names the country as the brief does, is made again', async () => {
    const project = await smallProject({
      'factsheet.fr.md': '---\ntitle: Cadre\ncountries: [ML, NE]\n---\n\nTexte.\n',
      'countries/mali.fr.md': onePagerText('Mali (édition française)', 'ML'),
    });
    await project.build();
    await writeFile(join(project.content, 'countries/mali.fr.md'), onePagerText('République du Mali', 'ML'));
    expect((await project.build()).printed).toEqual(expect.arrayContaining(['Cadre']));
    await expectSameAsClean(project);
    await rm(join(project.content, 'countries/mali.fr.md'));
    const removed = await project.build();
    expect(removed.report.errors).toEqual([]);
    expect(removed.printed).toEqual(expect.arrayContaining(['Cadre']));
    await expectSameAsClean(project);
  });

  it('an image that was missing, then added, then changed: the page is made again each time', async () => {
    const project = await smallProject({
      'countries/mali.md': onePagerText('Mali', 'ML', 'Narrative.\n\n![A photo](photo.png)'),
    });
    const first = await project.build();
    expect(first.report.warnings.map((warning) => warning.message)).toContain(
      'removed the image "photo.png": the file does not exist',
    );
    await writeFile(join(project.content, 'countries/photo.png'), png(10));
    expect((await project.build()).printed).toEqual([...PACK, 'Mali: country brief'].sort());
    await expectSameAsClean(project);
    await writeFile(join(project.content, 'countries/photo.png'), png(200));
    expect((await project.build()).printed).toEqual([...PACK, 'Mali: country brief'].sort());
    await expectSameAsClean(project);
    await rm(join(project.content, 'countries/photo.png'));
    expect((await project.build()).printed).toEqual([...PACK, 'Mali: country brief'].sort());
    await expectSameAsClean(project);
    expect((await project.build()).printed).toEqual([]);
  });

  it('print editions left from a build with --print: out of date in every build without it, until made again', async () => {
    const project = await smallProject();
    await project.build({ printEdition: true });
    const current = await project.build();
    expect(current.report.outOfDate).toEqual([]);
    await writeFile(join(project.content, 'countries/mali.md'), onePagerText('Mali', 'ML', 'New narrative.'));
    const reason = 'made from older inputs; build with --print to make it again';
    for (let build = 0; build < 2; build += 1) {
      const without = await project.build();
      expect(without.report.errors).toEqual([]);
      expect(without.report.outOfDate).toEqual([{ output: 'print/countries/mali.pdf', name: 'mali', reason }]);
    }
    const manifest = JSON.parse(await readFile(join(project.out, 'manifest.json'), 'utf8')) as {
      documents: { output: string; outOfDate?: string }[];
    };
    expect(
      manifest.documents
        .filter((entry) => entry.outOfDate !== undefined)
        .map((entry) => [entry.output, entry.outOfDate]),
    ).toEqual([['print/countries/mali.pdf', reason]]);
    const made = await project.build({ printEdition: true });
    expect(made.printed).toEqual(['Mali: country brief']);
    expect(made.report.outOfDate).toEqual([]);
    await expectSameAsClean(project, { printEdition: true });
  });
});

describe('--only', () => {
  it('the outputs it leaves alone that disagree with their inputs are reported out of date until a full build', async () => {
    const project = await smallProject();
    await project.build();
    const csv = join(project.content, 'funding.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('NE,Fund,,,2016,200', 'NE,Fund,,,2016,250'));
    const only = await project.build({ only: ['mali'] });
    const reason = 'not made again: this build was limited by --only; build without it to make it again';
    expect(only.report.outOfDate).toEqual([
      { output: 'countries/niger.pdf', name: 'niger', reason },
      { output: 'factsheet.pdf', name: 'factsheet', reason },
    ]);
    const full = await project.build();
    expect(full.printed).toEqual([...PACK, 'Framework', 'Niger: country brief'].sort());
    expect(full.report.outOfDate).toEqual([]);
    await expectSameAsClean(project);
  });
});

describe('review', () => {
  it('lists a print edition left out of date, with why, though its bytes are unchanged', async () => {
    const project = await smallProject();
    await project.build({ printEdition: true });
    const approved = await tempDir('factsheets-approved-');
    await cp(project.out, approved, { recursive: true });
    await writeFile(join(project.content, 'countries/mali.md'), onePagerText('Mali', 'ML', 'New narrative.'));
    await project.build();
    const review = await reviewBuild(approved, project.out);
    const print = review.documents.find((document) => document.output === 'print/countries/mali.pdf');
    expect([print?.status, print?.outOfDate]).toEqual([
      'unchanged',
      'made from older inputs; build with --print to make it again',
    ]);
    const text = formatReviewText(review);
    expect(text).toContain(
      'unchanged print/countries/mali.pdf\n        out of date: made from older inputs; build with --print to make it again\n',
    );
    expect(text).toMatch(/PDFs changed, 0 added, 0 removed; 1 PDF is out of date \(reviewed in/);
  });
});
