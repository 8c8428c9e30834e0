import { describe, expect, it } from 'vitest';
import { BuildLog } from '../../src/pipeline/log.js';
import { Outcome } from '../../src/pipeline/outcome.js';
import type { ManifestEntry } from '../../src/pipeline/manifest.js';
import { formatJsonReport, formatTextReport } from '../../src/cli/report.js';
import type { FitRecord, RenderJob } from '../../src/model/documents.js';
import { onePagerDocument } from '../helpers/documents.js';

function jobFor(name: string): RenderJob {
  return {
    document: onePagerDocument(name, `name: ${name}\niso: ML`),
    kind: 'one-pager',
    layout: 'one-pager',
    lang: 'en',
    outputPath: `countries/${name}.pdf`,
    view: {},
    maxPages: 1,
    info: { title: name, keywords: [], creator: 'factsheets' },
  };
}

function entryFor(job: RenderJob, fit: FitRecord): ManifestEntry {
  return {
    output: job.outputPath,
    name: job.document.name,
    kind: job.kind,
    source: job.document.source.displayPath,
    pages: 1,
    bytes: 1,
    sha256: '',
    fonts: [],
    inputs: {},
    renderMs: 1,
    fit,
  };
}

describe('the space budget in the build report', () => {
  const log = new BuildLog('/out', 0);
  const printed = new Outcome();
  const roomy = jobFor('roomy');
  const stepped = jobFor('stepped');
  const tight = jobFor('tight');
  const fits: Record<string, FitRecord> = {
    roomy: { step: 'design', stepIndex: 0, roomMm: 40.5, roomLines: 8, bodyPt: 9.8, lines: { shown: 5, leftOut: 0 } },
    stepped: { step: 'compact', stepIndex: 1, roomMm: 12, roomLines: 2, bodyPt: 9.4, lines: { shown: 6, leftOut: 34 } },
    tight: { step: 'design', stepIndex: 0, roomMm: 3.9, roomLines: 0, bodyPt: 9.8, lines: { shown: 12, leftOut: 3 } },
  };
  for (const job of [roomy, stepped, tight]) {
    printed.built(job, 1, 100);
    printed.manifest.push(entryFor(job, fits[job.document.name] as FitRecord));
  }
  log.fold(printed);
  const report = log.report(1000);

  it('gives each built one-pager its fit step and room, as manifest.json has them', () => {
    expect(report.documents.map((document) => [document.name, document.fit])).toEqual([
      ['roomy', fits['roomy']],
      ['stepped', fits['stepped']],
      ['tight', fits['tight']],
    ]);
    expect(JSON.parse(formatJsonReport(report)).documents[1].fit).toEqual(fits['stepped']);
  });

  it('notes a page printed at a denser step, and a page with under two lines left; not a roomy one', () => {
    expect(report.notes).toEqual([
      {
        document: 'stepped',
        file: 'content/countries/stepped.md',
        message:
          'printed at the denser fit step "compact" (9.4 pt body text) to fit on one page; the funding table shows 6 lines, the closing line totals the other 34',
      },
      {
        document: 'tight',
        file: 'content/countries/tight.md',
        message:
          'the funding table shows 12 lines, the closing line totals the other 3; tight: 3.9 mm left (less than a line of prose)',
      },
    ]);
  });

  it('prints the notes after the built lines, where --quiet leaves them out', () => {
    const { stdout } = formatTextReport(report);
    expect(stdout).toContain(
      'built  countries/tight.pdf  (1 page, 100 ms)\nnote   content/countries/stepped.md: printed at the denser fit step "compact"',
    );
    expect(stdout.split('\n').at(-2)).toMatch(/^3 built, 0 failed in 1\.0 s$/);
  });
});
