import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledMessages } from '../../src/messages/bundled.js';
import type { MessageFile } from '../../src/messages/catalog.js';
import { formatDate, formatMoney, formatWholePercent } from '../../src/stages/render/handlebars/format.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copySample, tempDir } from '../helpers/content.js';
import {
  collisions,
  findGroup,
  loneWords,
  offPage,
  pagesOf,
  withoutEchoes,
  type Found,
  type Group,
  type Piece,
} from '../helpers/furniture-lines.js';

/**
 * Every piece of page furniture that prints a message, in every bundled language, with the
 * longest realistic values in its placeholders: a long series and title, the longest country
 * name, the biggest amounts in their longest form. One build prints a factsheet, a country brief
 * and a briefing pack per language; the printed PDFs are read back with pdftotext.
 */

const LANGUAGES = ['en', 'fr', 'ar', 'am'] as const;
type Lang = (typeof LANGUAGES)[number];

interface Words {
  readonly series: string;
  readonly title: string;
  readonly subtitle: string;
  readonly footerNote: string;
  readonly fundingLabel: string;
  readonly countriesCaption: string;
  readonly country: string;
  readonly role: string;
}

/** Long, realistic programme words: what a real programme's settings say, not filler. */
const WORDS: Readonly<Record<Lang, Words>> = {
  en: {
    series: 'Partnership Framework on Migration, Mobility and Dignified Return',
    title: 'One year of the Partnership Framework on Migration',
    subtitle: 'Lessons learned, challenges and the way forward',
    footerNote: 'Figures as reported one year into the Partnership Framework, from the Trust Fund’s dataset',
    fundingLabel: 'EU funding recorded in the dataset',
    countriesCaption: 'Funding recorded for the priority countries of the Partnership Framework',
    country: 'Democratic Republic of the Congo',
    role: 'Priority country of origin, transit and destination',
  },
  fr: {
    series: 'Cadre de partenariat pour les migrations, la mobilité et le retour digne',
    title: 'Un an de cadre de partenariat pour les migrations',
    subtitle: 'Enseignements, défis et perspectives',
    footerNote:
      'Chiffres relevés un an après le lancement du cadre de partenariat, d’après le jeu de données du fonds fiduciaire',
    fundingLabel: 'Financement de l’Union européenne enregistré',
    countriesCaption: 'Financements enregistrés pour les pays prioritaires du cadre de partenariat',
    country: 'République démocratique du Congo',
    role: 'Pays prioritaire d’origine, de transit et de destination',
  },
  ar: {
    series: 'إطار الشراكة بشأن الهجرة والتنقل والعودة الكريمة',
    title: 'عام على إطار الشراكة بشأن الهجرة',
    subtitle: 'الدروس المستفادة والتحديات والطريق إلى الأمام',
    footerNote: 'أرقام مسجّلة بعد عام من انطلاق إطار الشراكة، من مجموعة بيانات الصندوق الاستئماني',
    fundingLabel: 'تمويل الاتحاد الأوروبي المسجّل في مجموعة البيانات',
    countriesCaption: 'التمويل المسجّل للبلدان ذات الأولوية في إطار الشراكة',
    country: 'جمهورية الكونغو الديمقراطية',
    role: 'شريك ذو أولوية في وسط أفريقيا، بلد منشأ وعبور',
  },
  am: {
    series: 'የስደት፣ የእንቅስቃሴና የክብር መመለስ ጉዳይ የአጋርነት ማዕቀፍ',
    title: 'የስደት ጉዳይ የአጋርነት ማዕቀፍ አንድ ዓመት',
    subtitle: 'የተገኙ ትምህርቶች፣ ተግዳሮቶችና ወደፊት የሚወሰዱ እርምጃዎች',
    footerNote: 'የአጋርነት ማዕቀፉ ከተጀመረ ከአንድ ዓመት በኋላ ከእምነት ፈንዱ የመረጃ ስብስብ የተመዘገቡ አሃዞች',
    fundingLabel: 'በመረጃ ስብስቡ የተመዘገበ የአውሮፓ ኅብረት የገንዘብ ድጋፍ',
    countriesCaption: 'ለአጋርነት ማዕቀፉ ቅድሚያ አገሮች የተመዘገበ የገንዘብ ድጋፍ',
    country: 'የኮንጎ ዲሞክራሲያዊ ሪፐብሊክ',
    role: 'የመነሻ፣ የመሸጋገሪያና የመዳረሻ ቅድሚያ አገር',
  },
};

