import type { LayoutSettingValue, SettingsValues } from '../../model/documents.js';

const EMPTY_LAYOUT_SETTINGS: Readonly<Record<string, LayoutSettingValue>> = Object.freeze({});
import type { MessageFile } from '../../messages/catalog.js';
import { bundledEnglish } from '../../messages/bundled.js';
import { closestLanguage } from '../../messages/closest-language.js';

/** What a page prints when neither the settings file nor the front matter says otherwise: no programme's words. */
export const DEFAULT_SETTINGS = Object.freeze({
  currency: 'EUR',
  language: 'en',
});

/** A page's language and its messages, whose `settings.*` words are the defaults in that language. */
export interface SettingsEdition {
  readonly lang: string;
  readonly messages: MessageFile;
}

/** The settings as a layout reads them (`settings.kicker`), resolved for one document. */
export interface PageSettings {
  readonly series: string;
  readonly publisher: string | undefined;
  readonly kicker: string;
  readonly factsheetKicker: string;
  readonly runningHead: string;
  readonly footerNote: string;
  readonly currency: string;
  readonly language: string;
  readonly fundingLabel: string;
  readonly countriesCaption: string;
  /** The project's pack title (settings: pack_title, else series); empty when it has neither. */
  readonly packTitle: string;
  /** The print editions' output profile (settings: print_profile), an absolute path; absent for the default. */
  readonly printProfile?: string;
  /** The layouts' own settings (settings: layout), by name; empty when the project gives none. */
  readonly layout: Readonly<Record<string, LayoutSettingValue>>;
}

/**
 * One document's settings: its front matter over the project's settings over the defaults,
 * with `{series}` and `{title}` filled in (the document's own title, so that two factsheets
 * of one project each carry theirs).
 */
export function pageSettings(
  project: SettingsValues,
  overrides: SettingsValues | undefined,
  title: string,
  edition: SettingsEdition = englishEdition(),
): PageSettings {
  const { messages, lang } = edition;
  // The placeholders stay for fillPattern: the message only supplies the words around them.
  const placeholders = { series: '{series}', title: '{title}' };
  const defaults = {
    ...DEFAULT_SETTINGS,
    kicker: messages.format('settings.kicker', placeholders),
    factsheetKicker: messages.format('settings.factsheet_kicker', placeholders),
    runningHead: messages.format('settings.running_head', placeholders),
    fundingLabel: messages.format('settings.funding_label'),
    countriesCaption: messages.format('settings.countries_caption'),
  };
  const { languages, ...projectWide } = project;
  const merged = { ...defaults, ...projectWide, ...languageSettings(languages, lang), ...overrides, language: lang };
  const series = merged.series ?? '';
  return Object.freeze({
    series,
    publisher: merged.publisher,
    kicker: fillPattern(merged.kicker, series, title),
    factsheetKicker: fillPattern(merged.factsheetKicker, series, title),
    runningHead: fillPattern(merged.runningHead, series, title),
    footerNote: merged.footerNote ?? '',
    currency: merged.currency,
    language: merged.language,
    fundingLabel: merged.fundingLabel,
    countriesCaption: merged.countriesCaption,
    packTitle: merged.packTitle ?? merged.series ?? '',
    ...(project.printProfile === undefined ? {} : { printProfile: project.printProfile }),
    layout: project.layout ?? EMPTY_LAYOUT_SETTINGS,
  });
}

/** A language's own settings: its tag's (`fr-BE`), else its base language's (`fr`). */
function languageSettings(languages: SettingsValues['languages'], lang: string): SettingsValues {
  if (languages === undefined) return {};
  const tag = closestLanguage(lang, Object.keys(languages));
  return tag === undefined ? {} : (languages[tag] ?? {});
}

function englishEdition(): SettingsEdition {
  return { lang: 'en', messages: bundledEnglish() };
}

/** Fills the placeholders; a part left empty (no series) drops out with its ` · ` separator. */
export function fillPattern(pattern: string, series: string, title: string): string {
  const filled = pattern.replace(/\{(series|title)\}/g, (_match, name: string) => (name === 'series' ? series : title));
  return filled
    .split(' · ')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' · ');
}
