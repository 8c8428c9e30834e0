import type { LoadedTemplates } from '../stages/load.js';
import type { SourceFile } from '../types.js';

/** The message files' folder in the templates: `messages/<lang>.yml`. */
export const MESSAGES_FOLDER = 'messages';

/**
 * The message file a language reads: its own (`pt-BR.yml`), else its base language's
 * (`pt.yml`); never another language's, so that no page silently prints English words.
 */
export function messageFileFor(lang: string, templates: Pick<LoadedTemplates, 'messages'>): { readonly name: string; readonly file: SourceFile } | undefined {
  const wanted = [lang, lang.split('-')[0] ?? lang].map((tag) => tag.toLowerCase());
  for (const tag of wanted) {
    for (const [name, file] of templates.messages) if (name.toLowerCase() === tag) return { name, file };
  }
  return undefined;
}