/** The day with the longest date in each language: a two-digit day of September. */
const DATE = '2017-09-28';
const SAMPLE_SOURCE = 'Sample data: illustrative figure, not from the published factsheet';

/**
 * The brief's funding lines: a total of 3,8 milliards d’euros, one status at 987,7 millions
 * d’euros (the longest amount a status row prints) and shares of one and two digits.
 */
const STATUSES = [
  ['committed', 2_687_650_000],
  ['contracted', 987_650_000],
  ['paid', 124_650_000],
] as const;
const TOTAL = STATUSES.reduce((sum, [, amount]) => sum + amount, 0);
const ROWS = [
  [
    'EU Emergency Trust Fund for Africa',
    'Jobs and skills for young people in the regions of return',
    2015,
    1_687_650_000,
    'committed',
  ],
  [
    'European Development Fund',
    'Budget support for the health and education sectors',
    2016,
    1_000_000_000,
    'committed',
  ],
  [
    'EU Emergency Trust Fund for Africa',
    'Protection and assisted return of stranded migrants',
    2017,
    987_650_000,
    'contracted',
  ],
  ['EU humanitarian aid', 'Emergency assistance to displaced people in the east', 2017, 124_650_000, 'paid'],
] as const;

const BODY: Readonly<Record<Lang, string>> = {
  en: 'The country hosts people displaced by conflict in its east, and many of its young people leave for work abroad.',
  fr: 'Le pays accueille des personnes déplacées par les conflits dans l’est, et beaucoup de ses jeunes partent travailler à l’étranger.',
  ar: 'يستضيف البلد أشخاصًا نزحوا بسبب النزاعات في شرقه، ويغادر كثير من شبابه للعمل في الخارج.',
  am: 'አገሪቱ በምሥራቃዊ ክፍሏ በግጭት የተፈናቀሉ ሰዎችን ታስተናግዳለች፤ ብዙ ወጣቶቿም ለሥራ ወደ ውጭ አገር ይሄዳሉ።',
};

const suffix = (lang: Lang): string => (lang === 'en' ? '' : `.${lang}`);
const folder = (lang: Lang): string => (lang === 'en' ? '' : `${lang}/`);

/** The settings file: the long words in every language. */
function settingsFile(): string {
  const block = (words: Words, indent: string, kicker: string): string =>
    [
      `series: "${words.series}"`,
      `kicker: "${kicker}"`,
      `footer_note: "${words.footerNote}"`,
      `funding_label: "${words.fundingLabel}"`,
      `countries_caption: "${words.countriesCaption}"`,
    ]
      .map((line) => indent + line)
      .join('\n');
  return `${[
    'publisher: factsheets test content',
    'currency: EUR',
    'language: en',
    block(WORDS.en, '', '{series} · Country brief'),
    'languages:',
    ...LANGUAGES.filter((lang) => lang !== 'en').map(
      (lang) =>
        `  ${lang}:\n${block(WORDS[lang], '    ', message(lang).format('settings.kicker', { series: '{series}' }))}`,
    ),
  ].join('\n')}\n`;
}

function message(lang: Lang): MessageFile {
  const read = bundledMessages(lang);
  if (!read.ok) throw new Error(`the bundled ${lang} messages have errors`);
  return read.messages;
}

