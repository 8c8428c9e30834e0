import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { isTainted, validateDataset } from '../../src/stages/validate/dataset.js';
import { dataset, source } from '../helpers/sources.js';

const GOOD =
  'ML,EU Emergency Trust Fund for Africa,Jobs,Jobs and economic development,2016,36500000,contracted,Sample data';

function messages(text: string): string[] {
  return validateDataset(source('content/funding.csv', text)).errors.map(formatError);
}

describe('validateDataset: good input', () => {
  it('reads rows into typed records with their line numbers', () => {
    const result = validateDataset(dataset(GOOD, 'NE,European Development Fund,,,2017,70000000.50,paid,'));
    expect(result.errors).toEqual([]);
    expect(result.dataset.records).toEqual([
      {
        country: 'ML',
        instrument: 'EU Emergency Trust Fund for Africa',
        programme: 'Jobs',
        sector: 'Jobs and economic development',
        year: 2016,
        amountEur: 36_500_000,
        status: 'contracted',
        source: 'Sample data',
        line: 2,
      },
      {
        country: 'NE',
        instrument: 'European Development Fund',
        year: 2017,
        amountEur: 70_000_000.5,
        status: 'paid',
        line: 3,
      },
    ]);
    expect(Object.isFrozen(result.dataset.records)).toBe(true);
  });

  it('accepts a byte-order mark, CRLF line ends, quoted fields and any column order', () => {
    const text = '\uFEFFstatus,amount_eur,year,country,instrument\r\npaid,100,2016,SN,"Fund, with comma"\r\n';
    const result = validateDataset(source('funding.csv', text));
    expect(result.errors).toEqual([]);
    expect(result.dataset.records[0]).toMatchObject({
      country: 'SN',
      instrument: 'Fund, with comma',
      amountEur: 100,
      line: 2,
    });
  });

  it('counts lines from where a multi-line quoted row starts', () => {
    const result = validateDataset(dataset('ML,"Two\nlines",,,2016,5,paid,', 'ML,Fund,,,2016,-1,paid,'));
    expect(result.errors.map((error) => error.line)).toEqual([4]);
  });
});

describe('validateDataset: one error per kind of bad input, with its exact message', () => {
  it('a row with more or fewer fields than the header', () => {
    expect(messages(`${dataset().text}ML,Fund,2016,100,paid\n`)).toEqual([
      'content/funding.csv:2:1: error: row has 5 fields but the header has 8\n' +
        '  hint: Check for a missing or extra comma; quote values that contain commas ("Jobs, growth").',
    ]);
  });

  it('a non-numeric amount', () => {
    expect(messages(`${dataset().text}ML,Fund,,,2016,12 million,paid,\n`)).toEqual([
      'content/funding.csv:2:16: error: column "amount_eur": "12 million" is not a number\n' +
        '  hint: Write the amount in euros as digits with optional decimals, without a currency sign or thousands separators, e.g. 12500000.',
    ]);
  });

  it('a negative amount', () => {
    expect(messages(`${dataset().text}ML,Fund,,,2016,-2000,paid,\n`)).toEqual([
      'content/funding.csv:2:16: error: column "amount_eur": -2000 is negative\n  hint: Amounts must be zero or more, in euros.',
    ]);
  });

  it('an unknown status', () => {
    expect(messages(`${dataset().text}ML,Fund,,,2016,100,pledged,\n`)).toEqual([
      'content/funding.csv:2:20: error: column "status": "pledged" is not a known status\n  hint: Use one of: committed, contracted, paid.',
    ]);
  });

  it('a misspelt column is one error, with a suggestion (not also a missing column)', () => {
    expect(messages('country,instrument,year,amount,status\nML,Fund,2016,100,paid\n')).toEqual([
      'content/funding.csv:1:25: error: unknown column "amount"\n' +
        '  hint: Did you mean "amount_eur"? Known columns: country, instrument, programme, sector, year, amount_eur, status, source.',
    ]);
    expect(messages('country,instrument,year,status\nML,Fund,2016,paid\n')).toEqual([
      'content/funding.csv:1: error: missing required column "amount_eur"\n  hint: Add a "amount_eur" column to the header row.',
    ]);
  });

  it('a header of 10,000 unknown columns is ten errors and a count, not 10,003', () => {
    const header = [
      'country',
      'instrument',
      'year',
      'amount_eur',
      'status',
      ...Array.from({ length: 10_000 }, (_, index) => `extra${index}`),
    ];
    const errors = messages(`${header.join(',')}\n`);
    expect(errors).toHaveLength(11);
    expect(errors[0]).toMatch(/^content\/funding\.csv:1:43: error: unknown column "extra0"\n/);
    expect(errors[10]).toBe(
      'content/funding.csv:1: error: and 9,990 more unknown columns (10,000 in all)\n' +
        '  hint: Is the first row the header? The header names the columns: country, instrument, programme, sector, year, amount_eur, status, source.',
    );
  });

  it('a bad country code and a year out of range', () => {
    expect(messages(`${dataset().text}MLI,Fund,,,1999,100,paid,\n`)).toEqual([
      'content/funding.csv:2:1: error: column "country": "MLI" is not an ISO 3166-1 alpha-2 country code\n' +
        "  hint: Use the two-letter code in capitals, e.g. ML for Mali, CI for Côte d'Ivoire.",
      'content/funding.csv:2:12: error: column "year": "1999" is not a year between 2000 and 2100\n' +
        '  hint: Write the year of the decision as four digits, e.g. 2017.',
    ]);
  });

  it('an empty required value', () => {
    expect(messages(`${dataset().text}ML,,,,2016,100,paid,\n`)[0]).toBe(
      'content/funding.csv:2:4: error: column "instrument": is empty\n  hint: Every row needs a value for "instrument".',
    );
  });

  it('broken quoting, with the line', () => {
    const [message] = messages(`${dataset().text}ML,"Fund"x,,,2016,100,paid,\n`);
    expect(message).toMatch(/^content\/funding\.csv:2: error: the CSV cannot be read: Invalid Closing Quote/);
  });

  it('an unclosed quote, at the quote that opens it', () => {
    expect(messages(`${dataset().text}ML,"Fund,,,2016,100,paid,\r\nNE,Fund,,,2016,1,paid,\r\n`)).toEqual([
      'content/funding.csv:2:4: error: the CSV cannot be read: Quote Not Closed\n' +
        '  hint: A value with commas, quotes or line breaks must be in double quotes, and a quote inside it doubled ("").',
    ]);
  });

  it('an empty file', () => {
    expect(messages('')).toEqual([
      'content/funding.csv:1: error: the dataset is empty\n' +
        '  hint: Start the file with a header row: country,instrument,programme,sector,year,amount_eur,status,source',
    ]);
  });
});

