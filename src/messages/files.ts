import type { SourceFile } from '../model/documents.js';
import { closestLanguage } from './closest-language.js';

/** The message files' folder in the templates: `messages/<lang>.yml`. */
export const MESSAGES_FOLDER = 'messages';

/**
 * The message file a language reads: its own (`pt-BR.yml`), else its base language's
 * (`pt.yml`); never another language's, so that no page silently prints English words.
 */
export function messageFileFor(
  lang: string,
  templates: { readonly messages: ReadonlyMap<string, SourceFile> },
): { readonly name: string; readonly file: SourceFile } | undefined {
  const found = closestLanguage(lang, templates.messages.keys());
  const file = found === undefined ? undefined : templates.messages.get(found);
  return found === undefined || file === undefined ? undefined : { name: found, file };
}