/** The furniture of one language's documents, as groups of pieces in reading order. */
function furniture(lang: Lang, pages: { factsheet: number; pack: number }): Record<string, Group[]> {
  const m = message(lang);
  const w = WORDS[lang];
  const t = (key: string, values?: Record<string, string | number>): string => m.format(key, values);
  const piece = (name: string, text: string): Piece => ({ name, text });
  const one = (name: string, text: string, pages?: number[]): Group => ({
    pieces: [piece(name, text)],
    ...(pages === undefined ? {} : { pages }),
  });
  const money = (amount: number): string => formatMoney(amount, 'EUR', lang);
  const date = formatDate(DATE, lang);
  const share = (amount: number): string => formatWholePercent(Math.round((amount / TOTAL) * 100), lang);
  const badge = piece('sample badge', t('sample.badge'));
  const status = (key: string): string => t(`status.${key}`);
  return {
    [`${folder(lang)}factsheet.pdf`]: [
      one('masthead kicker', `${t('settings.factsheet_kicker', { series: w.series })} · ${date}`, [1]),
      one('masthead title', w.title, [1]),
      one('masthead subtitle', w.subtitle, [1]),
      ...Array.from({ length: pages.factsheet - 1 }, (_, index): Group[] => [
        one('running head', t('settings.running_head', { series: w.series, title: w.title }), [index + 2]),
        one('kicker (margin box)', t('factsheet.kicker'), [index + 2]),
      ]).flat(),
      one('footer note', w.footerNote),
      ...Array.from(
        { length: pages.factsheet },
        (_, index): Group =>
          one('page number', t('factsheet.page_of', { page: index + 1, pages: pages.factsheet }), [index + 1]),
      ),
      { pieces: [piece('country totals caption', w.countriesCaption), badge] },
      one('country totals: together', t('countries.together')),
      one('country totals: sample note', `* ${t('countries.sample_note')}`),
    ],
    [`${folder(lang)}countries/congo.pdf`]: [
      one('masthead kicker', t('settings.kicker', { series: w.series })),
      one('masthead title', w.country),
      one('masthead subtitle', w.role),
      one('key figure', money(TOTAL)),
      { pieces: [piece('key figure label', w.fundingLabel), badge] },
      one('key figure label', t('brief.contracted')),
      one('key figure label', t('brief.programmes')),
      one('key figure label', t('brief.years')),
      one('data panel heading', t('brief.by_instrument')),
      one('data panel heading', t('brief.by_year')),
      one('data panel heading', t('brief.by_status')),
      ...STATUSES.map(
        ([key, amount]): Group => ({
          pieces: [
            piece(`status row ${key}`, status(key)),
            piece(`status amount ${key}`, money(amount)),
            piece(`status share ${key}`, share(amount)),
          ],
        }),
      ),
      {
        pieces: [
          piece('Total row', t('brief.total')),
          piece('Total amount', money(TOTAL)),
          piece('Total share', formatWholePercent(100, lang)),
        ],
      },
      { pieces: [piece('funding lines heading', t('brief.funding_lines')), badge] },
      ...['column_programme', 'column_instrument', 'column_year', 'column_status', 'column_amount'].map((key) =>
        one(`column head ${key}`, t(`brief.${key}`)),
      ),
      // The sources themselves are the dataset's words, not a message.
      one('sources label', t('brief.sources')),
      one('sample note', t('brief.sample_note')),
      one('footer meta', `${w.country} (CD) · ${date}`),
    ],
    [`${folder(lang)}briefing-pack.pdf`]: [
      one('pack cover kicker', `${t('pack.title')} · ${date}`, [1]),
      one('pack cover title', w.series, [1]),
      one(
        'pack cover summary',
        t('pack.summary', {
          contents: new Intl.ListFormat(lang, { type: 'conjunction' }).format([
            t('pack.factsheets', { count: 1 }),
            t('pack.briefs', { count: 1 }),
          ]),
          pages: pages.pack,
        }),
        [1],
      ),
      one('pack contents heading', t('pack.contents'), [2]),
      { pieces: [piece('contents entry', w.title), piece('contents kind', t('pack.kind_factsheet'))], pages: [2] },
      { pieces: [piece('contents entry', w.country), piece('contents kind', t('pack.kind_brief'))], pages: [2] },
      ...Array.from(
        { length: pages.pack - 1 },
        (_, index): Group =>
          one('pack page number', t('pack.page_of', { page: index + 2, pages: pages.pack }), [index + 2]),
      ),
    ],
  };
}

/** A caption and its table's last row: printed on one page. */
const KEPT_TOGETHER = [['country totals caption', 'country totals: together']] as const;