describe('validateDataset: collect, then fail', () => {
  it('reports every bad row of the file in one pass and keeps the good ones', () => {
    const result = validateDataset(
      dataset(GOOD, 'NE,Fund,,,2016,-1,paid,', GOOD, 'SN,Fund,,,2016,100,maybe,', 'GH,Fund,2016'),
    );
    expect(result.errors.map((error) => error.line)).toEqual([3, 5, 6]);
    expect(result.dataset.records.map((record) => record.line)).toEqual([2, 4]);
  });

  it('marks the countries of bad rows, so that their documents fail too', () => {
    const result = validateDataset(dataset(GOOD, 'NE,Fund,,,2016,-1,paid,'));
    expect(isTainted(result.dataset, 'NE')).toBe(true);
    expect(isTainted(result.dataset, 'ML')).toBe(false);
  });

  it('marks every country when a bad row cannot be attributed', () => {
    const result = validateDataset(dataset(GOOD, 'XX,Fund,,,2016,1,paid,'));
    expect(isTainted(result.dataset, 'ML')).toBe(true);
  });
});

describe('validateDataset: one cause, one error', () => {
  it('lists the first ten errors of a kind, then counts the rest at the first one left out', () => {
    const rows = [
      ...Array.from({ length: 25 }, () => 'ML,Fund,,,2016,100,pledged,'),
      ...Array.from({ length: 3 }, () => 'NE,Fund,,,1999,100,paid,'),
    ];
    const errors = messages(dataset(...rows).text);
    expect(errors).toHaveLength(14);
    expect(errors.filter((error) => /"pledged" is not a known status/.test(error))).toHaveLength(10);
    expect(errors.filter((error) => /"1999" is not a year/.test(error))).toHaveLength(3);
    expect(errors[13]).toBe(
      'content/funding.csv:12:20: error: and 15 more bad values in column "status" (25 in all)\n' +
        '  hint: Fix the ones listed above first: the same mistake is often repeated.',
    );
  });
});

describe('validateDataset: characters in cells', () => {
  it("a private-use character is an error at its cell, not the brief's", () => {
    expect(messages(dataset('ML,Fund,Jobs \uE001 growth,,2016,100,paid,').text)).toEqual([
      'content/funding.csv:2:9: error: column "programme": "\uE001" (U+E001) is a private-use character, which no font is sure to print\n' +
        '  hint: Replace it with the character meant (text pasted from a symbol font or a PDF often holds one), or remove it.',
    ]);
  });
});
