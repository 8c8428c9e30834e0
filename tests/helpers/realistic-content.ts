import countries from 'i18n-iso-countries';

/**
 * Realistic one-pager content, generated from a seed (same seed, same content): briefs of
 * 80–320 words of prose with headings, a list, a small table and a quote; 1–300 funding rows
 * per country over 1–12 instruments, programme titles up to 150 characters, years over two
 * decades, amounts from thousands to hundreds of millions. The first countries are the odd
 * cases: a single row, one instrument, every row in one year, huge and tiny amounts together.
 */

/** A small, fast, seeded generator (mulberry32): deterministic across runs and machines. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedCountry {
  /** Document name (`c-007-ml`). */
  readonly name: string;
  readonly iso: string;
  readonly countryName: string;
  /** The Markdown file, front matter included. */
  readonly markdown: string;
  /** Words of prose in the body (headings, list, table and quote included) and in the summary. */
  readonly proseWords: number;
  readonly summaryWords: number;
  readonly rows: readonly string[];
}

export interface GeneratedContent {
  readonly countries: readonly GeneratedCountry[];
  /** `funding.csv`, header included. */
  readonly csv: string;
}

const INSTRUMENTS = [
  'EU Emergency Trust Fund for Africa',
  'European Development Fund',
  'NDICI – Global Europe, geographic programme Sub-Saharan Africa',
  'Instrument contributing to Stability and Peace',
  'EU humanitarian aid',
  'European Fund for Sustainable Development Plus guarantees',
  'Asylum, Migration and Integration Fund (external dimension)',
  'Development Cooperation Instrument – thematic programme on migration and asylum',
  'European Neighbourhood Instrument',
  'Food and Nutrition Security Facility',
  'EU–IOM Joint Initiative for Migrant Protection and Reintegration',
  'Pan-African Programme',
];

const TITLE_WORDS = [
  'support',
  'to',
  'the',
  'resilience',
  'of',
  'vulnerable',
  'communities',
  'in',
  'border',
  'regions',
  'and',
  'host',
  'areas',
  'jobs',
  'skills',
  'for',
  'young',
  'people',
  'women',
  'returnees',
  'civil',
  'registration',
  'identity',
  'management',
  'protection',
  'of',
  'migrants',
  'along',
  'the',
  'central',
  'Mediterranean',
  'route',
  'governance',
  'decentralisation',
  'local',
  'development',
  'water',
  'sanitation',
  'health',
  'basic',
  'services',
  'education',
  'reintegration',
  'economic',
  'opportunities',
  'climate',
  'adaptation',
  'food',
  'security',
  'nutrition',
  'justice',
];

const PROSE_WORDS = [
  'the',
  'partnership',
  'helps',
  'people',
  'who',
  'return',
  'home',
  'find',
  'work',
  'and',
  'training',
  'while',
  'local',
  'authorities',
  'gain',
  'the',
  'means',
  'to',
  'register',
  'births',
  'plan',
  'services',
  'and',
  'manage',
  'borders',
  'with',
  'respect',
  'for',
  'rights',
  'drought',
  'conflict',
  'and',
  'scarce',
  'jobs',
  'push',
  'young',
  'people',
  'to',
  'leave',
  'so',
  'programmes',
  'invest',
  'in',
  'skills',
  'small',
  'firms',
  'roads',
  'water',
  'and',
  'health',
  'care',
  'in',
  'the',
  'regions',
  'they',
  'come',
  'from',
  'cooperation',
  'is',
  'coordinated',
  'with',
  'member',
  'states',
  'international',
  'organisations',
  'and',
  'civil',
  'society',
  'partners',
  'on',
  'the',
  'ground',
];

const STATUSES = ['committed', 'contracted', 'paid'] as const;

