import { describe, expect, it } from 'vitest';
import type { MakeContext } from '../../src/outputs/output.js';
import { OUTPUT_KINDS } from '../../src/outputs/paths.js';
import {
  allOutputs,
  documentOutputs,
  isScreenResult,
  outputFor,
  outputOfJob,
  outputOfPath,
  outputOfResult,
  outputsAfterScreen,
} from '../../src/outputs/registry.js';
import { planJobs } from '../../src/stages/plan.js';
import type { DocumentResult, RenderJob } from '../../src/model/documents.js';
import { datasetOf, factsheetDocument, onePagerDocument } from '../helpers/documents.js';

const mali = onePagerDocument('mali', 'name: Mali\niso: ML\nrole: origin and transit');
const [job] = planJobs([mali], datasetOf('ML,Trust Fund,Jobs,,2016,30000000,contracted,')).jobs as [RenderJob];
const config = { printEdition: false, skipPack: false };

describe('the output registry', () => {
  it('has the module of each kind of output, under its own kind', () => {
    for (const kind of OUTPUT_KINDS) expect(outputFor(kind).kind).toBe(kind);
    expect(allOutputs().map((output) => output.kind)).toEqual([...OUTPUT_KINDS]);
  });

  it('makes a document screen PDF first, then its other outputs, and never a pack from one document', () => {
    expect(documentOutputs().map((output) => output.kind)).toEqual(['screen', 'print']);
    expect(outputsAfterScreen().map((output) => output.kind)).toEqual(['print']);
  });

  it("finds a job's, a result's and a manifest path's module", () => {
    expect(outputOfJob(job).kind).toBe('screen');
    expect(outputOfJob(outputFor('print').jobOf(job)).kind).toBe('print');
    expect(outputOfResult({ kind: 'one-pager' }).kind).toBe('screen');
    expect(outputOfResult({ kind: 'factsheet', edition: 'print' }).kind).toBe('print');
    expect(outputOfResult({ kind: 'briefing-pack' }).kind).toBe('pack');
    const results: Pick<DocumentResult, 'kind' | 'edition'>[] = [
      { kind: 'one-pager' },
      { kind: 'one-pager', edition: 'print' },
      { kind: 'briefing-pack' },
    ];
    expect(results.map(isScreenResult)).toEqual([true, false, false]);
  });

  it('names the kinds as the reports and the --json summary do', () => {
    expect(allOutputs().map((output) => output.label.summaryKey)).toEqual([
      'documents',
      'printEditions',
      'briefingPack',
    ]);
    expect(allOutputs().map((output) => output.label.name)).toEqual([undefined, 'print edition', 'briefing pack']);
    expect(allOutputs().map((output) => [output.label.count(1), output.label.count(2)])).toEqual([
      ['1 document', '2 documents'],
      ['1 print edition', '2 print editions'],
      ['the briefing pack', '2 briefing packs'],
    ]);
  });

  it('makes each kind only when its flag asks for it', () => {
    expect(allOutputs().map((output) => output.flag)).toEqual([undefined, '--print', undefined]);
    expect(allOutputs().map((output) => output.wanted(config))).toEqual([true, false, true]);
    expect(allOutputs().map((output) => output.wanted({ printEdition: true, skipPack: true }))).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('each output module: its paths', () => {
  const place = (kind: 'one-pager' | 'factsheet', baseName: string, lang: string | undefined) => ({
    kind,
    baseName,
    lang,
    project: 'en',
  });

  it('screen: one-pagers under countries/, another language under its folder', () => {
    const screen = outputFor('screen');
    expect(screen.pathOf(place('one-pager', 'mali', undefined))).toBe('countries/mali.pdf');
    expect(screen.pathOf(place('one-pager', 'mali', 'en'))).toBe('countries/mali.pdf');
    expect(screen.pathOf(place('one-pager', 'mali', 'fr'))).toBe('fr/countries/mali.pdf');
    expect(screen.pathOf(place('factsheet', 'factsheet', 'pt-BR'))).toBe('pt-BR/factsheet.pdf');
  });

  it('print: the screen PDF under print/', () => {
    const print = outputFor('print');
    expect(print.pathOf(place('one-pager', 'mali', 'fr'))).toBe('print/fr/countries/mali.pdf');
    expect(print.pathOf(place('factsheet', 'factsheet', undefined))).toBe('print/factsheet.pdf');
  });

  it("pack: the project language's at the top, any other under its folder", () => {
    const pack = outputFor('pack');
    expect(pack.pathOf({ lang: 'en', project: 'en' })).toBe('briefing-pack.pdf');
    expect(pack.pathOf({ lang: 'fr', project: 'en' })).toBe('fr/briefing-pack.pdf');
  });

  it('every path a module makes is held by that module alone', () => {
    const paths = [
      ['countries/mali.pdf', 'screen'],
      ['fr/factsheet.pdf', 'screen'],
      ['print/countries/mali.pdf', 'print'],
      ['print/fr/factsheet.pdf', 'print'],
      ['briefing-pack.pdf', 'pack'],
      ['fr/briefing-pack.pdf', 'pack'],
    ] as const;
    for (const [path, kind] of paths) {
      expect(outputOfPath(path)?.kind).toBe(kind);
      expect(allOutputs().filter((output) => output.holds(path))).toHaveLength(1);
    }
  });
});

describe('each output module: its job, inputs and finishing', () => {
  it("screen: the plan's job as it is", () => {
    expect(outputFor('screen').jobOf(job)).toBe(job);
    expect(outputFor('screen').options).toEqual({ print: false });
  });

  it('print: its own edition, path and view flags; recorded as a print option', () => {
    const print = outputFor('print').jobOf(job);
    expect(print).toMatchObject({ edition: 'print', outputPath: 'print/countries/mali.pdf', layout: job.layout });
    expect(print.view['edition']).toEqual({ print: true });
    expect(job.view['edition']).toEqual({ print: false });
    expect(outputFor('print').options).toEqual({ print: true });
  });

  it('print: made only after the screen PDF it is checked against', async () => {
    const print = outputFor('print').jobOf(job);
    await expect(
      outputFor('print').make({ job: print, html: '', warnings: [] }, {
        date: new Date(0),
        warn: () => {},
      } as unknown as MakeContext),
    ).rejects.toThrow('the print edition of mali is made after its screen PDF');
  });

  it("pack: a document's part laid out without its own page numbers, never written on its own", () => {
    const factsheet = factsheetDocument('factsheet', 'title: Funding\ncountries: [ML]');
    const [planned] = planJobs([factsheet], datasetOf('ML,Trust Fund,Jobs,,2016,30000000,contracted,')).jobs as [
      RenderJob,
    ];
    const part = outputFor('pack').partJobOf(planned);
    expect(part.view['edition']).toEqual({ print: false, pack: true });
    expect(part.outputPath).toBe(planned.outputPath);
    expect(part.edition).toBeUndefined();
  });
});
