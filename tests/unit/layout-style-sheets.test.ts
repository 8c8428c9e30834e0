import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onePagerText, smallProject } from '../helpers/fake-build.js';

/**
 * A project with two one-pager layouts sharing one style sheet: one-pager.hbs (no declaration:
 * the shared sheets and one-pager.css) and one-pager-wide.hbs, which names one-pager.css too,
 * and a sheet of its own.
 */
async function twoBriefLayouts() {
  const project = await smallProject({
    'countries/niger.md': onePagerText('Niger', 'NE').replace('iso: NE\n', 'iso: NE\ntemplate: one-pager-wide\n'),
  });
  const layout = await readFile(join(project.templates, 'layouts/one-pager.hbs'), 'utf8');
  await writeFile(
    join(project.templates, 'layouts/one-pager-wide.hbs'),
    layout.replace(
      '<html lang="{{lang}}" dir="{{dir}}">',
      '<html lang="{{lang}}" dir="{{dir}}" data-style-sheets="base.css fonts.css one-pager.css one-pager-wide.css">',
    ),
  );
  await writeFile(
    join(project.templates, 'styles/one-pager-wide.css'),
    '.masthead { border-block-end: 2pt solid var(--brand, #003399); }\n',
  );
  return project;
}

/** Which documents a build printed: the factsheet, the Mali brief (one-pager), the Niger brief (one-pager-wide); not the pack's own reprint of the factsheet. */
const documentsIn = (printed: readonly string[]): string[] =>
  ['Framework', 'Mali', 'Niger'].filter((name) =>
    printed.some((title) => title.includes(name) && !title.endsWith('(pack edition)')),
  );

describe('two one-pager layouts sharing one style sheet (data-style-sheets)', () => {
  it("builds both; a sheet both name rebuilds both, a sheet one names rebuilds it alone, another layout's sheet neither", async () => {
    const project = await twoBriefLayouts();
    const first = await project.build();
    expect(first.report.errors).toEqual([]);
    expect(documentsIn(first.printed)).toEqual(['Framework', 'Mali', 'Niger']);

    await appendFile(join(project.templates, 'styles/one-pager.css'), '\n.lede { font-style: italic; }\n');
    expect(documentsIn((await project.build()).printed)).toEqual(['Mali', 'Niger']);
    await appendFile(join(project.templates, 'styles/one-pager-wide.css'), '\n.lede { font-weight: 600; }\n');
    expect(documentsIn((await project.build()).printed)).toEqual(['Niger']);
    await appendFile(join(project.templates, 'styles/factsheet.css'), '\n.lede { color: #333; }\n');
    expect(documentsIn((await project.build()).printed)).toEqual(['Framework']);
  });

  it("a sheet the layout names that is missing is one error at its line and column; only that layout's brief fails", async () => {
    const project = await twoBriefLayouts();
    const file = join(project.templates, 'layouts/one-pager-wide.hbs');
    await writeFile(file, (await readFile(file, 'utf8')).replace('one-pager-wide.css"', 'one-pager-wid.css"'));
    const { report } = await project.build();
    expect(report.errors.map((error) => `${error.file}:${error.line}:${error.column}: ${error.message}`)).toEqual([
      expect.stringMatching(
        /layouts\/one-pager-wide\.hbs:2:\d+: the style sheet "one-pager-wid\.css" that data-style-sheets names is not in .*styles\/ \(did you mean "one-pager-wide\.css"\?\)$/,
      ),
    ]);
    expect(report.documents.filter((result) => result.status === 'failed').map((result) => result.name)).toEqual([
      'niger',
    ]);
  });
});
