import { geoCentroid, geoMercator, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import countryCodes from 'i18n-iso-countries';
import type { Atlas, AtlasCountry } from './atlas.js';

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

const WIDTH = 200;
const HEIGHT = 150;
/** The view spans at least this many degrees, so that a small country is shown in its region. */
const MIN_SPAN_DEGREES = 28;

/**
 * Lays out a locator map for an ISO 3166-1 alpha-2 code: the country and its neighbourhood,
 * projected (Mercator) and clipped to the frame. Undefined when the atlas has no such country.
 */
export function layoutLocatorMap(iso: string, atlas: Atlas): LocatorMap | undefined {
  const numeric = countryCodes.alpha2ToNumeric(iso);
  const country = numeric === undefined ? undefined : atlas.countries.get(numeric);
  if (country === undefined) return undefined;

  const [[west, south], [east, north]] = country.bounds;
  const [centreLon, centreLat] = geoCentroid(country.shape);
  const span = Math.max(MIN_SPAN_DEGREES, (east - west) * 2.6, (north - south) * 2.6 * (WIDTH / HEIGHT));
  const halfWidth = span / 2;
  const halfHeight = (span * HEIGHT) / WIDTH / 2;
  const frame: Feature<Geometry> = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiPoint', coordinates: [[centreLon - halfWidth, centreLat - halfHeight], [centreLon + halfWidth, centreLat + halfHeight]] },
  };
  const projection = geoMercator().fitExtent([[0, 0], [WIDTH, HEIGHT]], frame).clipExtent([[-2, -2], [WIDTH + 2, HEIGHT + 2]]);
  const path = geoPath(projection).digits(1);

  const inView = [...atlas.countries.values()].filter((other) => other !== country && overlaps(other.bounds, centreLon, centreLat, halfWidth, halfHeight));
  const area = path.area(country.shape);
  const centre = projection([centreLon, centreLat]);
  return Object.freeze({
    width: WIDTH,
    height: HEIGHT,
    countryPath: path(country.shape) ?? '',
    landPath: inView.map((other) => path(other.shape) ?? '').join(''),
    marker: area < 40 && centre !== null ? Object.freeze({ x: round(centre[0]), y: round(centre[1]) }) : undefined,
    neighbourCodes: Object.freeze(country.neighbours.flatMap((id) => countryCodes.numericToAlpha2(id) ?? [])),
  });
}

function overlaps(bounds: [[number, number], [number, number]], lon: number, lat: number, halfWidth: number, halfHeight: number): boolean {
  const [[west, south], [east, north]] = bounds;
  // Bounds that cross the antimeridian come back with west > east: treat them as overlapping.
  if (west > east) return north > lat - halfHeight && south < lat + halfHeight;
  return east > lon - halfWidth && west < lon + halfWidth && north > lat - halfHeight && south < lat + halfHeight;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
