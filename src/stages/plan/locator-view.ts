import {
  geoArea,
  geoAzimuthalEqualArea,
  geoBounds,
  geoCentroid,
  geoMercator,
  geoPath,
  type GeoProjection,
} from 'd3-geo';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';

export const WIDTH = 200;
export const HEIGHT = 150;
/** The view spans at least this many degrees, so that a small country is shown in its region. */
const MIN_SPAN_DEGREES = 28;
/** The view is this many times the country's extent: the country and its neighbourhood. */
const CONTEXT = 2.6;
/**
 * Parts of a country at least this share of its largest part's area frame the view: mainland
 * Norway without Svalbard, the United States without Alaska, but all three large parts of Indonesia.
 */
const FOCUS_SHARE = 1 / 3;
/** Mercator draws well only away from the poles: a view reaching past these latitudes is centred instead. */
const MERCATOR_MAX_LATITUDE = 72;
/** A centred view draws nothing farther than this from its centre (the far side of the globe). */
const CENTRED_CLIP_DEGREES = 120;

/** How a locator map projects the globe onto its frame, and which part of the country it frames. */
export interface LocatorView {
  readonly projection: GeoProjection;
  /** The parts of the country the view is fitted to. */
  readonly focus: Feature<Geometry>;
  /** Where the view's centre is, in degrees: neighbours are looked for around it. */
  readonly centre: readonly [number, number];
  /** Half the view's width and height in degrees (Mercator); undefined for a centred view. */
  readonly halfSpan: { readonly lon: number; readonly lat: number } | undefined;
}

/**
 * The view of a country: Mercator (conformal, familiar) when its view stays clear of the poles
 * and the antimeridian; else an azimuthal equal-area projection centred on the country, which
 * draws Russia, Fiji, Greenland or Antarctica without a seam or an infinite pole.
 */
export function locatorView(shape: Feature<Geometry>): LocatorView {
  const focus = focusOf(shape);
  return mercatorView(focus) ?? centredView(focus);
}

function mercatorView(focus: Feature<Geometry>): LocatorView | undefined {
  const [[west, south], [east, north]] = geoBounds(focus);
  // Bounds across the antimeridian come back with west > east.
  if (west > east) return undefined;
  const [lon, lat] = geoCentroid(focus);
  const span = Math.max(MIN_SPAN_DEGREES, (east - west) * CONTEXT, (north - south) * CONTEXT * (WIDTH / HEIGHT));
  const halfWidth = span / 2;
  const halfHeight = (span * HEIGHT) / WIDTH / 2;
  if (Math.abs(lat) + halfHeight > MERCATOR_MAX_LATITUDE || Math.abs(lon) + halfWidth > 180) return undefined;
  const frame: Feature<Geometry> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [lon - halfWidth, lat - halfHeight],
        [lon + halfWidth, lat + halfHeight],
      ],
    },
  };
  const projection = geoMercator()
    .fitExtent(
      [
        [0, 0],
        [WIDTH, HEIGHT],
      ],
      frame,
    )
    .clipExtent(CLIP_EXTENT);
  return { projection, focus, centre: [lon, lat], halfSpan: { lon: halfWidth, lat: halfHeight } };
}

function centredView(focus: Feature<Geometry>): LocatorView {
  const [lon, lat] = geoCentroid(focus);
  const unit = geoAzimuthalEqualArea().rotate([-lon, -lat]).clipAngle(CENTRED_CLIP_DEGREES).scale(1).translate([0, 0]);
  const [[x0, y0], [x1, y1]] = geoPath(unit).bounds(focus);
  // Scale 1 maps an angle (in radians) near the centre to as many units: the focus's reach from the centre.
  const reach = Math.max(Math.max(-x0, x1) / (WIDTH / 2), Math.max(-y0, y1) / (HEIGHT / 2), 1e-9);
  const scale = Math.min(1 / (reach * CONTEXT), WIDTH / ((MIN_SPAN_DEGREES * Math.PI) / 180));
  const projection = unit
    .scale(scale)
    .translate([WIDTH / 2, HEIGHT / 2])
    .clipExtent(CLIP_EXTENT);
  return { projection, focus, centre: [lon, lat], halfSpan: undefined };
}

const CLIP_EXTENT: [[number, number], [number, number]] = [
  [-2, -2],
  [WIDTH + 2, HEIGHT + 2],
];

/** The parts of a country that frame its view: its largest, and those nearly as large. */
function focusOf(shape: Feature<Geometry>): Feature<Geometry> {
  const { geometry } = shape;
  if (geometry.type !== 'MultiPolygon') return shape;
  const parts = geometry.coordinates.map((coordinates) => ({
    coordinates,
    area: geoArea({ type: 'Polygon', coordinates } satisfies Polygon),
  }));
  const largest = Math.max(...parts.map((part) => part.area));
  const kept = parts.filter((part) => part.area >= largest * FOCUS_SHARE).map((part) => part.coordinates);
  if (kept.length === parts.length) return shape;
  return {
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiPolygon', coordinates: kept } satisfies MultiPolygon,
  };
}
