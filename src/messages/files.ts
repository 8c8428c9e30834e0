import type { LoadedTemplates } from '../stages/load.js';
import type { SourceFile } from '../types.js';

/** The message files' folder in the templates: `messages/<lang>.yml`. */
export const MESSAGES_FOLDER = 'messages';

/**
 * The message file a language reads: its own (`pt-BR.yml`), else its base language's
 * (`pt.yml`); never another language's, so that no page silently prints English words.
 */
export function messageFileFor(lang: string, templates: Pick<LoadedTemplates, 'messages'>): { readonly name: string; readonly file: SourceFile } | undefined {
  const found = closestLanguage(lang, templates.messages.keys());
  const file = found === undefined ? undefined : templates.messages.get(found);
  return found === undefined || file === undefined ? undefined : { name: found, file };
}

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
