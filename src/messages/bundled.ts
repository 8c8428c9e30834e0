import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_TEMPLATES } from '../config.js';
import type { SourceFile } from '../model/documents.js';
import { MessageFile } from './catalog.js';
import { MESSAGES_FOLDER, messageFileFor } from './files.js';
import type { LanguageMessages } from './languages.js';

/** How the plan gets a language's messages: checked against the build's templates (languages.ts). */
export type MessagesOf = (lang: string) => LanguageMessages;

let bundled: Map<string, SourceFile> | undefined;

/**
 * The bundled templates' messages, for callers that plan without templates of their own
 * (the library's planJobs, tests): read once, not checked against any layout.
 */
export function bundledMessages(lang: string): LanguageMessages {
  if (bundled === undefined) {
    const folder = join(BUNDLED_TEMPLATES, MESSAGES_FOLDER);
    bundled = new Map(
      readdirSync(folder)
        .filter((name) => name.endsWith('.yml'))
        .map((name) => {
          const absolutePath = join(folder, name);
          return [
            name.replace(/\.yml$/, ''),
            { absolutePath, displayPath: absolutePath, text: readFileSync(absolutePath, 'utf8') },
          ];
        }),
    );
  }
  const found = messageFileFor(lang, { messages: bundled });
  if (found === undefined) return { ok: false, problems: [] };
  const messages = MessageFile.read(found.file, lang);
  return messages.problems.length === 0 ? { ok: true, messages } : { ok: false, problems: messages.problems };
}

/** The bundled English messages: the default of the library's functions that print words. */
export function bundledEnglish(): MessageFile {
  const english = bundledMessages('en');
  if (!english.ok)
    throw new Error(
      `the bundled English messages have errors: ${english.problems.map((problem) => problem.message).join('; ')}`,
    );
  return english.messages;
}
