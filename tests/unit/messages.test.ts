import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { messagesFor } from '../../src/messages/languages.js';
import { MessageFile } from '../../src/messages/catalog.js';
import { CODE_MESSAGES, CODE_MESSAGE_KEYS } from '../../src/messages/keys.js';
import { planJobs, withLocatorMap } from '../../src/stages/plan.js';
import { datasetOf, factsheetDocument, onePagerDocument } from '../helpers/documents.js';
import { source } from '../helpers/sources.js';
import { templatesOf } from '../helpers/templates.js';
import { SAMPLE_CONTENT } from '../helpers/content.js';
import { rendererKey } from '../../src/pipeline/cache.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';

/** A message file that has every key the build's own code needs, plus `extra`. */
function messagesFile(extra: Record<string, string>): string {
  const lines = CODE_MESSAGE_KEYS.map(
    (key) => `${key}: "${[key, ...CODE_MESSAGES[key].map((value) => `{${value}}`)].join(' ')}"`,
  );
  return [...lines, ...Object.entries(extra).map(([key, value]) => `${key}: "${value}"`)].join('\n');
}

const LAYOUT =
  '<p>{{t "brief.hello" name=country.name}}</p>\n{{!-- {{t "in.a.comment"}} --}}\n<p>{{t \'brief.bye\'}}</p>';

