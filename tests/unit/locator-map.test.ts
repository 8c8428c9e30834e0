import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, type Atlas } from '../../src/stages/plan/atlas.js';
import { layoutLocatorMap } from '../../src/stages/plan/locator-map.js';

describe('layoutLocatorMap (world-atlas 1:50m)', () => {
  let atlas: Atlas;
  beforeAll(async () => {
    atlas = await loadAtlas();
  });

  it('draws the country and its neighbourhood, and knows its neighbours for the text alternative', () => {
    const map = layoutLocatorMap('ML', atlas);
    expect(map).toBeDefined();
    expect([...(map?.neighbourCodes ?? [])].sort()).toEqual(['BF', 'CI', 'DZ', 'GN', 'MR', 'NE', 'SN']);
    expect(map?.countryPath).toMatch(/^M[\d.,-]+L/);
    expect(map?.landPath.length).toBeGreaterThan(1000);
    expect(map?.marker).toBeUndefined();
  });

  it('keeps the country inside the frame', () => {
    const map = layoutLocatorMap('NG', atlas);
    const numbers = (map?.countryPath.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    const xs = numbers.filter((_, index) => index % 2 === 0);
    const ys = numbers.filter((_, index) => index % 2 === 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(map?.width ?? 0);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(map?.height ?? 0);
  });

  it('marks an island state too small to see with a dot', () => {
    const map = layoutLocatorMap('ST', atlas);
    expect(map?.marker).toEqual({ x: expect.closeTo(100, 0), y: expect.closeTo(75, 0) });
    expect(map?.neighbourCodes).toEqual([]);
  });

  it('gives no map for a code the atlas does not have', () => {
    expect(layoutLocatorMap('ZZ', atlas)).toBeUndefined();
  });
});
