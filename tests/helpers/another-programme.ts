import { DATASET_HEADER } from './sources.js';

/** Fifteen countries, in the factsheet's own order (not alphabetical): the order of its "countries". */
export const PROGRAMME_COUNTRIES = [
  'PT',
  'MA',
  'SN',
  'GH',
  'KE',
  'TZ',
  'MZ',
  'ZA',
  'NA',
  'AO',
  'CM',
  'NG',
  'CI',
  'LR',
  'EG',
] as const;

const PARAGRAPH =
  'The partnership finances sea walls, mangrove planting and early warning systems with the coastal towns that asked for them, and trains local engineers to keep them working after the first years. ';

/** A section of prose of about `sentences` sentences. */
function section(heading: string, sentences: number): string {
  return `## ${heading}\n\n${PARAGRAPH.repeat(sentences)}\n`;
}

/** An instrument's name longer than two lines of the brief's column could hold (Portugal's second line). */
export const LONGEST_INSTRUMENT =
  'Regional Programme for the Protection of Coastal Communities, Ports, Fisheries and Wetlands against Storm Surges and Sea Level Rise in the Atlantic Basin';
const LONGEST_INSTRUMENT_ROW = `PT,"${LONGEST_INSTRUMENT}",Storm surge barriers,Adaptation,2024,2500000,committed,Sample data: test`;

/**
 * Another programme than the sample's (fictional, every figure sample data): its own series,
 * a factsheet tabulating 15 countries with key figures, two charts and long instrument names.
 * `sections` sets the length of the prose, and `extra` adds front matter lines.
 */
export function anotherProgramme(
  options: { readonly sections?: number; readonly extra?: string; readonly settings?: string } = {},
): Record<string, string> {
  const sections = Array.from({ length: options.sections ?? 3 }, (_, index) =>
    section(`What the coast needs, part ${index + 1}`, 6),
  ).join('\n');
  const rows = PROGRAMME_COUNTRIES.map(
    (iso, index) =>
      `${iso},Coastal Resilience Facility for Adaptation and Early Warning in Coastal Towns,Sea walls and mangroves ${index + 1},Adaptation,${2020 + (index % 4)},${(index + 3) * 4_125_000},paid,Sample data: test`,
  );
  return {
    'factsheets.yml': `series: Coastal Resilience Partnership\npublisher: Coastal Office\n${options.settings ?? ''}`,
    'review.md': [
      '---',
      'title: Two years of coastal resilience',
      'date: 2025-06-01',
      'figures:',
      '  total: 480000000',
      '  grants: 300000000',
      '  loans: 180000000',
      '  towns: 64',
      'key_figures:',
      '  - figure: total',
      '    label: committed to coastal towns',
      '  - figure: towns',
      '    label: towns with an early warning system',
      '    format: number',
      'charts:',
      '  - title: Grants and loans',
      '    shares: true',
      '    bars:',
      '      - figure: grants',
      '        label: Grants to municipalities and regional authorities',
      '      - figure: loans',
      '        label: Loans',
      '  - title: Size of the programme',
      '    bars:',
      '      - figure: grants',
      '        label: Grants',
      '      - figure: total',
      '        label: Everything committed',
      `countries: [${PROGRAMME_COUNTRIES.join(', ')}]`,
      ...(options.extra === undefined ? [] : [options.extra]),
      '---',
      '',
      sections,
    ].join('\n'),
    'countries/kenya.md':
      '---\nname: Kenya\niso: KE\ndate: 2025-05-01\n---\n\n## Coast\n\nSample text about the coast of Kenya.\n',
    'countries/portugal.md':
      '---\nname: Portugal\niso: PT\ndate: 2025-04-01\n---\n\n## Coast\n\nSample text about the coast of Portugal.\n',
    'funding.csv': `${DATASET_HEADER}\n${rows.join('\n')}\n${LONGEST_INSTRUMENT_ROW}\n`,
  };
}
