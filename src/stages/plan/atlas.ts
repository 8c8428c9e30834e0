import { geoBounds } from 'd3-geo';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Country boundaries (Natural Earth via world-atlas), keyed by ISO 3166-1 numeric code. */
export interface Atlas {
  readonly countries: ReadonlyMap<string, AtlasCountry>;
}

export interface AtlasCountry {
  readonly numeric: string;
  readonly name: string;
  readonly shape: Feature<Geometry>;
  /** Numeric codes of the countries sharing a border with this one. */
  readonly neighbours: readonly string[];
  /** [[west, south], [east, north]] in degrees, computed once: every map tests every country against its view. */
  readonly bounds: [[number, number], [number, number]];
}

const require = createRequire(import.meta.url);

type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/**
 * Reads world-atlas once per build: who borders whom from the 1:50m boundaries (small borders,
 * such as Nigeria–Chad across Lake Chad, survive there), the shapes from the 1:110m ones where
 * they exist, which are plenty for a 46 mm locator map and some ten times cheaper to read and
 * draw; countries too small for 1:110m keep their 1:50m shape.
 */
export async function loadAtlas(): Promise<Atlas> {
  const [detailed, coarse] = await Promise.all([
    readTopology('countries-50m.json'),
    readTopology('countries-110m.json'),
  ]);
  const coarseShapes = new Map<string, Feature<Geometry>>();
  const coarseFeatures = (feature(coarse, coarse.objects.countries) as FeatureCollection<Geometry>).features;
  coarse.objects.countries.geometries.forEach((geometry, index) => {
    const shape = coarseFeatures[index];
    if (geometry.id !== undefined && shape !== undefined) coarseShapes.set(String(geometry.id), shape);
  });
  const geometries = detailed.objects.countries.geometries;
  const borders = neighbors(geometries as never);
  const countries = new Map<string, AtlasCountry>();
  geometries.forEach((geometry, index) => {
    const numeric = String(geometry.id ?? '');
    // world-atlas gives some territories their state's code (036: Australia, then Ashmore and
    // Cartier Is.): the state, listed first, keeps the code.
    if (numeric === '' || countries.has(numeric)) return;
    const shape = coarseShapes.get(numeric) ?? (feature(detailed, geometry as never) as Feature<Geometry>);
    countries.set(
      numeric,
      Object.freeze({
        numeric,
        name: (geometry.properties as { name?: string } | undefined)?.name ?? numeric,
        shape,
        neighbours: (borders[index] ?? [])
          .map((other) => String(geometries[other]?.id ?? ''))
          .filter((id) => id !== ''),
        bounds: geoBounds(shape),
      }),
    );
  });
  return { countries };
}

async function readTopology(file: string): Promise<CountriesTopology> {
  return JSON.parse(await readFile(require.resolve(`world-atlas/${file}`), 'utf8')) as CountriesTopology;
}
