import { geoPath } from 'd3-geo';
import countryCodes from 'i18n-iso-countries';
import { FactsheetsError } from '../../errors.js';
import type { Atlas, AtlasCountry } from './atlas.js';
import { HEIGHT, WIDTH, locatorView, type LocatorView } from './locator-view.js';

/** A small map of a country in its region, in SVG user units; the template only draws it. */
export interface LocatorMap {
  readonly width: number;
  readonly height: number;
  /** The country itself. */
  readonly countryPath: string;
  /** Every other country in view, as one path. */
  readonly landPath: string;
  /** A dot for countries too small to see at this scale (islands), else undefined. */
  readonly marker: { readonly x: number; readonly y: number } | undefined;
  /** The neighbours it shows (ISO 3166-1 alpha-2), for its text alternative in the page's language. */
  readonly neighbourCodes: readonly string[];
}

/** Below this area (square units of the frame) a country gets a dot as well: an island could not be seen. */
const MARKER_BELOW_AREA = 40;

/**
 * Lays out a locator map for an ISO 3166-1 alpha-2 code: the country and its neighbourhood,
 * projected and clipped to the frame. Undefined when the atlas has no such country; a map
 * that would not show the country is an error naming it (never an empty frame).
 */
export function layoutLocatorMap(iso: string, atlas: Atlas): LocatorMap | undefined {
  const numeric = countryCodes.alpha2ToNumeric(iso);
  const country = numeric === undefined ? undefined : atlas.countries.get(numeric);
  if (country === undefined) return undefined;

  const view = locatorView(country.shape);
  const path = geoPath(view.projection).digits(1);
  const others = [...atlas.countries.values()].filter((other) => other !== country && inView(other, view));
  const area = path.area(view.focus);
  const centre = view.projection([...view.centre]);
  const map: LocatorMap = Object.freeze({
    width: WIDTH,
    height: HEIGHT,
    countryPath: path(country.shape) ?? '',
    landPath: others.map((other) => path(other.shape) ?? '').join(''),
    marker:
      area < MARKER_BELOW_AREA && centre !== null
        ? Object.freeze({ x: round(centre[0]), y: round(centre[1]) })
        : undefined,
    neighbourCodes: Object.freeze(country.neighbours.flatMap((id) => countryCodes.numericToAlpha2(id) ?? [])),
  });
  const problem = undrawable(map, path.bounds(view.focus));
  if (problem !== undefined) {
    throw new FactsheetsError(`the locator map of ${country.name} (${iso}) cannot be drawn: ${problem}`, {
      stage: 'plan',
      hint: 'This is a fault of factsheets, not of your files: please report it with the country code.',
    });
  }
  return map;
}

/** Why a laid-out map would not show its country, or undefined when it does. */
export function undrawable(map: LocatorMap, focusBounds: [[number, number], [number, number]]): string | undefined {
  if (map.countryPath === '') return 'the country falls outside the frame';
  if (/NaN|Infinity/.test(map.countryPath) || /NaN|Infinity/.test(map.landPath))
    return 'its outlines do not project to finite points';
  const [[x0, y0], [x1, y1]] = focusBounds;
  if (![x0, y0, x1, y1].every(Number.isFinite) || x1 < 0 || y1 < 0 || x0 > map.width || y0 > map.height)
    return 'the country falls outside the frame';
  if (
    map.marker !== undefined &&
    !(map.marker.x >= 0 && map.marker.x <= map.width && map.marker.y >= 0 && map.marker.y <= map.height)
  ) {
    return 'its marker falls outside the frame';
  }
  return undefined;
}

/** Countries whose bounds may reach into the view (Mercator), or every country (a centred view clips them itself). */
function inView(other: AtlasCountry, view: LocatorView): boolean {
  if (view.halfSpan === undefined) return true;
  const [[west, south], [east, north]] = other.bounds;
  const [lon, lat] = view.centre;
  const { lon: halfWidth, lat: halfHeight } = view.halfSpan;
  // Bounds that cross the antimeridian come back with west > east: treat them as overlapping.
  if (west > east) return north > lat - halfHeight && south < lat + halfHeight;
  return east > lon - halfWidth && west < lon + halfWidth && north > lat - halfHeight && south < lat + halfHeight;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
