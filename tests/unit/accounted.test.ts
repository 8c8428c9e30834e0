import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { readWorkbook } from '../../src/stages/spreadsheet.js';
import { rowsWithoutDocument } from '../../src/stages/validate/unused-rows.js';
import { validateWorkbook } from '../../src/stages/validate/dataset.js';
import type { LoadedTemplates } from '../../src/model/sources.js';
import { unknownFields } from '../../src/stages/validate/unknown-fields.js';
import { onePagerDocument } from '../helpers/documents.js';
import { source } from '../helpers/sources.js';
import { loadSources } from '../../src/stages/load.js';
import { validateSources } from '../../src/stages/validate.js';
import { SAMPLE_CONTENT, TEMPLATES, writeContent } from '../helpers/content.js';

const HEADER = 'country,instrument,year,amount_eur,status\n';
const brief = (name: string, iso: string, extra = '') => `---\nname: ${name}\niso: ${iso}\n${extra}---\n\nText.\n`;

async function validated(files: Readonly<Record<string, string>>) {
  const content = await writeContent(files);
  return { content, validation: validateSources(await loadSources(content, TEMPLATES)) };
}

describe('every dataset row is used or reported', () => {
  it('the sample uses every row and has no warning', async () => {
    const validation = validateSources(await loadSources(SAMPLE_CONTENT, TEMPLATES));
    expect(validation.warnings).toEqual([]);
  });

  it('rows whose country has no document are one warning naming the rows, their amount and the code meant', async () => {
    const { content, validation } = await validated({
      'countries/kenya.md': brief('Kenya', 'KE'),
      'countries/mali.md': brief('Mali', 'ML'),
      'funding.csv': `${HEADER}KE,Fund,2016,1000,paid\nKN,Fund,2016,1500000,paid\nML,Fund,2016,5,paid\nKN,Fund,2017,500000,committed\nXK,Fund,2017,250,paid\n`,
    });
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([
      {
        message:
          `3 rows of ${content}/funding.csv (€2,000,250) are in no document, so in no total: ` +
          `KN (${content}/funding.csv:3, ${content}/funding.csv:5: €2,000,000; did you mean KE, Kenya?), XK (${content}/funding.csv:6: €250)` +
          ' (correct the country code, write a brief for the country, or list it under countries_without_brief in factsheets.yml)',
        file: `${content}/funding.csv`,
        line: 3,
      },
    ]);
  });

  it('counts rows of the countries a factsheet shows as used, and leaves out the codes the settings keep on purpose', async () => {
    const { validation } = await validated({
      'overview.md': '---\ntitle: Overview\ncountries: [NE]\n---\n\nText.\n',
      'countries/mali.md': brief('Mali', 'ML'),
      'factsheets.yml': 'countries_without_brief: [XK, PS]\n',
      'funding.csv': `${HEADER}ML,Fund,2016,5,paid\nNE,Fund,2016,7,paid\nXK,Fund,2017,250,paid\nPS,Fund,2017,3,paid\n`,
    });
    expect(validation.errors).toEqual([]);
    expect(validation.settings.countriesWithoutBrief).toEqual(['XK', 'PS']);
    expect(validation.warnings).toEqual([]);
  });

  it('checks the setting: a list of country codes', async () => {
    const { content, validation } = await validated({
      'countries/mali.md': brief('Mali', 'ML'),
      'factsheets.yml': 'countries_without_brief: [XK, Kosovo]\n',
      'funding.csv': `${HEADER}ML,Fund,2016,5,paid\n`,
    });
    expect(validation.errors.map(formatError)).toEqual([
      `${content}/factsheets.yml:1:31: error: field "countries_without_brief[1]" is not an ISO 3166-1 alpha-2 country code (two capitals, e.g. ML)\n` +
        '  hint: Correct the value of "countries_without_brief[1]" in the settings file.',
    ]);
  });

  it('names the rows of a workbook by their country cell, and caps a long list with counts', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Funding');
    sheet.addRow(['instrument', 'country', 'year', 'amount_eur', 'status']);
    for (let index = 0; index < 5; index += 1) sheet.addRow(['Fund', 'KN', 2016, 10, 'paid']);
    for (const code of ['AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AR'])
      sheet.addRow(['Fund', code, 2016, 1, 'paid']);
    const [read] = await readWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), 'funding.xlsx');
    const { dataset, errors } = validateWorkbook(
      { displayPath: 'funding.xlsx', sheets: read === undefined ? [] : [read] },
      undefined,
    );
    expect(errors).toEqual([]);
    const [warning] = rowsWithoutDocument(dataset, [onePagerDocument('kenya', 'name: Kenya\niso: KE')], {});
    expect(warning?.message).toBe(
      '14 rows of funding.xlsx (€59) are in no document, so in no total: ' +
        'AD (funding.xlsx: Funding!B7: €1), AE (funding.xlsx: Funding!B8: €1; did you mean KE, Kenya?), AF (funding.xlsx: Funding!B9: €1), AG (funding.xlsx: Funding!B10: €1), ' +
        'AI (funding.xlsx: Funding!B11: €1), AL (funding.xlsx: Funding!B12: €1), AM (funding.xlsx: Funding!B13: €1), ' +
        'AO (funding.xlsx: Funding!B14: €1), and 2 more codes' +
        ' (correct the country code, write a brief for the country, or list it under countries_without_brief in factsheets.yml)',
    );
    expect(warning?.line).toBeUndefined();
  });
});

