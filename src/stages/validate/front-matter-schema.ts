import { z } from 'zod';
import { isCountryCode } from './country-code.js';

/** Says "is required" for a missing value and `message` for a value of the wrong type. */
function typeError(message: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message) };
}

/** A layout's bare name: no path, no dots, so `template` can never leave `templates/layouts/`. */
const templateName = z.string(typeError('must be a layout name')).regex(/^[a-z0-9][a-z0-9-]*$/, {
  error: 'must be the bare name of a layout in templates/layouts/ (lowercase letters, digits and dashes; no path)',
});

/** Bidirectional overrides and isolates reorder the text around them: `Mali\u202egnp.exe` shows as `Maliexe.png`. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

const text = z
  .string(typeError('must be text'))
  .trim()
  .min(1, { error: 'must not be empty' })
  .refine((value) => !BIDI_CONTROLS.test(value), {
    error:
      'must not contain bidirectional control characters (U+202A to U+202E, U+2066 to U+2069): they make text show in another order than it is written',
  });

const isoDate = z
  .string(typeError('must be an ISO date (YYYY-MM-DD)'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be an ISO date (YYYY-MM-DD)', abort: true })
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      error: 'is not a real calendar date',
    },
  );

const countryCode = z
  .string(typeError('must be an ISO 3166-1 alpha-2 code'))
  .refine(isCountryCode, { error: 'is not an ISO 3166-1 alpha-2 country code (two capitals, e.g. ML)' });

const figureName = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: 'figure names use lowercase letters, digits and underscores',
});

/** A BCP 47 language tag, as ICU accepts it. */
const languageTag = z
  .string(typeError('must be a language tag'))
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language tag such as en, fr or pt-BR' })
  .refine(
    (tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        return false;
      }
    },
    { error: 'must be a language tag such as en, fr or pt-BR' },
  );

/** `{series}` and `{title}` are the placeholders a running head or kicker may use. */
const PLACEHOLDER = /\{([^{}]*)\}/g;
const pattern = text.refine(
  (value) => [...value.matchAll(PLACEHOLDER)].every((match) => match[1] === 'series' || match[1] === 'title'),
  {
    error: 'may use only the placeholders {series} and {title}',
  },
);

/**
 * The programme words and conventions of a project (content/factsheets.yml), each of which a
 * document's front matter may override. All optional: plan/settings.ts supplies the defaults.
 */
export const settingsFields = {
  series: text.optional(),
  publisher: text.optional(),
  kicker: pattern.optional(),
  /** A factsheet's masthead kicker, above its title; may use {series} and {title}. */
  factsheet_kicker: pattern.optional(),
  running_head: pattern.optional(),
  footer_note: text.optional(),
  currency: z
    .string(typeError('must be a currency code'))
    .refine((code) => /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code), {
      error: 'must be an ISO 4217 currency code in capitals, e.g. EUR, USD, GBP',
    })
    .optional(),
  language: languageTag.optional(),
  funding_label: text.optional(),
  /** The caption of a factsheet's table of country totals. */
  countries_caption: text.optional(),
};

/** Settings of the project as a whole, which no document overrides. */
export const projectOnlyFields = {
  /** The workbook's sheet that holds the dataset (default: the first). */
  dataset_sheet: text.optional(),
  /** The briefing pack's title (default: the series, else the only factsheet's title). */
  pack_title: text.optional(),
  /** Dataset countries kept without a brief on purpose: their rows are not reported as left out. */
  countries_without_brief: z
    .array(countryCode, { error: 'must be a list of ISO 3166-1 alpha-2 codes, e.g. [XK, PS]' })
    .optional(),
  /** The print editions' CMYK output profile: an .icc file in the content folder (default: coated FOGRA39, shipped). */
  print_profile: text.optional(),
  /** The layouts' own settings (`layout: {agency: …}`): passed to them as settings.layout, each one checked to be read by a template. */
  layout: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]*$/, {
        error: 'must be a name of lowercase letters, digits and underscores, e.g. agency or accent_colour',
      }),
      z.union([z.string(), z.number(), z.boolean()], { error: 'must be text, a number, or true or false' }),
      {
        error: (issue) =>
          issue.code === 'invalid_type'
            ? "must hold the layouts' own settings, each a name and a value indented under it"
            : issue.code === 'invalid_key'
              ? 'needs a name of lowercase letters, digits and underscores, e.g. agency or accent_colour'
              : undefined,
      },
    )
    .optional(),
};

/** A language's own words for the settings (`languages: {fr: {series: …}}`): its editions print these. */
export const languagesField = {
  languages: z
    .record(
      languageTag,
      z.strictObject({
        series: settingsFields.series,
        publisher: settingsFields.publisher,
        kicker: settingsFields.kicker,
        factsheet_kicker: settingsFields.factsheet_kicker,
        running_head: settingsFields.running_head,
        footer_note: settingsFields.footer_note,
        funding_label: settingsFields.funding_label,
        countries_caption: settingsFields.countries_caption,
        pack_title: projectOnlyFields.pack_title,
      }),
      {
        error: "must hold language tags such as fr, de or pt-BR, each with that language's settings indented under it",
      },
    )
    .optional(),
};

/** Factsheet front matter. Unknown keys are kept for custom templates (under `page`). */
export const factsheetSchema = z.looseObject({
  title: text,
  subtitle: text.optional(),
  date: isoDate.optional(),
  template: templateName.default('factsheet'),
  figures: z
    .record(figureName, z.number({ error: 'must be a number' }).nonnegative({ error: 'must not be negative' }))
    .default({}),
  key_figures: z
    .array(
      z.object({
        figure: figureName,
        label: text,
        format: z.enum(['money', 'number'], { error: 'must be "money" or "number"' }).default('money'),
      }),
    )
    .default([]),
  quotes: z.array(z.object({ text, author: text, role: text.optional() })).default([]),
  charts: z
    .array(
      z.object({
        title: text,
        bars: z.array(z.object({ figure: figureName, label: text })).min(1, { error: 'needs at least one bar' }),
        shares: z.boolean({ error: 'must be true or false' }).default(false),
      }),
    )
    .default([]),
  countries: z.array(countryCode).default([]),
  /** How many pages this factsheet may take (over the layout's own budget, data-page-budget). */
  page_budget: z
    .number({ error: 'must be a whole number of pages' })
    .int({ error: 'must be a whole number of pages' })
    .min(1, { error: 'must be 1 or more' })
    .max(50, { error: 'must be 50 or fewer' })
    .optional(),
  author: text.optional(),
  keywords: z.array(text).default([]),
  /** The document's language (BCP 47); its file name's (`mali.fr.md`) or the project's otherwise. */
  lang: languageTag.optional(),
  ...settingsFields,
});

/** Country one-pager front matter. */
export const onePagerSchema = z.looseObject({
  name: text,
  iso: countryCode,
  role: text.optional(),
  summary: text.optional(),
  date: isoDate.optional(),
  template: templateName.default('one-pager'),
  author: text.optional(),
  keywords: z.array(text).default([]),
  /** The document's language (BCP 47); its file name's (`mali.fr.md`) or the project's otherwise. */
  lang: languageTag.optional(),
  ...settingsFields,
});
