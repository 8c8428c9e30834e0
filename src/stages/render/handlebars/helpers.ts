import type { HelperOptions } from 'handlebars';
import { dataUri, imageType } from '../../../image-types.js';
import type { Asset } from '../../load.js';
import { formatDate, formatMoney, formatNumber, formatPercent } from './format.js';

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
  ) {
    super(message);
    this.name = 'HelperError';
  }
}

type Formatter = (value: never) => string;

/**
 * The formatting helpers, the only helpers prose may use: `money`, `number`, `percent`,
 * `date`. Each takes one value; a missing or wrong value is an error at the call's position.
 */
const FORMATTERS: Readonly<Record<string, Formatter>> = {
  money: formatMoney,
  number: (value: number) => formatNumber(value),
  percent: formatPercent,
  date: formatDate,
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
        return format(args[0] as never);
      } catch (error) {
        throw new HelperError(error instanceof Error ? error.message : String(error), location);
      }
    };
  }
  return helpers;
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
    return dataUri(type, asset.bytes);
  };
}