describe('one output, one source; one brief per country and language', () => {
  it('two documents that resolve to one output are an error naming both; neither is built', async () => {
    const { content, validation } = await validated({
      'countries/peru.md': brief('Peru', 'PE'),
      'countries/peru.en.md': brief('Peru', 'PE'),
      'countries/mali.md': brief('Mali', 'ML'),
      'funding.csv': `${HEADER}PE,Fund,2016,5,paid\nML,Fund,2016,5,paid\n`,
    });
    expect(validation.errors.map(formatError)).toEqual([
      `${content}/countries/peru.md: error: ${content}/countries/peru.en.md and ${content}/countries/peru.md would both be written to countries/peru.pdf\n` +
        "  hint: Keep one of them: an edition in the project's language (en) is written where the document without a language is.",
    ]);
    expect(validation.documents.map((document) => document.name)).toEqual(['mali']);
    expect(validation.failed.map((failure) => failure.name).sort()).toEqual(['peru', 'peru.en']);
    expect(validation.warnings).toEqual([]);
  });

  it('two briefs of one language for the same country are an error naming both; editions in other languages are not', async () => {
    const { content, validation } = await validated({
      'countries/mali.md': brief('Mali', 'ML'),
      'countries/mali.fr.md': brief('Mali', 'ML'),
      'countries/mali-north.md': brief('Northern Mali', 'ML'),
      'countries/niger.md': brief('Niger', 'NE'),
      'funding.csv': `${HEADER}ML,Fund,2016,5,paid\nNE,Fund,2016,5,paid\n`,
    });
    expect(validation.errors.map(formatError)).toEqual([
      `${content}/countries/mali.md:3: error: ${content}/countries/mali-north.md and ${content}/countries/mali.md are both en briefs for ML (Mali)\n` +
        '  hint: A country has one brief per language: remove one of them, or correct its iso.',
    ]);
    expect(validation.documents.map((document) => document.name).sort()).toEqual(['mali.fr', 'niger']);
  });
});

describe('every front-matter field is read or reported', () => {
  it('an unknown field is a warning at its line with the nearest known name', async () => {
    const { content, validation } = await validated({
      'countries/mali.md': brief('Mali', 'ML', 'sumary: A Sahel country.\ndat: 2017-09-06\nfunding_lines: 6\n'),
      'overview.md': '---\ntitle: Overview\ncountries: [ML]\nsubtilte: A year on\ncolour: blue\n---\n\nText.\n',
      'funding.csv': `${HEADER}ML,Fund,2016,5,paid\n`,
    });
    expect(validation.errors).toEqual([]);
    expect(validation.warnings.map((warning) => `${warning.file}:${warning.line} ${warning.message}`)).toEqual([
      `${content}/overview.md:4 unknown field "subtilte": did you mean "subtitle"? (no layout reads it, so the page does not show it)`,
      expect.stringMatching(
        new RegExp(
          `^${content}/overview.md:5 unknown field "colour" \\(no layout reads it, so the page does not show it; a factsheet's fields are title, subtitle, date, `,
        ),
      ),
      `${content}/countries/mali.md:4 unknown field "sumary": did you mean "summary"? (no layout reads it, so the page does not show it)`,
      `${content}/countries/mali.md:5 unknown field "dat": did you mean "date"? (no layout reads it, so the page does not show it)`,
    ]);
  });

  it('a field a layout, a partial or the prose reads is not reported', async () => {
    const { validation } = await validated({
      'countries/mali.md': `---\nname: Mali\niso: ML\nmotto: Unity\nregion: Sahel\n---\n\nIn {{page.region}}.\n`,
      'funding.csv': `${HEADER}ML,Fund,2016,5,paid\n`,
    });
    expect(validation.warnings.map((warning) => warning.message)).toEqual([
      expect.stringContaining('unknown field "motto"'),
    ]);
  });

  it('a field a custom layout or partial reads is not reported', () => {
    const mali = onePagerDocument('mali', 'name: Mali\niso: ML\nmotto: Unity\nflag: green\nanthem: x');
    const templates = {
      layouts: new Map([['one-pager', source('templates/layouts/one-pager.hbs', '<p>{{page.motto}}</p>{{> flag}}')]]),
      partials: new Map([['flag', source('templates/partials/flag.hbs', '{{#with page}}<i>{{flag}}</i>{{/with}}')]]),
    } as unknown as LoadedTemplates;
    expect(unknownFields([mali], templates).map((warning) => warning.message)).toEqual([
      expect.stringContaining('unknown field "anthem"'),
    ]);
  });
});
