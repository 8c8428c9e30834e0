import Handlebars, { type HelperOptions } from 'handlebars';
import { dataUri, imageType } from '../../../image-types.js';
import { SVG_EXTERNAL_HINT, svgImageProblems } from '../svg-image.js';
import type { Asset } from '../../../model/sources.js';
import { describe, formatDate, formatMoney, formatNumber, formatPercent, formatWholePercent } from './format.js';

type SafeString = InstanceType<typeof Handlebars.SafeString>;

/** Where a helper was called, from Handlebars' `options.loc` (1-based line, 0-based column). */
export interface HelperLocation {
  readonly line: number;
  readonly column: number;
}

/** A helper's failure, carrying where in the template it was called. */
export class HelperError extends Error {
  constructor(
    message: string,
    readonly location: HelperLocation | undefined,
    /** What to do, when the helper knows better than the generic hint. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'HelperError';
  }
}

/** What a formatter may need to know of the page it formats for (undefined: the formatter's default). */
interface FormatContext {
  readonly currency: string | undefined;
  /** The document's language, a BCP 47 tag (`en`, `fr`). */
  readonly lang: string | undefined;
}

type Formatter = (value: never, context: FormatContext) => string;

/**
 * The formatting helpers, the only helpers prose may use: `money`, `number`, `percent`,
 * `wholePercent`, `date`. Each takes one value and writes it in the page's language; a missing
 * or wrong value is an error at the call's position.
 */
const FORMATTERS: Readonly<Record<string, Formatter>> = {
  money: (value: number, context: FormatContext) => formatMoney(value, context.currency, context.lang),
  number: (value: number, context: FormatContext) => formatNumber(value, undefined, context.lang),
  percent: (value: number, context: FormatContext) => formatPercent(value, context.lang),
  wholePercent: (value: number, context: FormatContext) => formatWholePercent(value, context.lang),
  date: (value: string, context: FormatContext) => formatDate(value, context.lang),
};

export const HELPER_NAMES: readonly string[] = Object.keys(FORMATTERS);

/** Wraps each formatter as a Handlebars helper that checks its arity and reports its position. */
export function formattingHelpers(): Record<string, (...args: unknown[]) => string> {
  const helpers: Record<string, (...args: unknown[]) => string> = {};
  for (const [name, format] of Object.entries(FORMATTERS)) {
    helpers[name] = (...args: unknown[]): string => {
      const options = args.pop() as HelperOptions & { loc?: { start: HelperLocation } };
      const location = options.loc?.start;
      if (args.length !== 1) {
        throw new HelperError(`${name} takes one value, got ${args.length}`, location);
      }
      try {
        return format(args[0] as never, formatContext(options));
      } catch (error) {
        throw new HelperError(error instanceof Error ? error.message : String(error), location);
      }
    };
  }
  return helpers;
}

/** The page's currency, from the view's `settings` (plan/settings.ts), and its language, from the view's `lang`. */
function formatContext(options: HelperOptions): FormatContext {
  const root: unknown = options.data?.root;
  const settings = field(root, 'settings');
  const currency = field(settings, 'currency');
  const lang = field(root, 'lang');
  return {
    currency: typeof currency === 'string' ? currency : undefined,
    lang: typeof lang === 'string' ? lang : undefined,
  };
}

function field(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null && name in object
    ? (object as Record<string, unknown>)[name]
    : undefined;
}

/**
 * `{{cssString settings.runningHead}}`: text as a quoted CSS string, for `content:` in a
 * layout's <style>. Every character but letters, digits and spaces is a hex escape, so no
 * text can end the string, the rule or the element.
 */
export function cssStringHelper(...args: unknown[]): SafeString {
  const options = args.pop() as HelperOptions & { loc?: { start: HelperLocation } };
  const text = args[0];
  if (args.length !== 1 || typeof text !== 'string') {
    throw new HelperError(
      `cssString takes one text, got ${args.length === 1 ? describe(text) : `${args.length} values`}`,
      options.loc?.start,
    );
  }
  return new Handlebars.SafeString(cssString(text));
}

/** Text as a quoted CSS string: every character but letters, digits and spaces is a hex escape. */
export function cssString(text: string): string {
  return `"${[...text].map((character) => (/[A-Za-z0-9 ]/.test(character) ? character : `\\${(character.codePointAt(0) ?? 0).toString(16)} `)).join('')}"`;
}

/**
 * `{{asset "logos/eu.svg"}}`: an image from `templates/assets/` as a data: URI, for layouts
 * only. The page may load nothing else, so this is how templates show logos and icons.
 */
export function assetHelper(assets: ReadonlyMap<string, Asset>): (...args: unknown[]) => string {
  return (...args: unknown[]): string => {
    const options = args.pop() as HelperOptions & { loc?: { start: HelperLocation } };
    const name = args[0];
    const asset = typeof name === 'string' ? assets.get(name) : undefined;
    const type = typeof name === 'string' ? imageType(name) : undefined;
    if (asset === undefined || type === undefined || args.length !== 1) {
      const known = [...assets.keys()].filter((key) => imageType(key) !== undefined);
      throw new HelperError(
        `asset: there is no image ${typeof name === 'string' ? `"${name}"` : String(name)} in templates/assets/ (images: ${known.join(', ') || 'none'})`,
        options.loc?.start,
      );
    }
    const external = type === 'image/svg+xml' ? svgImageProblems(asset.bytes).external : undefined;
    if (external !== undefined) {
      throw new HelperError(
        `asset: ${asset.displayPath} refers to "${external}" outside itself, which an image cannot load: it would print without it`,
        options.loc?.start,
        SVG_EXTERNAL_HINT,
      );
    }
    return dataUri(type, asset.bytes, asset.displayPath);
  };
}
