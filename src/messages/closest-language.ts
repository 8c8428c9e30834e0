/**
 * Of the tags something is kept under (message files, the settings' `languages:`), the one a
 * language uses: its own (`pt-BR`), else its base language's (`pt`), in any letter case.
 */
export function closestLanguage(lang: string, tags: Iterable<string>): string | undefined {
  const known = [...tags];
  for (const wanted of [lang, lang.split('-')[0] ?? lang]) {
    const found = known.find((tag) => tag.toLowerCase() === wanted.toLowerCase());
    if (found !== undefined) return found;
  }
  return undefined;
}
