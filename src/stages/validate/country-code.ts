/**
 * ISO 3166-1 alpha-2 check without a hand-kept list: Node's ICU knows every region code and
 * echoes unknown ones back unchanged. Private-use codes (but XK, Kosovo, in common use) and
 * the groupings ICU also names (EU, EZ, UN) are excluded.
 */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const NOT_COUNTRIES = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

export function isCountryCode(text: string): boolean {
  if (!/^[A-Z]{2}$/.test(text) || NOT_COUNTRIES.test(text)) return false;
  return regionNames.of(text) !== text;
}

/** The English name ICU gives a code, for messages. */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
