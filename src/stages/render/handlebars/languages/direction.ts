/** Scripts written right to left (ISO 15924), for tags whose CLDR data says nothing else. */
const RIGHT_TO_LEFT_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr', 'Yezi']);

export type Direction = 'ltr' | 'rtl';

/**
 * The direction a language is written in, from CLDR through Intl: `ar`, `he`, `fa`, `ur`
 * (and `ar-MA`, `ku-Arab`) are right to left, `am`, `en`, `az-Latn` left to right.
 * A tag Intl cannot read is left to right, as HTML assumes.
 */
export function directionOf(lang: string): Direction {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(lang);
  } catch {
    return 'ltr';
  }
  // A script written in the tag decides (ku-Arab); else CLDR's direction for the language.
  if (locale.script !== undefined) return RIGHT_TO_LEFT_SCRIPTS.has(locale.script) ? 'rtl' : 'ltr';
  const info = (locale as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
  if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  return RIGHT_TO_LEFT_SCRIPTS.has(locale.maximize().script ?? '') ? 'rtl' : 'ltr';
}
