import { OncePerBuild } from '../once-per-build.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { BUNDLED_TEMPLATES } from '../config.js';
import { FactsheetsError } from '../errors.js';
import type { LoadedTemplates } from '../model/sources.js';
import { closestName } from '../stages/validate/closest-name.js';
import { MessageFile } from './catalog.js';
import { MESSAGES_FOLDER, messageFileFor } from './files.js';
import { CODE_MESSAGES, CODE_MESSAGE_KEYS, templateMessageUses, type MessageUse } from './keys.js';

/** A language's messages, ready to format, or every reason its documents cannot be built. */
export type LanguageMessages =
  | { readonly ok: true; readonly messages: MessageFile }
  | { readonly ok: false; readonly problems: readonly FactsheetsError[] };

const checked = new OncePerBuild<LoadedTemplates, LanguageMessages>();

/**
 * The messages of one language, checked against what the templates and the build use: a
 * message they need and the file lacks, or one the file has and nothing uses (a typo, or a
 * message a layout no longer prints), is an error; so is a language with no file at all.
 * Once per language and build.
 */
export function messagesFor(lang: string, templates: LoadedTemplates): LanguageMessages {
  return checked.get(templates, lang, () => checkLanguage(lang, templates));
}

function checkLanguage(lang: string, templates: LoadedTemplates): LanguageMessages {
  const found = messageFileFor(lang, templates);
  if (found === undefined) {
    const available = [...templates.messages.keys()].sort();
    if (isBundled(templates)) return { ok: false, problems: [noBundledMessages(lang, available)] };
    return {
      ok: false,
      problems: [
        new FactsheetsError(
          `there are no messages for the language "${lang}": ${templates.messagesFolder}/${lang}.yml does not exist`,
          {
            stage: 'validate',
            file: `${templates.messagesFolder}/${lang}.yml`,
            hint: `Copy ${templates.messagesFolder}/${available.includes('en') ? 'en' : (available[0] ?? 'en')}.yml to ${lang}.yml and translate each message, or write the document in a language that has messages (${available.join(', ') || 'none yet'}).`,
          },
        ),
      ],
    };
  }
  const messages = MessageFile.read(found.file, lang);
  const problems = [...messages.problems];
  // A file that is not YAML has no keys to compare: its syntax error is the one thing to fix.
  if (messages.unreadable) return { ok: false, problems };
  const uses = templateMessageUses(templates);
  const needed = new Set<string>([...uses.keys(), ...CODE_MESSAGE_KEYS]);
  for (const key of needed) {
    if (messages.has(key) || problems.some((problem) => problem.message.includes(`"${key}"`))) continue;
    const use = uses.get(key);
    problems.push(
      new FactsheetsError(`message "${key}" is missing`, {
        stage: 'validate',
        file: messages.displayPath,
        hint: `Add "${key}" to ${messages.displayPath}: ${use === undefined ? 'the build itself prints it' : `${use.file} uses it at line ${use.line}`} (see ${templates.messagesFolder}/en.yml for what it says in English).`,
      }),
    );
  }
  const standIn = keysOfMissingLayouts(templates);
  for (const key of messages.keys()) {
    if (needed.has(key) || standIn.has(key)) continue;
    const guess = closestName(
      key,
      [...needed].filter((name) => !messages.has(name)),
    );
    problems.push(
      new FactsheetsError(`message "${key}" is not used by any template`, {
        stage: 'validate',
        file: messages.displayPath,
        ...messages.where(key),
        hint:
          guess === undefined
            ? `Remove it from ${messages.displayPath}, or use it in a template ({{t "${key}"}}).`
            : `Did you mean "${guess}"? Rename it, or remove it from ${messages.displayPath}.`,
      }),
    );
  }
  for (const key of needed) {
    if (messages.has(key)) problems.push(...valueProblems(messages, key, lang, uses.get(key)));
  }
  return problems.length === 0
    ? { ok: true, messages }
    : { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/**
 * A message may insert only the values its layout or the build gives it (`{Land}` where the
 * build gives `{country}` would fail on every page), and its plurals may choose only between the
 * language's plural cases (`eins {…}` is never chosen in German: `one {…}` is).
 */
function valueProblems(
  messages: MessageFile,
  key: string,
  lang: string,
  use: MessageUse | undefined,
): FactsheetsError[] {
  const given = use?.values ?? new Set<string>(CODE_MESSAGES[key as keyof typeof CODE_MESSAGES]);
  const where = { stage: 'validate' as const, file: messages.displayPath, ...messages.where(key) };
  const { names, plurals } = messages.valuesOf(key);
  const unknown = [...names].filter((name) => !given.has(name));
  const problems = unknown.map(
    (name) =>
      new FactsheetsError(
        `message "${key}" inserts {${name}}, which ${use === undefined ? 'the build' : use.file} does not give it`,
        {
          ...where,
          hint:
            given.size === 0
              ? 'This message is given no values: write it as plain text.'
              : `Its values are ${[...given].map((value) => `{${value}}`).join(', ')}: keep their names as in ${messages.displayPath.replace(/[^/\\]*$/, 'en.yml')}, translate only the words around them.`,
        },
      ),
  );
  for (const plural of plurals) {
    const categories = new Intl.PluralRules(lang, { type: plural.ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions()
      .pluralCategories;
    const wrong = plural.cases.filter(
      (name) => !/^=\d+$/.test(name) && !(categories as readonly string[]).includes(name),
    );
    if (wrong.length > 0) {
      problems.push(
        new FactsheetsError(`message "${key}" has plural cases ${lang} never chooses: ${wrong.join(', ')}`, {
          ...where,
          hint: `A plural in ${lang} chooses between ${categories.join(', ')} (or =0, =1… for exact numbers): rename the case, keeping the words.`,
        }),
      );
    }
  }
  return problems;
}

/**
 * The message keys of factsheets' own layouts that these templates lack (a deleted
 * `one-pager.hbs`): while a layout is missing, its messages are not "unused" — the missing
 * layout is the one error to fix (stages/validate.ts reports it), not every message it printed.
 */
function keysOfMissingLayouts(templates: LoadedTemplates): ReadonlySet<string> {
  const folder = join(BUNDLED_TEMPLATES, 'layouts');
  if (isBundled(templates) || !existsSync(folder)) return new Set();
  const missing = readdirSync(folder).filter(
    (name) => name.endsWith('.hbs') && !templates.layouts.has(name.slice(0, -4)),
  );
  if (missing.length === 0) return new Set();
  const read = (path: string) => ({ absolutePath: path, displayPath: path, text: readFileSync(path, 'utf8') });
  const partials = join(BUNDLED_TEMPLATES, 'partials');
  const bundled: LoadedTemplates = {
    layouts: new Map(missing.map((name) => [name.slice(0, -4), read(join(folder, name))])),
    partials: new Map(
      readdirSync(partials)
        .filter((name) => name.endsWith('.hbs'))
        .map((name) => [name.slice(0, -4), read(join(partials, name))]),
    ),
    styles: new Map(),
    assets: new Map(),
    messages: new Map(),
    messagesFolder: '',
  };
  return new Set(templateMessageUses(bundled).keys());
}

/** True for factsheets' own templates (used when a project has no templates/ folder): an update replaces them. */
function isBundled(templates: LoadedTemplates): boolean {
  const root = `${resolve(BUNDLED_TEMPLATES)}${sep}`;
  return [...templates.layouts.values()].some((file) => file.absolutePath.startsWith(root));
}

/**
 * A language factsheets' own templates have no messages for: the file to write is in the
 * project's own templates folder (which the build uses once it exists), never in the installed tool.
 */
function noBundledMessages(lang: string, available: readonly string[]): FactsheetsError {
  const own = `templates/${MESSAGES_FOLDER}`;
  return new FactsheetsError(
    `there are no messages for the language "${lang}": factsheets' own templates have messages for ${available.join(', ') || 'no language'} only`,
    {
      stage: 'validate',
      file: `${own}/${lang}.yml`,
      hint:
        `Give the project its own templates folder ("factsheets init DIR --templates" adds one, to a new project or an existing one, and every build of the project uses it), ` +
        `then copy ${own}/en.yml to ${own}/${lang}.yml and translate each message; or write the document in a language that has messages.`,
    },
  );
}
