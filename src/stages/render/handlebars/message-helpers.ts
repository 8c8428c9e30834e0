import Handlebars, { type HelperOptions } from 'handlebars';
import type { LoadedTemplates } from '../../../model/sources.js';
import { messagesFor } from '../../../messages/languages.js';
import type { MessageFile, MessageValues } from '../../../messages/catalog.js';
import { cssString, HelperError, type HelperLocation } from './helpers.js';

type SafeString = InstanceType<typeof Handlebars.SafeString>;
type Options = HelperOptions & { loc?: { start: HelperLocation } };

/** The page's language: the view's `lang` (the plan sets it per document). */
function pageLanguage(options: HelperOptions): string {
  const root: unknown = options.data?.root;
  const lang = typeof root === 'object' && root !== null && 'lang' in root ? root.lang : undefined;
  return typeof lang === 'string' ? lang : 'en';
}

function messagesOf(templates: LoadedTemplates, options: Options): MessageFile {
  const checked = messagesFor(pageLanguage(options), templates);
  if (!checked.ok) throw new HelperError(checked.problems[0]?.message ?? 'no messages', options.loc?.start);
  return checked.messages;
}

/** The values a message inserts: the helper's `name=value` pairs, text or numbers only. */
function messageValues(options: Options): MessageValues {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(options.hash as Record<string, unknown>)) {
    if (typeof value === 'number' || typeof value === 'string') values[name] = value;
    else if (value instanceof Handlebars.SafeString) values[name] = value.toString();
    else
      throw new HelperError(
        `message value ${name} must be text or a number, got ${value === undefined ? 'undefined' : typeof value}`,
        options.loc?.start,
      );
  }
  return values;
}

function formatted(templates: LoadedTemplates, args: unknown[]): { text: string; options: Options } {
  const options = args.pop() as Options;
  const key = args[0];
  if (args.length !== 1 || typeof key !== 'string')
    throw new HelperError('a message helper takes one quoted key, e.g. {{t "one_pager.sources"}}', options.loc?.start);
  try {
    return { text: messagesOf(templates, options).format(key, messageValues(options)), options };
  } catch (error) {
    if (error instanceof HelperError) throw error;
    throw new HelperError(error instanceof Error ? error.message : String(error), options.loc?.start);
  }
}

/**
 * `{{t "key" name=value}}`: the page's language's message, its values filled in (ICU
 * MessageFormat: plurals and numbers as that language writes them). Escaped like any text.
 */
export function messageHelper(templates: LoadedTemplates): (...args: unknown[]) => string {
  return (...args: unknown[]): string => formatted(templates, args).text;
}

const COUNTER = '\u0000';

/**
 * `{{cssMessage "factsheet.page_of"}}`: a message as a CSS `content` value for an @page
 * margin box, where `{page}` and `{pages}` become the page counters and the words are
 * escaped CSS strings (no text can end the string or the rule).
 */
export function cssMessageHelper(templates: LoadedTemplates): (...args: unknown[]) => SafeString {
  return (...args: unknown[]): SafeString => {
    const options = args.at(-1) as Options;
    options.hash = {
      page: `${COUNTER}page${COUNTER}`,
      pages: `${COUNTER}pages${COUNTER}`,
      ...(options.hash as object),
    };
    const { text } = formatted(templates, args);
    const parts = text
      .split(COUNTER)
      .map((part, index) => (index % 2 === 1 ? `counter(${part})` : part === '' ? '' : cssString(part)));
    return new Handlebars.SafeString(parts.filter((part) => part !== '').join(' ') || '""');
  };
}