describe('message files', () => {
  it('formats ICU messages with plurals as the language writes them', () => {
    const file = MessageFile.read(
      source(
        'templates/messages/fr.yml',
        'brief:\n  more: "et {count, plural, one {# autre ligne} other {# autres lignes}}"',
      ),
      'fr',
    );
    expect(file.problems).toEqual([]);
    expect(file.format('brief.more', { count: 1 })).toBe('et 1 autre ligne');
    expect(file.format('brief.more', { count: 4400 })).toBe('et 4\u202f400 autres lignes');
  });

  it('is ready when it has exactly the keys the templates and the build use', () => {
    const templates = templatesOf({
      'layouts/one-pager': LAYOUT,
      'messages/en': messagesFile({ 'brief.hello': 'Hello {name}', 'brief.bye': 'Bye' }),
    });
    const result = messagesFor('en', templates);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.messages.format('brief.hello', { name: 'Mali' })).toBe('Hello Mali');
  });

  it('names the file, the key and where a template uses a missing message; and a message nothing uses', () => {
    const templates = templatesOf({
      'layouts/one-pager': LAYOUT,
      'messages/fr': messagesFile({ 'brief.hello': 'Bonjour {name}', 'brief.byee': 'Au revoir' }),
    });
    const result = messagesFor('fr', templates);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatError)).toEqual([
      'templates/messages/fr.yml: error: message "brief.bye" is missing\n' +
        '  hint: Add "brief.bye" to templates/messages/fr.yml: templates/layouts/one-pager.hbs uses it at line 3 (see templates/messages/en.yml for what it says in English).',
      `templates/messages/fr.yml:${CODE_MESSAGE_KEYS.length + 2}:13: error: message "brief.byee" is not used by any template\n` +
        '  hint: Did you mean "brief.bye"? Rename it, or remove it from templates/messages/fr.yml.',
    ]);
  });

  it('refuses a language that has no message file, and an ICU syntax error at its line', () => {
    const templates = templatesOf({
      'layouts/one-pager': LAYOUT,
      'messages/en': messagesFile({ 'brief.hello': 'Hello {name', 'brief.bye': 'Bye' }),
    });
    const missing = messagesFor('de', templates);
    expect(missing.ok ? [] : missing.problems.map(formatError)).toEqual([
      'templates/messages/de.yml: error: there are no messages for the language "de": templates/messages/de.yml does not exist\n' +
        '  hint: Copy templates/messages/en.yml to de.yml and translate each message, or write the document in a language that has messages (en).',
    ]);
    const broken = messagesFor('en', templates);
    expect(
      broken.ok ? [] : broken.problems.map((problem) => `${problem.line}: ${problem.message.split(':')[0]}`),
    ).toEqual([`${CODE_MESSAGE_KEYS.length + 1}: message "brief.hello" is not a valid ICU message`]);
  });

  it('refuses a value the layout or the build does not give, and plural cases the language never chooses', () => {
    const templates = templatesOf({
      'layouts/one-pager': LAYOUT,
      'messages/de': messagesFile({
        'brief.hello': 'Hallo {Name}',
        'brief.bye': '{n, plural, eins {Tschüss} other {Tschüss}}',
      }).replace('brief.title: "brief.title {country}"', 'brief.title: "{Land}: Länderprofil"'),
    });
    const result = messagesFor('de', templates);
    expect(
      result.ok ? [] : result.problems.map((problem) => `${problem.line}: ${problem.message} | ${problem.hint}`),
    ).toEqual([
      `${CODE_MESSAGE_KEYS.indexOf('brief.title') + 1}: message "brief.title" inserts {Land}, which the build does not give it | Its values are {country}: keep their names as in templates/messages/en.yml, translate only the words around them.`,
      `${CODE_MESSAGE_KEYS.length + 1}: message "brief.hello" inserts {Name}, which templates/layouts/one-pager.hbs does not give it | Its values are {name}: keep their names as in templates/messages/en.yml, translate only the words around them.`,
      `${CODE_MESSAGE_KEYS.length + 2}: message "brief.bye" inserts {n}, which templates/layouts/one-pager.hbs does not give it | This message is given no values: write it as plain text.`,
      `${CODE_MESSAGE_KEYS.length + 2}: message "brief.bye" has plural cases de never chooses: eins | A plural in de chooses between one, other (or =0, =1… for exact numbers): rename the case, keeping the words.`,
    ]);
  });

  it('says what is wrong with an ICU message in words, at its column', () => {
    const file = MessageFile.read(
      source('templates/messages/de.yml', 'brief:\n  title: "Hallo {country"\n  more: "{n, plural, one {a}}"'),
      'de',
    );
    expect(file.problems.map((problem) => `${problem.line}:${problem.column}: ${problem.message}`)).toEqual([
      '2:17: message "brief.title" is not a valid ICU message: a "{" is not closed by "}"',
      '3:29: message "brief.more" is not a valid ICU message: a plural or select has no "other {…}" case, which every language needs',
    ]);
  });

  it('reports only the YAML error of a file that is not YAML, not every key as missing', () => {
    const templates = templatesOf({
      'layouts/one-pager': LAYOUT,
      'messages/de': `${messagesFile({ 'brief.hello': 'Hallo {name}', 'brief.bye': 'Tschüss' })}\nbrief.x: a: b`,
    });
    const result = messagesFor('de', templates);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^the message file is not valid YAML/),
    ]);
  });

  it("gives a regional language its base language's file, never another language's", () => {
    const templates = templatesOf({
      'layouts/one-pager': LAYOUT,
      'messages/fr': messagesFile({ 'brief.hello': 'Bonjour {name}', 'brief.bye': 'Salut' }),
    });
    expect(messagesFor('fr-BE', templates).ok).toBe(true);
    expect(messagesFor('en', templates).ok).toBe(false);
  });
});

