import type { BrandCoverage } from '../fonts/embed.js';
import { describeCharacter, uncoveredCharacters } from '../fonts/coverage.js';
import { messagesFor } from '../messages/languages.js';
import type { LoadedTemplates } from '../model/sources.js';
import { formatDate, formatMoney, formatPercent } from '../stages/render/handlebars/format.js';
import { directionOf } from '../stages/render/handlebars/languages/direction.js';
import { hyphenatorFor, NOT_HYPHENATED } from '../stages/render/hyphenation-patterns.js';
import { CLDR_VERSION, EXEMPLARS, type Exemplars } from './exemplars.js';

/** One fact about printing a language: what it is, and whether it stops the language from printing. */
export interface ReadinessFact {
  readonly topic: 'language' | 'direction' | 'fonts' | 'hyphenation' | 'figures' | 'messages';
  /** `ok`; `note`: prints, but worth knowing; `missing`: its documents would not build. */
  readonly status: 'ok' | 'note' | 'missing';
  readonly text: string;
  /** Details, one a line (missing message keys, characters). */
  readonly details?: readonly string[];
}

export interface LanguageReadiness {
  readonly tag: string;
  readonly name: string;
  readonly ready: boolean;
  readonly facts: readonly ReadinessFact[];
}

/** Whether the project can print a language: every fact the build relies on, in one place. */
export function languageReadiness(tag: string, templates: LoadedTemplates, fonts: BrandCoverage): LanguageReadiness {
  const canonical = canonicalTag(tag);
  if (canonical === undefined) {
    return {
      tag,
      name: tag,
      ready: false,
      facts: [
        {
          topic: 'language',
          status: 'missing',
          text: `"${tag}" is not a BCP 47 language tag (write for example fr, ar, am or pt-BR)`,
        },
      ],
    };
  }
  const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(canonical) ?? canonical;
  if (Intl.NumberFormat.supportedLocalesOf(canonical).length === 0) {
    return {
      tag: canonical,
      name,
      ready: false,
      facts: [
        {
          topic: 'language',
          status: 'missing',
          text: `Node's CLDR data has no ${name} (${canonical}): figures and dates cannot be written in it`,
        },
      ],
    };
  }
  const facts = [
    directionFact(canonical),
    fontsFact(canonical, fonts),
    hyphenationFact(canonical, name),
    figuresFact(canonical),
    messagesFact(canonical, templates),
  ];
  return { tag: canonical, name, ready: facts.every((fact) => fact.status !== 'missing'), facts };
}

/**
 * The brief form of the fonts fact, for every build: the languages of its documents whose
 * exemplar characters the declared fonts do not all have (a page would fail on the first such word).
 */
export function fontWarnings(languages: Iterable<string>, fonts: BrandCoverage): string[] {
  const warnings: string[] = [];
  for (const lang of new Set(languages)) {
    const exemplars = exemplarsOf(lang);
    if (exemplars === undefined) continue;
    const missing = uncoveredCharacters(lettersOf(exemplars.set), fonts.any);
    if (missing.length > 0) {
      warnings.push(
        `the declared fonts lack ${missing.length} of the letters ${lang} is written with (${missing.slice(0, 6).map(describeCharacter).join(', ')}${missing.length > 6 ? ', …' : ''}): run factsheets languages check ${lang}`,
      );
    }
  }
  return warnings;
}

function directionFact(tag: string): ReadinessFact {
  return directionOf(tag) === 'rtl'
    ? {
        topic: 'direction',
        status: 'ok',
        text: 'right to left: pages get dir="rtl" and mirror; Latin names and figures in the prose are isolated',
      }
    : { topic: 'direction', status: 'ok', text: 'left to right' };
}

