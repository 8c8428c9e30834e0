import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadSources } from '../../src/stages/load.js';
import { readWorkbook } from '../../src/stages/spreadsheet.js';
import { validateDataset, validateWorkbook } from '../../src/stages/validate/dataset.js';
import { misreadUtf8 } from '../../src/stages/validate/mojibake.js';
import { validateSources } from '../../src/stages/validate.js';
import { TEMPLATES, writeContent } from '../helpers/content.js';
import { dataset } from '../helpers/sources.js';

const EXPLANATION =
  'it looks like UTF-8 text that was read as Windows-1252 (or Latin-1) and saved again, e.g. a UTF-8 CSV opened in Excel or LibreOffice' +
  ' without choosing "Unicode (UTF-8)": open the original again choosing UTF-8, or correct the text';

describe('text that looks like UTF-8 read as Windows-1252', () => {
  it('is found, with what it meant', () => {
    expect(misreadUtf8('Résilience: RÃ©silience')).toEqual({ found: 'RÃ©silience', meant: 'Résilience' });
    expect(misreadUtf8('NDICIâ€“Global Europe')).toEqual({ found: 'NDICIâ€“Global', meant: 'NDICI–Global' });
    expect(misreadUtf8('LaÃ¢youne')).toEqual({ found: 'LaÃ¢youne', meant: 'Laâyoune' });
    expect(misreadUtf8('the â‚¬ sign')).toEqual({ found: 'â‚¬', meant: '€' });
  });

  it('leaves real text alone: accents, capitals, ß before a quote, guillemets', () => {
    for (const text of [
      'Côte d’Ivoire',
      'São Tomé and Príncipe',
      'Strauß’s plan',
      'L’ÉTÉ–HIVER',
      '« Résilience »',
      'ÃO',
      'Ångström',
      'naïve café',
    ]) {
      expect(misreadUtf8(text), text).toBeUndefined();
    }
  });

  it('in a CSV cell: one warning at the first cell, naming the column, with a count of the others', () => {
    const result = validateDataset(
      dataset(
        'ML,NDICIâ€“Global,Jobs,,2016,100,paid,',
        'ML,Fund,RÃ©silience,,2016,100,paid,',
        'ML,Fund,Jobs,,2016,100,paid,LaÃ¢youne',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {
        message: `column "instrument": "NDICIâ€“Global" was probably "NDICI–Global": ${EXPLANATION} (and 2 more cells like it)`,
        file: 'content/funding.csv',
        line: 2,
      },
    ]);
  });

  it('in a workbook cell: named by its cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Funding');
    sheet.addRow(['country', 'instrument', 'programme', 'year', 'amount_eur', 'status']);
    sheet.addRow(['MA', 'Fund', 'LaÃ¢youne water', 2016, 100, 'paid']);
    const [read] = await readWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), 'funding.xlsx');
    const result = validateWorkbook(
      { displayPath: 'funding.xlsx', sheets: read === undefined ? [] : [read] },
      undefined,
    );
    expect(result.warnings).toEqual([
      {
        message: `Funding!C2: column "programme": "LaÃ¢youne" was probably "Laâyoune": ${EXPLANATION}`,
        file: 'funding.xlsx',
      },
    ]);
  });

  it('in a brief: one warning at its first line', async () => {
    const content = await writeContent({
      'countries/mali.md':
        '---\nname: Mali\niso: ML\nsummary: A country of rÃ©silience\n---\n\nIts partners: the UNâ€™s agencies.\n',
      'funding.csv': 'country,instrument,year,amount_eur,status\nML,Fund,2016,5,paid\n',
    });
    const validation = validateSources(await loadSources(content, TEMPLATES));
    expect(validation.warnings).toEqual([
      {
        message: `"rÃ©silience" was probably "résilience": ${EXPLANATION} (and 1 more line like it)`,
        file: `${content}/countries/mali.md`,
        line: 4,
        document: 'mali',
      },
    ]);
  });
});