describe('planJobs: a French edition', () => {
  const rows = ['ML,Trust Fund,Jobs,,2016,30000000,contracted,', 'ML,Development Fund,Budget,,2016,60000000,paid,'];
  const french = onePagerDocument('mali.fr', 'name: Mali\niso: ML');
  const english = onePagerDocument('mali', 'name: Mali\niso: ML');
  const { jobs } = planJobs([english, french], datasetOf(...rows));

  it('goes under fr/, in French, beside the English edition', () => {
    expect(jobs.map((job) => [job.lang, job.outputPath, job.info.title])).toEqual([
      ['en', 'countries/mali.pdf', 'Mali: country brief'],
      ['fr', 'fr/countries/mali.pdf', 'Mali\u202f: fiche pays'],
    ]);
    const funding = jobs[1]?.view['funding'] as { byStatus: { label: string }[] };
    expect(funding.byStatus.map((status) => status.label)).toEqual(['Contracté', 'Versé']);
    expect(jobs[1]?.info.keywords).toContain('fiche pays');
    expect((jobs[1]?.view['settings'] as { kicker: string } | undefined)?.kicker).toBe('Fiche pays');
  });

  it('takes the settings in its language from the settings file', () => {
    const settings = {
      series: 'Partnership Framework',
      kicker: '{series} · Country brief',
      languages: { fr: { series: 'Cadre de partenariat' } },
    };
    const [, job] = planJobs([english, french], datasetOf(...rows), undefined, settings).jobs;
    expect(job?.view['settings'] as { kicker: string; series: string }).toMatchObject({
      series: 'Cadre de partenariat',
      kicker: 'Cadre de partenariat · Country brief',
    });
  });

  it("lists a French factsheet's countries by their French names, and a map's neighbours in French", () => {
    const factsheet = factsheetDocument('factsheet.fr', 'title: Un an après\ncountries: [ML, CI, SN]');
    const [job] = planJobs(
      [factsheet],
      datasetOf(...rows, 'CI,Trust Fund,,,2016,1,paid,', 'SN,Trust Fund,,,2016,1,paid,'),
    ).jobs;
    const countries = job?.view['countries'] as { rows: { name: string }[] };
    expect(countries.rows.map((row) => row.name)).toEqual(['Mali', 'Côte d’Ivoire', 'Sénégal']);
    const frenchJob = jobs[1];
    if (frenchJob === undefined) throw new Error('no job');
    const located = withLocatorMap(frenchJob, () => ({
      width: 1,
      height: 1,
      countryPath: '',
      landPath: '',
      marker: undefined,
      neighbourCodes: ['SN', 'DZ', 'CI'],
    }));
    expect((located.job.view['map'] as { neighbours: string }).neighbours).toBe('Algérie, Côte d’Ivoire et Sénégal');
  });

  it("fails with its language's message problems, each said once with the documents it stops", () => {
    const niger = onePagerDocument('niger.de', 'name: Niger\niso: NE');
    const mali = onePagerDocument('mali.de', 'name: Mali\niso: ML');
    const templates = templatesOf({
      'layouts/one-pager': LAYOUT,
      'messages/en': messagesFile({ 'brief.hello': 'Hello {name}', 'brief.bye': 'Bye' }),
    });
    const result = planJobs([mali, niger], datasetOf(...rows, 'NE,Trust Fund,,,2016,1,paid,'), undefined, {}, (lang) =>
      messagesFor(lang, templates),
    );
    expect(result.jobs).toEqual([]);
    expect(result.errors.map((error) => [error.document, error.message])).toEqual([
      [
        'mali.de',
        'there are no messages for the language "de": templates/messages/de.yml does not exist (not built: mali.de, niger.de)',
      ],
    ]);
    expect(result.failed?.map((document) => document.name)).toEqual(['niger.de']);
  });
});

describe('render workers and message files', () => {
  it('are started again when a message file changes (watch mode keeps them otherwise)', () => {
    const setup = (french: string) => ({
      templates: templatesOf({ 'layouts/one-pager': LAYOUT, 'messages/en': 'a: A', 'messages/fr': french }),
      fontsReference: 'fonts',
      contentDir: 'content',
      limits: DEFAULT_LIMITS,
    });
    expect(rendererKey(setup('a: B'), 1000)).toBe(rendererKey(setup('a: B'), 1000));
    expect(rendererKey(setup('a: C'), 1000)).not.toBe(rendererKey(setup('a: B'), 1000));
  });
});

describe("a language factsheets' own templates lack", () => {
  it("names the file to write in the project's own templates, never the installed tool's folder", async () => {
    const { loadSources } = await import('../../src/stages/load.js');
    const { BUNDLED_TEMPLATES } = await import('../../src/config.js');
    const sources = await loadSources(SAMPLE_CONTENT, BUNDLED_TEMPLATES);
    const missing = messagesFor('de', sources.templates);
    const [problem] = missing.ok ? [] : missing.problems;
    expect(problem === undefined ? '' : formatError(problem)).toBe(
      'templates/messages/de.yml: error: there are no messages for the language "de": factsheets\' own templates have messages for am, ar, en, fr only\n' +
        '  hint: Give the project its own templates folder ("factsheets init DIR --templates" adds one, to a new project or an existing one, and every build of the project uses it), ' +
        'then copy templates/messages/en.yml to templates/messages/de.yml and translate each message; or write the document in a language that has messages.',
    );
    expect(formatError(problem ?? (new Error() as never))).not.toContain(BUNDLED_TEMPLATES);
  });
});