/** Generates `count` countries (at most the number of ISO codes with an English name). */
export function generateContent(seed: number, count: number): GeneratedContent {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const codes = Object.keys(countries.getAlpha2Codes()).sort();
  const generated: GeneratedCountry[] = [];
  const csv = ['country,instrument,programme,sector,year,amount_eur,status,source'];
  for (let index = 0; index < count && index < codes.length; index += 1) {
    const iso = codes[index] ?? 'ML';
    const countryName = countries.getName(iso, 'en') ?? iso;
    const rows = fundingRows(iso, index, random, pick, between);
    csv.push(...rows);
    const body = prose(countryName, between(80, 320), pick, between);
    const summary = random() < 0.85 ? sentence(between(10, 30), pick) : undefined;
    const name = `c-${String(index).padStart(3, '0')}-${iso.toLowerCase()}`;
    const frontMatter = [
      `name: ${JSON.stringify(countryName)}`,
      `iso: ${iso}`,
      ...(random() < 0.8 ? [`role: ${JSON.stringify(sentence(between(3, 8), pick).replace(/\.$/, ''))}`] : []),
      ...(summary === undefined ? [] : [`summary: ${JSON.stringify(summary)}`]),
      `date: 20${between(17, 24)}-0${between(1, 9)}-1${between(0, 9)}`,
    ];
    generated.push({
      name,
      iso,
      countryName,
      rows,
      markdown: `---\n${frontMatter.join('\n')}\n---\n\n${body.text}\n`,
      proseWords: body.words,
      summaryWords: summary === undefined ? 0 : summary.split(/\s+/).length,
    });
  }
  return { countries: generated, csv: `${csv.join('\n')}\n` };
}

type Pick = <T>(list: readonly T[]) => T;
type Between = (low: number, high: number) => number;

function fundingRows(iso: string, index: number, random: () => number, pick: Pick, between: Between): string[] {
  // The odd cases first, then a realistic spread: mostly 5–60 lines, some up to 300.
  const odd = ['single', 'one-instrument', 'one-year', 'huge-and-tiny'][index];
  const rowCount = odd === 'single' ? 1 : random() < 0.1 ? between(61, 300) : between(2, 60);
  const instruments = INSTRUMENTS.slice(0, odd === 'one-instrument' ? 1 : between(1, 12));
  const year = between(2004, 2024);
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const amount =
      odd === 'huge-and-tiny'
        ? row % 2 === 0
          ? between(800, 2000) * 1e6
          : between(1, 900)
        : Math.round(10 ** (4 + random() * 4.7));
    const titleLength = random() < 0.15 ? between(100, 150) : between(15, 70);
    rows.push(
      [
        iso,
        csvField(pick(instruments)),
        csvField(title(titleLength, pick)),
        'Sector',
        odd === 'one-year' ? year : between(2004, 2024),
        amount,
        pick(STATUSES),
        'Sample data: generated for tests',
      ].join(','),
    );
  }
  return rows;
}

function title(maxLength: number, pick: Pick): string {
  let text = pick(TITLE_WORDS);
  text = text.charAt(0).toUpperCase() + text.slice(1);
  for (;;) {
    const next = `${text} ${pick(TITLE_WORDS)}`;
    if (next.length > maxLength) return text;
    text = next;
  }
}

function sentence(words: number, pick: Pick): string {
  const list = Array.from({ length: words }, () => pick(PROSE_WORDS));
  const text = list.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A brief's body of about `target` words: two or three sections, a list, a small table and a quote. */
function prose(country: string, target: number, pick: Pick, between: Between): { text: string; words: number } {
  const parts: string[] = [];
  let words = 0;
  const add = (text: string): void => {
    parts.push(text);
    words += text
      .replace(/[#>|*-]/g, ' ')
      .split(/\s+/)
      .filter((word) => word !== '').length;
  };
  const sections = between(2, 3);
  add(`## Why ${country} matters`);
  add(sentence(between(20, 35), pick));
  add(
    [
      `- ${sentence(between(4, 9), pick)}`,
      `- ${sentence(between(4, 9), pick)}`,
      `- ${sentence(between(4, 9), pick)}`,
    ].join('\n'),
  );
  add(`## What the partnership does`);
  add(
    ['| Area | Focus |', '|---|---|', `| Jobs | ${sentence(3, pick)} |`, `| Returns | ${sentence(3, pick)} |`].join(
      '\n',
    ),
  );
  add(`> ${sentence(between(10, 20), pick)}`);
  if (sections === 3) add('## Funding in the dataset');
  add(
    `The dataset records {{money funding.total}} for ${country}, {{percent funding.contractedShare}} contracted or paid.`,
  );
  while (words < target) add(sentence(Math.min(between(15, 40), Math.max(3, target - words)), pick));
  return { text: parts.join('\n\n'), words };
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
