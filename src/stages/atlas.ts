import { geoBounds } from 'd3-geo';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Country boundaries (Natural Earth 1:50m via world-atlas), keyed by ISO 3166-1 numeric code. */
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

/** Reads world-atlas once per build (about 50 ms): boundaries and who borders whom. */
export async function loadAtlas(): Promise<Atlas> {
  const topology = JSON.parse(await readFile(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const geometries = topology.objects.countries.geometries;
  const shapes = (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>).features;
  const borders = neighbors(geometries as never);
  const countries = new Map<string, AtlasCountry>();
  geometries.forEach((geometry, index) => {
    const numeric = String(geometry.id ?? '');
    const shape = shapes[index];
    if (numeric === '' || shape === undefined) return;
    countries.set(numeric, Object.freeze({
      numeric,
      name: (geometry.properties as { name?: string } | undefined)?.name ?? numeric,
      shape,
      neighbours: (borders[index] ?? []).map((other) => String(geometries[other]?.id ?? '')).filter((id) => id !== ''),
      bounds: geoBounds(shape),
    }));
  });
  return { countries };
}
