import { z } from 'zod';
import { FactsheetsError } from '../../errors.js';
import type { BuildWarning, Document, SettingsValues, SourceFile } from '../../model/documents.js';
import { closestName } from './closest-name.js';
import { closestLanguage } from '../../messages/closest-language.js';
import { languagesField, projectOnlyFields, settingsFields } from './front-matter-schema.js';
import { parseYamlData, schemaError } from './yaml-data.js';
import { checkPrintProfile } from './print-profile-setting.js';
import { projectLanguage } from '../../outputs/paths.js';

/** The settings file's name, in the content folder. */
export const SETTINGS_FILE = 'factsheets.yml';

const settingsSchema = z.strictObject({ ...settingsFields, ...projectOnlyFields, ...languagesField });
const SETTING_KEYS = Object.keys(settingsSchema.shape);
type SettingKey = Exclude<keyof typeof settingsSchema.shape, 'countries_without_brief' | 'layout'>;

export interface SettingsResult {
  readonly settings: SettingsValues;
  readonly errors: readonly FactsheetsError[];
  /** The line of each of the layouts' own settings, to point at one no template reads. */
  readonly layoutLines?: ReadonlyMap<string, number>;
}

/**
 * Reads the project's settings file (optional: without it every setting has its default).
 * YAML as plain data, checked like front matter: every problem at its line and column.
 */
