import type { SettingsValues } from '../../types.js';

/** What a page prints when neither the settings file nor the front matter says otherwise: no programme's words. */
export const DEFAULT_SETTINGS = Object.freeze({
  kicker: '{series} · Country brief',
  runningHead: '{series} · {title}',
  currency: 'EUR',
  language: 'en',
  fundingLabel: 'Funding recorded',
});

/** The settings as a layout reads them (`settings.kicker`), resolved for one document. */
export interface PageSettings {
  readonly series: string;
  readonly publisher: string | undefined;
  readonly kicker: string;
  readonly runningHead: string;
  readonly footerNote: string;
  readonly currency: string;
  readonly language: string;
  readonly fundingLabel: string;
  /** The project's pack title (settings: pack_title, else series); empty when it has neither. */
  readonly packTitle: string;
}

/**
 * One document's settings: its front matter over the project's settings over the defaults,
 * with `{series}` and `{title}` filled in (the document's own title, so that two factsheets
 * of one project each carry theirs).
 */
export function pageSettings(project: SettingsValues, overrides: SettingsValues | undefined, title: string): PageSettings {
  const merged = { ...DEFAULT_SETTINGS, ...project, ...overrides };
  const series = merged.series ?? '';
  return Object.freeze({
    series,
    publisher: merged.publisher,
    kicker: fillPattern(merged.kicker, series, title),
    runningHead: fillPattern(merged.runningHead, series, title),
    footerNote: merged.footerNote ?? '',
    currency: merged.currency,
    language: merged.language,
    fundingLabel: merged.fundingLabel,
    packTitle: project.packTitle ?? project.series ?? '',
  });
}

/** Fills the placeholders; a part left empty (no series) drops out with its ` · ` separator. */
export function fillPattern(pattern: string, series: string, title: string): string {
  const filled = pattern.replace(/\{(series|title)\}/g, (_match, name: string) => (name === 'series' ? series : title));
  return filled.split(' · ').map((part) => part.trim()).filter((part) => part !== '').join(' · ');
}
