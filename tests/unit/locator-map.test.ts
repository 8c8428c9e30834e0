import countryCodes from 'i18n-iso-countries';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, type Atlas } from '../../src/stages/plan/atlas.js';
import { layoutLocatorMap, undrawable, type LocatorMap } from '../../src/stages/plan/locator-map.js';

/** Every point of an SVG path of M/L/Z commands; a path with anything else (NaN, Infinity) fails to parse. */
function pathPoints(path: string): [number, number][][] {
  expect(path).toMatch(/^(?:M-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?(?:L-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?)*Z?)*$/);
  return [...path.matchAll(/M[^M]*/g)].map(([ring]) =>
    [...ring.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map(
      (match) => [Number(match[1]), Number(match[2])] as [number, number],
    ),
  );
}

/** The area the rings enclose (shoelace), in square units of the frame. */
function ringsArea(rings: [number, number][][]): number {
  return rings.reduce(
    (total, ring) =>
      total +
      Math.abs(
        ring.reduce((sum, [x, y], index) => {
          const [nextX, nextY] = ring[(index + 1) % ring.length] ?? [x, y];
          return sum + (x * nextY - nextX * y);
        }, 0),
      ) /
        2,
    0,
  );
}

describe('layoutLocatorMap (world-atlas)', () => {
  let atlas: Atlas;
  const mapOf = (iso: string): LocatorMap => {
    const map = layoutLocatorMap(iso, atlas);
    if (map === undefined) throw new Error(`no map for ${iso}`);
    return map;
  };
  beforeAll(async () => {
    atlas = await loadAtlas();
  });

  it('draws every country of the atlas inside its frame, with finite outlines and the country visible', () => {
    const codes = [...atlas.countries.keys()].flatMap((numeric) => countryCodes.numericToAlpha2(numeric) ?? []);
    expect(codes.length).toBeGreaterThan(230);
    const problems: string[] = [];
    for (const iso of codes) {
      const map = mapOf(iso);
      const country = pathPoints(map.countryPath);
      const points = [...country.flat(), ...pathPoints(map.landPath).flat()];
      const outside = points.filter(([x, y]) => x < -2 || x > map.width + 2 || y < -2 || y > map.height + 2);
      const area = ringsArea(country);
      const marked =
        map.marker !== undefined &&
        map.marker.x >= 0 &&
        map.marker.x <= map.width &&
        map.marker.y >= 0 &&
        map.marker.y <= map.height;
      if (country.length === 0) problems.push(`${iso}: no outline`);
      else if (outside.length > 0) problems.push(`${iso}: ${outside.length} points outside the frame`);
      // Visible: an outline of some size, or a dot on it; never the whole frame (an inside-out shape).
      else if (!(area >= 40 || marked)) problems.push(`${iso}: too small to see (${area.toFixed(1)}) and no marker`);
      else if (area > map.width * map.height * 0.8) problems.push(`${iso}: fills the frame (${area.toFixed(0)})`);
    }
    expect(problems).toEqual([]);
  });

  it('draws the countries across the antimeridian, near the poles, very large and very small', () => {
    for (const iso of ['CL', 'KZ', 'NO', 'RU', 'GL', 'AQ', 'FJ', 'US', 'CA', 'KI', 'MV', 'NZ']) {
      const map = mapOf(iso);
      expect(map.countryPath.length, iso).toBeGreaterThan(20);
      expect(`${map.countryPath}${map.landPath}`, iso).not.toMatch(/NaN|Infinity/);
    }
    // Tiny islands get a dot at the middle of the frame.
    expect(mapOf('MV').marker).toEqual({ x: expect.closeTo(100, -1), y: expect.closeTo(75, -1) });
  });

  it('draws Australia as the continent, not the reef that shares its code in world-atlas', () => {
    const map = mapOf('AU');
    expect(ringsArea(pathPoints(map.countryPath))).toBeGreaterThan(1000);
    expect(map.marker).toBeUndefined();
  });

  it('draws the country and its neighbourhood, and knows its neighbours for the text alternative', () => {
    const map = mapOf('ML');
    expect([...map.neighbourCodes].sort()).toEqual(['BF', 'CI', 'DZ', 'GN', 'MR', 'NE', 'SN']);
    expect(map.countryPath).toMatch(/^M[\d.,-]+L/);
    expect(map.landPath.length).toBeGreaterThan(1000);
    expect(map.marker).toBeUndefined();
  });

  it('keeps the country inside the frame', () => {
    const map = mapOf('NG');
    const points = pathPoints(map.countryPath).flat();
    expect(points.length).toBeGreaterThan(20);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(map.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(map.height);
    }
  });

  it('marks an island state too small to see with a dot', () => {
    const map = mapOf('ST');
    expect(map.marker).toEqual({ x: expect.closeTo(100, 0), y: expect.closeTo(75, 0) });
    expect(map.neighbourCodes).toEqual([]);
  });

  it('gives no map for a code the atlas does not have', () => {
    expect(layoutLocatorMap('ZZ', atlas)).toBeUndefined();
  });

  it('says why a map would not show its country', () => {
    const drawn = mapOf('ML');
    const inside: [[number, number], [number, number]] = [
      [40, 40],
      [80, 80],
    ];
    expect(undrawable(drawn, inside)).toBeUndefined();
    expect(undrawable({ ...drawn, countryPath: 'MNaN,NaNLNaN,NaNZ' }, inside)).toBe(
      'its outlines do not project to finite points',
    );
    expect(undrawable({ ...drawn, countryPath: '' }, inside)).toBe('the country falls outside the frame');
    expect(
      undrawable(drawn, [
        [300, 300],
        [320, 320],
      ]),
    ).toBe('the country falls outside the frame');
    expect(undrawable({ ...drawn, marker: { x: Number.NaN, y: 3 } }, inside)).toBe(
      'its marker falls outside the frame',
    );
  });
});
