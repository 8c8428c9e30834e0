import { cldrStyle } from './cldr.js';
import { ENGLISH } from './english.js';
import type { FigureStyle } from './figure-style.js';
import { FRENCH } from './french.js';

const styles = new Map<string, FigureStyle>();

/**
 * The figure style for a BCP 47 tag, made once per tag. English and French have hand-written
 * styles for every region; other languages write as CLDR does. A tag that is not BCP 47, or
 * one Node's ICU has no data for, is an error naming the tag and the helper: it would
 * otherwise fall back to Intl's default locale without a word.
 */
export function figureStyle(lang: string, helper: string): FigureStyle {
  let style = styles.get(lang);
  if (style === undefined) {
    const tag = canonicalTag(lang, helper);
    const language = new Intl.Locale(tag).language;
    style = language === 'en' ? ENGLISH : language === 'fr' ? FRENCH : cldrStyle(tag);
    styles.set(lang, style);
  }
  return style;
}

function canonicalTag(lang: string, helper: string): string {
  let tag: string | undefined;
  try {
    [tag] = Intl.getCanonicalLocales(lang);
  } catch {
    tag = undefined;
  }
  if (tag === undefined) {
    throw new RangeError(
      `${helper} cannot write figures in "${lang}": it is not a BCP 47 language tag (write for example "en", "fr" or "fr-BE")`,
    );
  }
  if (
    Intl.NumberFormat.supportedLocalesOf(tag).length === 0 ||
    Intl.DateTimeFormat.supportedLocalesOf(tag).length === 0
  ) {
    throw new RangeError(
      `${helper} cannot write figures in "${lang}": Node's CLDR data has no such language (use for example "en", "fr", "de" or "es")`,
    );
  }
  return tag;
}
