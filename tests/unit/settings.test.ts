import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJobs } from '../../src/stages/plan.js';
import { fillPattern, pageSettings } from '../../src/stages/plan/settings.js';
import { cssStringHelper } from '../../src/stages/render/handlebars/helpers.js';
import { formatMoney } from '../../src/stages/render/handlebars/format.js';
import { unreadLayoutSettings, untranslatedSettings, validateSettings } from '../../src/stages/validate/settings.js';
import { TEMPLATES } from '../helpers/content.js';
import { datasetOf, factsheetDocument, onePagerDocument } from '../helpers/documents.js';
import { source } from '../helpers/sources.js';

const settingsFile = (text: string) => source('content/factsheets.yml', text);
const messages = (text: string) =>
  validateSettings(settingsFile(text)).errors.map(
    (error) => `${error.line}:${error.column}: ${error.message} | ${error.hint}`,
  );

describe('the settings file', () => {
  it('is optional: without it every setting has its default', () => {
    expect(validateSettings(undefined)).toEqual({ settings: {}, errors: [] });
    expect(pageSettings({}, undefined, 'Mali')).toMatchObject({
      kicker: 'Country brief',
      runningHead: 'Mali',
      currency: 'EUR',
      language: 'en',
      fundingLabel: 'Funding recorded',
      footerNote: '',
    });
  });

  it('reads every setting', () => {
    const result = validateSettings(
      settingsFile(
        'series: Green Ports\npublisher: Ports Office\nkicker: "{series} · Port brief"\nrunning_head: "{title}"\nfooter_note: Provisional figures\ncurrency: USD\nlanguage: fr\nfunding_label: Grants signed\n',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.settings).toEqual({
      series: 'Green Ports',
      publisher: 'Ports Office',
      kicker: '{series} · Port brief',
      runningHead: '{title}',
      footerNote: 'Provisional figures',
      currency: 'USD',
      language: 'fr',
      fundingLabel: 'Grants signed',
    });
  });

  it("passes the layouts' own settings (layout:) to them, and names one no template reads at its line", () => {
    const result = validateSettings(
      settingsFile('series: Green Ports\nlayout:\n  agency: Acme Studio\n  sidebar: true\n  columns: 3\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.settings.layout).toEqual({ agency: 'Acme Studio', sidebar: true, columns: 3 });
    expect(pageSettings(result.settings, undefined, 'Mali').layout).toEqual({
      agency: 'Acme Studio',
      sidebar: true,
      columns: 3,
    });
    expect(pageSettings({}, undefined, 'Mali').layout).toEqual({});
    const template = (text: string) => ({
      displayPath: 'templates/partials/credit.hbs',
      absolutePath: '/t/credit.hbs',
      text,
    });
    const templates = {
      layouts: new Map([['one-pager', template('{{> credit}}{{#if settings.layout.sidebar}}<aside></aside>{{/if}}')]]),
      partials: new Map([['credit', template('<p>{{settings.layout.agency}}</p>')]]),
    };
    expect(unreadLayoutSettings(result, templates, 'content/factsheets.yml')).toEqual([
      {
        message:
          'the layout setting "columns" is read by no layout or partial (a template prints it as {{settings.layout.columns}}): check its name, or remove it',
        file: 'content/factsheets.yml',
        line: 5,
      },
    ]);
  });

  it('refuses a layout setting with a name a template cannot read, or a value that is not plain', () => {
    expect(messages('layout:\n  Agency-Name: x\n  logo: [a, b]\n')).toEqual([
      expect.stringMatching(
        /^2:16: field "layout.Agency-Name" needs a name of lowercase letters, digits and underscores/,
      ),
      expect.stringMatching(/^3:9: field "layout.logo" must be text, a number, or true or false/),
    ]);
  });

  it('reports every problem at its line and column', () => {
    expect(
      messages('series: Green Ports\ncurrency: euro\nlanguage: 12\nkiker: x\nrunning_head: "{series} · {edition}"\n'),
    ).toEqual([
      '2:11: field "currency" must be an ISO 4217 currency code in capitals, e.g. EUR, USD, GBP | Correct the value of "currency" in the settings file.',
      '3:11: field "language" must be a language tag | Correct the value of "language" in the settings file.',
      expect.stringMatching(
        /^4:1: unknown setting "kiker" \| Did you mean "kicker"\? The settings are: series, publisher, kicker/,
      ),
      '5:15: field "running_head" may use only the placeholders {series} and {title} | Correct the value of "running_head" in the settings file.',
    ]);
  });

  it('reports YAML syntax errors with their position, and never runs a tag', () => {
    expect(messages('series: [Green\n')[0]).toMatch(/^2:1: the settings file is not valid YAML/);
    expect(messages('series: !!js/function "() => 1"\n')[0]).toMatch(
      /^1:9: the settings file is not valid YAML: Unresolved tag/,
    );
    expect(messages('- a list\n')[0]).toMatch(/^1:undefined: the settings file must be a set of "key: value" fields/);
  });
});

describe('settings on the page', () => {
  it('fills {series} and {title}, dropping an empty part with its separator', () => {
    expect(fillPattern('{series} · {title}', 'Green Ports', 'Annual review')).toBe('Green Ports · Annual review');
    expect(fillPattern('{series} · {title}', '', 'Annual review')).toBe('Annual review');
    expect(fillPattern('{series} · Country brief', '', 'Mali')).toBe('Country brief');
  });

  it('front matter overrides the project, the project overrides the defaults', () => {
    const project = {
      series: 'Green Ports',
      kicker: '{series} · Port brief',
      currency: 'USD',
      publisher: 'Ports Office',
    };
    const dataset = datasetOf('ML,Instrument,Programme,,2020,1000000,paid,Ministry');
    const planned = planJobs(
      [
        onePagerDocument('mali', 'name: Mali\niso: ML'),
        onePagerDocument('mali-fr', 'name: Mali\niso: ML\nkicker: Fiche pays\nlanguage: fr\nauthor: A. Writer'),
        factsheetDocument('review', 'title: Annual review\nfooter_note: Provisional'),
      ],
      dataset,
      undefined,
      project,
    );
    expect(planned.errors).toEqual([]);
    const [mali, maliFr, review] = planned.jobs;
    expect(mali?.view['settings']).toMatchObject({ kicker: 'Green Ports · Port brief', currency: 'USD' });
    expect(mali?.info.author).toBe('Ports Office');
    expect(maliFr?.view['settings']).toMatchObject({ kicker: 'Fiche pays', language: 'fr' });
    expect(maliFr?.view['lang']).toBe('fr');
    expect(maliFr?.info.author).toBe('A. Writer');
    expect(review?.view['settings']).toMatchObject({
      runningHead: 'Green Ports · Annual review',
      footerNote: 'Provisional',
    });
  });

  it("a factsheet's kicker names the series, and its country table's caption is a setting with a neutral default", () => {
    expect(pageSettings({}, undefined, 'Annual review')).toMatchObject({
      factsheetKicker: 'Factsheet',
      countriesCaption: 'Funding by country',
    });
    const project = {
      series: 'Global Gateway',
      languages: { fr: { series: 'Global Gateway (FR)', countriesCaption: 'Pays du programme' } },
    };
    expect(pageSettings(project, undefined, 'Annual review')).toMatchObject({
      factsheetKicker: 'Global Gateway · Factsheet',
      countriesCaption: 'Funding by country',
    });
    const planned = planJobs(
      [
        factsheetDocument('review', 'title: Annual review\ncountries_caption: Ports of the programme'),
        factsheetDocument('review.fr', 'title: Un an après\nlang: fr'),
        factsheetDocument('other', 'title: Other\nfactsheet_kicker: "{title} · {series}"'),
      ],
      datasetOf('ML,Instrument,Programme,,2020,1000000,paid,Ministry'),
      undefined,
      project,
    );
    expect(planned.errors).toEqual([]);
    const [review, reviewFr, other] = planned.jobs;
    expect(review?.view['settings']).toMatchObject({
      factsheetKicker: 'Global Gateway · Factsheet',
      countriesCaption: 'Ports of the programme',
    });
    expect(reviewFr?.view['settings']).toMatchObject({
      factsheetKicker: 'Global Gateway (FR) · Fiche d’information',
      countriesCaption: 'Pays du programme',
    });
    expect(other?.view['settings']).toMatchObject({ factsheetKicker: 'Other · Global Gateway' });
    expect(messages('factsheet_kicker: "{programme} · Factsheet"\n')).toEqual([
      '1:19: field "factsheet_kicker" may use only the placeholders {series} and {title} | Correct the value of "factsheet_kicker" in the settings file.',
    ]);
  });

  it("writes amounts in the settings' currency", () => {
    expect(formatMoney(2_900_000_000)).toBe('€2.9 billion');
    expect(formatMoney(950_000, 'USD')).toBe('$950,000');
    expect(formatMoney(12_500_000, 'GBP')).toBe('£12.5 million');
    expect(formatMoney(12_500_000, 'CHF')).toBe('CHF 12.5 million');
  });

  it('quotes text for CSS so that no text ends the string, the rule or the style element', () => {
    const quoted = String(cssStringHelper('A "B" · C\\ </style> {x}', { loc: { start: { line: 1, column: 0 } } }));
    expect(quoted).toBe('"A \\22 B\\22  \\b7  C\\5c  \\3c \\2f style\\3e  \\7b x\\7d "');
    expect(() => cssStringHelper(12, {})).toThrow(/cssString takes one text, got 12/);
  });

  it('the default templates print no words of the sample programme', () => {
    const files = ['layouts', 'partials', 'styles', 'messages'].flatMap((folder) =>
      readdirSync(join(TEMPLATES, folder)).map((name) => join(TEMPLATES, folder, name)),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files)
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /Partnership|Migration|one year|priority countries|pays prioritaires|ذات الأولوية|ለቅድሚያ/i,
      );
  });
});

describe('untranslatedSettings', () => {
  const english = onePagerDocument('mali', 'name: Mali\niso: ML');
  const french = onePagerDocument('mali.fr', 'name: Mali\niso: ML');

  it('names the words French editions would print in English, once for the language', () => {
    const settings = {
      series: 'Partnership Framework',
      footerNote: 'Figures as reported',
      currency: 'EUR',
      languages: { fr: { series: 'Cadre de partenariat' } },
    };
    expect(untranslatedSettings(settings, [english, french], 'content/factsheets.yml')).toEqual([
      {
        message:
          'the fr editions print footer_note as the settings give them in en (give fr its own under "languages: fr:", or repeat a value that stays the same)',
        file: 'content/factsheets.yml',
      },
    ]);
  });

  it('says nothing when every word has its French value, or no edition is in another language', () => {
    expect(
      untranslatedSettings({ series: 'P', languages: { fr: { series: 'P' } } }, [english, french], undefined),
    ).toEqual([]);
    expect(untranslatedSettings({ series: 'P' }, [english], undefined)).toEqual([]);
  });
});

describe("a language's settings in the settings file", () => {
  it('names a setting a language cannot have at its own line, with the ones it can', () => {
    expect(messages('series: P\nlanguages:\n  de:\n    footer_not: x\n    currency: CHF\n')).toEqual([
      '4:17: "footer_not" is not a setting a language can have (under languages.de) | Did you mean "footer_note"? A language\'s own settings are: series, publisher, kicker, factsheet_kicker, running_head, footer_note, funding_label, countries_caption, pack_title; the others (currency, language, dataset_sheet, print_profile) are the project\'s.',
      '5:15: "currency" is not a setting a language can have (under languages.de) | A language\'s own settings are: series, publisher, kicker, factsheet_kicker, running_head, footer_note, funding_label, countries_caption, pack_title; the others (currency, language, dataset_sheet, print_profile) are the project\'s.',
    ]);
  });

  it('warns about words for a language no document is in', () => {
    const english = onePagerDocument('mali', 'name: Mali\niso: ML');
    expect(
      untranslatedSettings({ languages: { ger: { series: 'P' } } }, [english], undefined).map(
        (warning) => warning.message,
      ),
    ).toEqual([
      'the settings give words for the language "ger", but no document is in it (editions are named like mali.ger.md; a language tag is e.g. fr, de or pt-BR)',
    ]);
  });
});
