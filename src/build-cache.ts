import { loadAtlas, type Atlas } from './stages/atlas.js';
import { brandCoverage, embeddedFontFaces, type BrandCoverage } from './stages/fonts.js';
import { sha256 } from './stages/manifest.js';

/**
 * What every build reads the same way: the embedded fonts, what they cover, the boundaries.
 * Loaded on first use and kept, so that watch mode's rebuilds pay for them once.
 */
export class BuildCache {
  private fonts: Promise<{ faces: string; hash: string }> | undefined;
  private coverage: Promise<BrandCoverage> | undefined;
  private atlas: Promise<Atlas> | undefined;

  fontFaces(): Promise<{ faces: string; hash: string }> {
    this.fonts ??= embeddedFontFaces().then((faces) => ({ faces, hash: sha256(faces) }));
    return this.fonts;
  }

  brandCoverage(): Promise<BrandCoverage> {
    this.coverage ??= brandCoverage();
    return this.coverage;
  }

  boundaries(): Promise<Atlas> {
    this.atlas ??= loadAtlas();
    return this.atlas;
  }
}