export function validateSettings(source: SourceFile | undefined): SettingsResult {
  if (source === undefined) return { settings: Object.freeze({}), errors: [] };
  if (source.refused !== undefined) return { settings: Object.freeze({}), errors: [source.refused] };
  const file = source.displayPath;
  const what = 'the settings file';
  const parsedYaml = parseYamlData({ file, text: source.text, firstLine: 1, what });
  if (Array.isArray(parsedYaml)) return { settings: Object.freeze({}), errors: parsedYaml };
  const parsed = settingsSchema.safeParse(parsedYaml.data);
  if (parsed.success) {
    const { countries_without_brief: kept, layout, ...words } = parsed.data;
    const profile = checkPrintProfile(source, words.print_profile, parsedYaml.position(['print_profile']));
    if (profile instanceof FactsheetsError) return { settings: Object.freeze({}), errors: [profile] };
    const values = {
      ...toSettingsValues(words),
      ...(profile === undefined ? {} : { printProfile: profile }),
      ...(kept === undefined ? {} : { countriesWithoutBrief: Object.freeze([...new Set(kept)]) }),
      ...(layout === undefined ? {} : { layout: Object.freeze({ ...layout }) }),
    };
    const layoutLines = new Map(
      Object.keys(layout ?? {}).map((key) => [key, parsedYaml.position(['layout', key]).line]),
    );
    return { settings: withLanguages(values, words.languages), errors: [], layoutLines };
  }
  const errors = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) =>
          issue.path.length === 0
            ? unknownSetting(file, key, parsedYaml.keyPositions.get(key) ?? parsedYaml.position([key]))
            : unknownLanguageSetting(file, key, issue.path.map(String), parsedYaml.position([...issue.path, key])),
        )
      : [schemaError(file, issue, parsedYaml.position(issue.path), what)],
  );
  return { settings: Object.freeze({}), errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

function withLanguages(
  settings: SettingsValues,
  languages: Readonly<Record<string, Partial<Record<SettingKey, string | undefined>>>> | undefined,
): SettingsValues {
  if (languages === undefined) return settings;
  const byLanguage = Object.fromEntries(
    Object.entries(languages).map(([lang, values]) => [lang, toSettingsValues(values)]),
  );
  return Object.freeze({ ...settings, languages: Object.freeze(byLanguage) });
}

/** The settings of a parsed settings file or front matter, by their names in the code. */
export function toSettingsValues(
  data: Partial<Record<Exclude<SettingKey, 'languages'>, string | undefined>>,
): SettingsValues {
  const values: Record<string, string> = {};
  const names: Readonly<Record<Exclude<SettingKey, 'languages'>, keyof SettingsValues>> = {
    series: 'series',
    publisher: 'publisher',
    kicker: 'kicker',
    factsheet_kicker: 'factsheetKicker',
    running_head: 'runningHead',
    footer_note: 'footerNote',
    currency: 'currency',
    language: 'language',
    funding_label: 'fundingLabel',
    countries_caption: 'countriesCaption',
    dataset_sheet: 'datasetSheet',
    pack_title: 'packTitle',
    print_profile: 'printProfile',
  };
  for (const [key, name] of Object.entries(names)) {
    const value = data[key as Exclude<SettingKey, 'languages'>];
    if (value !== undefined) values[name] = value;
  }
  return Object.freeze(values);
}

/** The settings a language may give its own words for (`languages: fr: …`). */
const LANGUAGE_SETTING_KEYS = Object.keys((languagesField.languages.unwrap().valueType as z.ZodObject).shape);

function unknownLanguageSetting(
  file: string,
  key: string,
  path: readonly string[],
  where: { line: number; column?: number },
): FactsheetsError {
  const guess = closestName(key, LANGUAGE_SETTING_KEYS);
  return new FactsheetsError(`"${key}" is not a setting a language can have (under ${path.join('.')})`, {
    stage: 'validate',
    file,
    ...where,
    hint: `${guess === undefined || guess === key ? '' : `Did you mean "${guess}"? `}A language's own settings are: ${LANGUAGE_SETTING_KEYS.join(', ')}; the others (currency, language, dataset_sheet, print_profile) are the project's.`,
  });
}

function unknownSetting(file: string, key: string, where: { line: number; column?: number }): FactsheetsError {
  const guess = closestName(key, SETTING_KEYS);
  return new FactsheetsError(`unknown setting "${key}"`, {
    stage: 'validate',
    file,
    ...where,
    hint: `${guess === undefined ? '' : `Did you mean "${guess}"? `}The settings are: ${SETTING_KEYS.join(', ')} (factsheets' docs/settings.md explains each).`,
  });
}

/** Settings that are words on the page: each language should have its own. */
const WORDS: readonly (readonly [keyof SettingsValues, string])[] = [
  ['series', 'series'],
  ['kicker', 'kicker'],
  ['factsheetKicker', 'factsheet_kicker'],
  ['runningHead', 'running_head'],
  ['footerNote', 'footer_note'],
  ['fundingLabel', 'funding_label'],
  ['countriesCaption', 'countries_caption'],
  ['packTitle', 'pack_title'],
];

/**
 * The settings file's words that editions in another language would print as they are: for
 * each such language, one warning naming them and where to give that language its own.
 */
export function untranslatedSettings(
  settings: SettingsValues,
  documents: readonly Document[],
  file: string | undefined,
): BuildWarning[] {
  const project = projectLanguage(settings);
  const languages = new Set(documents.map((document) => document.lang ?? project));
  const warnings: BuildWarning[] = [];
  for (const tag of Object.keys(settings.languages ?? {})) {
    if (![...languages].some((lang) => closestLanguage(lang, [tag]) !== undefined)) {
      warnings.push({
        message: `the settings give words for the language "${tag}", but no document is in it (editions are named like mali.${tag.toLowerCase()}.md; a language tag is e.g. fr, de or pt-BR)`,
        ...(file === undefined ? {} : { file }),
      });
    }
  }
  for (const lang of [...languages].sort()) {
    if (lang === project) continue;
    const tag = closestLanguage(lang, Object.keys(settings.languages ?? {}));
    const own = (tag === undefined ? undefined : settings.languages?.[tag]) ?? {};
    const shared = WORDS.filter(([name]) => settings[name] !== undefined && own[name] === undefined).map(
      ([, key]) => key,
    );
    if (shared.length === 0) continue;
    warnings.push({
      message: `the ${lang} editions print ${shared.join(', ')} as the settings give them in ${project} (give ${lang} its own under "languages: ${lang}:", or repeat a value that stays the same)`,
      ...(file === undefined ? {} : { file }),
    });
  }
  return warnings;
}

/**
 * The layouts' own settings that no layout or partial reads (`settings.layout.agency`): a
 * misspelt name, or a setting left from a layout that no longer prints it. A template that
 * reads one the settings lack is an error at the template already (strict mode).
 */
export function unreadLayoutSettings(
  result: SettingsResult,
  templates: { readonly layouts: ReadonlyMap<string, SourceFile>; readonly partials: ReadonlyMap<string, SourceFile> },
  file: string | undefined,
): BuildWarning[] {
  const texts = [...templates.layouts.values(), ...templates.partials.values()].map((template) => template.text);
  return Object.keys(result.settings.layout ?? {})
    .filter((key) => !texts.some((text) => new RegExp(`\\blayout\\.${key}\\b`).test(text)))
    .map((key) => {
      const line = result.layoutLines?.get(key);
      return {
        message: `the layout setting "${key}" is read by no layout or partial (a template prints it as {{settings.layout.${key}}}): check its name, or remove it`,
        ...(file === undefined ? {} : { file }),
        ...(line === undefined ? {} : { line }),
      };
    });
}