describe('page furniture in every bundled language, at its longest (real Chromium, printed PDFs)', () => {
  let out: string;
  let build: CliResult;

  beforeAll(async () => {
    const content = await copySample();
    // Each language's pack holds its factsheet and its brief only: the sample's briefs go, their rows stay (for the factsheet's table).
    for (const name of await readdir(join(content, 'countries'))) await rm(join(content, 'countries', name));
    const codes = [
      ...new Set(
        (await readFile(join(content, 'funding.csv'), 'utf8'))
          .split('\n')
          .slice(1)
          .map((line) => line.split(',')[0])
          .filter((code) => code !== undefined && code !== ''),
      ),
    ];
    await writeFile(
      join(content, 'factsheets.yml'),
      `${settingsFile()}countries_without_brief: [${codes.join(', ')}]\n`,
    );
    const factsheet = await readFile(join(content, 'factsheet.md'), 'utf8');
    const rows = ROWS.map(
      ([instrument, programme, year, amount, state]) =>
        `CD,${instrument},${programme},Governance,${year},${amount},${state},"${SAMPLE_SOURCE}"`,
    );
    await writeFile(
      join(content, 'funding.csv'),
      `${(await readFile(join(content, 'funding.csv'), 'utf8')).trimEnd()}\n${rows.join('\n')}\n`,
    );
    for (const lang of LANGUAGES) {
      const w = WORDS[lang];
      // The sample's factsheet with this language's long title, the running head's default ({series} · {title}) and the Congo among its countries.
      await writeFile(
        join(content, `factsheet${suffix(lang)}.md`),
        factsheet
          .replace(/^title: .*$/m, `title: "${w.title}"`)
          .replace(/^subtitle: .*$/m, `subtitle: "${w.subtitle}"`)
          .replace(/^date: .*$/m, `date: ${DATE}\nlang: ${lang}`)
          .replace(/^running_head: .*\n/m, '')
          .replace(/^keywords: .*\n/m, '')
          .replace(/^countries: \[(.*)\]$/m, 'countries: [$1, CD]\npage_budget: 3'),
      );
      await writeFile(
        join(content, `countries/congo${suffix(lang)}.md`),
        [
          '---',
          `name: "${w.country}"`,
          'iso: CD',
          `role: "${w.role}"`,
          `date: ${DATE}`,
          `lang: ${lang}`,
          '---',
          '',
          BODY[lang],
          '',
        ].join('\n'),
      );
    }
    out = await tempDir('factsheets-furniture-languages-');
    build = await runCli(['build', '--content', content, '--out', out]);
  }, 120_000);

  it('builds a factsheet, a brief and a pack in each language', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
  });

  for (const lang of LANGUAGES) {
    it(`sets every piece of ${lang} furniture without a lone word, a collision or a piece off the page`, () => {
      const count = (document: string): number => pagesOf(join(out, `${folder(lang)}${document}`)).length;
      const problems: string[] = [];
      for (const [document, groups] of Object.entries(
        furniture(lang, { factsheet: count('factsheet.pdf'), pack: count('briefing-pack.pdf') }),
      )) {
        const pages = pagesOf(join(out, document));
        const everywhere: Found[] = [];
        for (const group of groups) {
          const places = findGroup(pages, group);
          if (places.length === 0)
            problems.push(
              `${document}: ${group.pieces.map((p) => p.name).join(' + ')} not found: "${group.pieces.map((p) => p.text).join(' ')}"`,
            );
          everywhere.push(...places);
        }
        const found = withoutEchoes(everywhere);
        for (const place of found)
          problems.push(
            ...loneWords(place).map((p) => `${document}: ${p}`),
            ...offPage(place, pages[place.page - 1]!).map((p) => `${document}: ${p}`),
          );
        problems.push(...collisions(found).map((p) => `${document}: ${p}`));
        // A caption stays on the page of its table's last row (a caption alone at a page's foot has left its table).
        const pageOf = (name: string): number[] =>
          found.filter((place) => place.piece.name === name).map((place) => place.page);
        for (const [caption, last] of KEPT_TOGETHER) {
          for (const page of pageOf(caption))
            if (pageOf(last).length > 0 && !pageOf(last).includes(page))
              problems.push(
                `${document}: ${caption} is on page ${page}, its table's ${last} on page ${pageOf(last).join(', ')}`,
              );
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