function fontsFact(tag: string, fonts: BrandCoverage): ReadinessFact {
  const exemplars = exemplarsOf(tag);
  if (exemplars === undefined) {
    return {
      topic: 'fonts',
      status: 'note',
      text: `no CLDR exemplar table for ${tag} here (it has ${Object.keys(EXEMPLARS).join(', ')}): coverage is checked page by page when printing`,
    };
  }
  // Letters and the digits the language writes are needed; a missing rarer sign (‰, ‡) is worth knowing only.
  const essential = lettersOf(exemplars.set) + digitsOf(tag);
  const signs = exemplars.set.punctuation + numberCharacters(tag, exemplars.set);
  const missing = uncoveredCharacters(essential, fonts.any);
  const missingSigns = uncoveredCharacters(signs, fonts.any).filter((char) => !missing.includes(char));
  const where = fonts.declaredIn.join(', ') || "the templates' style sheets";
  const counted = [...new Set(essential + signs)].length;
  if (missing.length > 0) {
    return {
      topic: 'fonts',
      status: 'missing',
      text: `the declared fonts (${where}) lack ${missing.length} of the letters and digits CLDR ${CLDR_VERSION} lists for ${exemplars.from}: declare a font that has them (an @font-face rule or an @import of a font package)`,
      details: [
        missing.map(describeCharacter).join(', '),
        ...(missingSigns.length > 0 ? [`and the signs ${missingSigns.map(describeCharacter).join(', ')}`] : []),
      ],
    };
  }
  if (missingSigns.length > 0) {
    return {
      topic: 'fonts',
      status: 'note',
      text: `the declared fonts (${where}) have every letter and digit of ${exemplars.from} (CLDR ${CLDR_VERSION}), but not ${missingSigns.length} of its rarer signs: a page using one would fail`,
      details: [missingSigns.map(describeCharacter).join(', ')],
    };
  }
  return {
    topic: 'fonts',
    status: 'ok',
    text: `the declared fonts (${where}) have all ${counted} characters CLDR ${CLDR_VERSION} lists for ${exemplars.from}: letters in both cases, digits, punctuation`,
  };
}

/** The ten digits a tag writes figures with (Arabic-Indic for ar-EG, Latin for ar-MA). */
function digitsOf(tag: string): string {
  return new Intl.NumberFormat(tag, { useGrouping: false }).format(1234567890);
}

function hyphenationFact(tag: string, name: string): ReadinessFact {
  if (NOT_HYPHENATED.has(tag.split('-')[0] ?? ''))
    return { topic: 'hyphenation', status: 'ok', text: `none: ${name} is not hyphenated (lines break between words)` };
  return hyphenatorFor(tag) === undefined
    ? {
        topic: 'hyphenation',
        status: 'note',
        text: `no patterns for ${tag} in the hyphen package: lines break between words only, so justified or narrow columns run looser`,
      }
    : { topic: 'hyphenation', status: 'ok', text: `patterns from the hyphen package (soft hyphens at break points)` };
}

function figuresFact(tag: string): ReadinessFact {
  const system = new Intl.NumberFormat(tag).resolvedOptions().numberingSystem;
  const examples = [
    formatMoney(2.9e9, 'EUR', tag),
    formatMoney(950_000, 'EUR', tag),
    formatPercent(0.67, tag),
    formatDate('2017-09-06', tag),
  ];
  // Bidi marks CLDR puts into right-to-left figures are not shown in a terminal.
  return {
    topic: 'figures',
    status: 'ok',
    text: `${system} digits, as CLDR writes ${tag}: ${examples.map((example) => example.replace(/[\u061C\u200E\u200F]/g, '')).join(' · ')}`,
  };
}

function messagesFact(tag: string, templates: LoadedTemplates): ReadinessFact {
  const checked = messagesFor(tag, templates);
  if (checked.ok)
    return {
      topic: 'messages',
      status: 'ok',
      text: `${checked.messages.displayPath}: every message the templates use`,
    };
  return {
    topic: 'messages',
    status: 'missing',
    text: `${checked.problems.length} ${checked.problems.length === 1 ? 'problem' : 'problems'} in the messages`,
    details: checked.problems.map(
      (problem) => `${problem.file ?? ''}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`,
    ),
  };
}

/** The exemplars of a tag, else of its base language (ar-MA uses ar's). */
function exemplarsOf(tag: string): { set: Exemplars; from: string } | undefined {
  for (const candidate of [tag, tag.split('-')[0] ?? tag]) {
    const set = EXEMPLARS[candidate];
    if (set !== undefined) return { set, from: candidate };
  }
  return undefined;
}

/** Letters in both cases: CLDR lists them in lower case, and names and headings need capitals. */
function lettersOf(exemplars: Exemplars): string {
  return exemplars.letters + exemplars.letters.toLocaleUpperCase();
}

/** The number symbols without the digits of other numbering systems than the one the tag writes. */
function numberCharacters(tag: string, exemplars: Exemplars): string {
  const digits = digitsOf(tag);
  return [...exemplars.numbers].filter((char) => !/\p{Nd}/u.test(char) || digits.includes(char)).join('');
}

function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
