import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJsonReport } from '../../src/cli/report.js';
import { smallProject } from '../helpers/fake-build.js';
import { DATASET_HEADER } from '../helpers/sources.js';

describe('the dataset rows each document used', () => {
  it('are counted per document in the manifest and in --json, built or unchanged', async () => {
    const project = await smallProject({
      'funding.csv': `${[DATASET_HEADER, 'ML,Fund,,,2016,100,paid,', 'ML,Fund,,,2017,50,paid,', 'NE,Fund,,,2016,200,paid,', 'SN,Fund,,,2016,7,paid,'].join('\n')}\n`,
    });
    const expected = [
      ['factsheet.pdf', 3],
      ['countries/mali.pdf', 2],
      ['countries/niger.pdf', 1],
      ['print/factsheet.pdf', 3],
      ['print/countries/mali.pdf', 2],
      ['print/countries/niger.pdf', 1],
    ];
    for (let build = 0; build < 2; build += 1) {
      const { report } = await project.build({ printEdition: true });
      expect(report.documents.map((result) => [result.output, result.status])).toContainEqual([
        'countries/mali.pdf',
        build === 0 ? 'built' : 'unchanged',
      ]);
      const json = JSON.parse(formatJsonReport(report)) as {
        documents: { output: string; kind: string; rows?: number }[];
      };
      expect(
        json.documents
          .filter((result) => result.kind !== 'briefing-pack')
          .map((result) => [result.output, result.rows])
          .sort(),
      ).toEqual([...expected].sort());
    }
    const manifest = JSON.parse(await readFile(join(project.out, 'manifest.json'), 'utf8')) as {
      documents: { output: string; kind: string; rows?: number }[];
    };
    expect(
      manifest.documents
        .filter((entry) => entry.kind !== 'briefing-pack')
        .map((entry) => [entry.output, entry.rows])
        .sort(),
    ).toEqual([...expected].sort());
  });
});
