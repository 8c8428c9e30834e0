import { declaredFonts, type BrandCoverage, type DeclaredFonts } from '../fonts/embed.js';
import type { LoadedTemplates } from '../model/sources.js';
import { hashParts, sha256 } from './manifest.js';
import type { Renderer, RenderSetup } from '../stages/render/renderer.js';
import type { MapMaker } from '../stages/plan.js';
import type { EmbeddedFonts } from '../browser/printer.js';
import { ValidationMemo } from '../stages/validate.js';

/**
 * What every build reads the same way: the embedded fonts, what they cover, the boundaries.
 * Loaded on first use and kept, so that watch mode's rebuilds pay for them once.
 */
export class BuildCache {
  /** Validation results by input text: in watch mode, a save revalidates only what it changed. */
  readonly validation = new ValidationMemo();

  private fonts:
    | { readonly key: string; readonly read: Promise<DeclaredFonts & { hash: string; embedded: EmbeddedFonts }> }
    | undefined;
  private maps: Promise<MapMaker> | undefined;
  private renderer: { readonly key: string; readonly pool: Promise<Renderer> } | undefined;

  /**
   * The fonts the templates' style sheets declare, inlined: their CSS's hash, and the reference
   * pages carry instead of it (see EmbeddedFonts). Read again only when a style sheet changes.
   */
  fontFaces(templates: LoadedTemplates): Promise<DeclaredFonts & { hash: string; embedded: EmbeddedFonts }> {
    const key = hashParts([...templates.styles].map(([name, file]) => [name, file.text] as const));
    if (this.fonts?.key !== key) {
      this.fonts = {
        key,
        read: declaredFonts(templates).then((fonts) => {
          const hash = sha256(fonts.css);
          return { ...fonts, hash, embedded: { reference: `/* factsheets embedded fonts ${hash} */`, css: fonts.css } };
        }),
      };
      // A failed read (a missing font file) is tried again on the next build.
      this.fonts.read.catch(() => {
        this.fonts = undefined;
      });
    }
    return this.fonts.read;
  }

  /** What the declared fonts can print (see fontFaces). */
  async brandCoverage(templates: LoadedTemplates): Promise<BrandCoverage> {
    return (await this.fontFaces(templates)).coverage;
  }

  /** Locator maps: the boundaries and the projection code load only when a map is drawn. */
  mapMaker(): Promise<MapMaker> {
    this.maps ??= (async () => {
      const [{ loadAtlas }, { layoutLocatorMap }] = await Promise.all([
        import('../stages/plan/atlas.js'),
        import('../stages/plan/locator-map.js'),
      ]);
      const atlas = await loadAtlas();
      return (iso: string) => layoutLocatorMap(iso, atlas);
    })();
    return this.maps;
  }

  /**
   * Render workers for these templates: kept from one build to the next while the templates,
   * fonts and content folder stay the same (watch mode), replaced when they change.
   */
  renderWorkers(setup: RenderSetup, deadlineMs: number): Promise<Renderer> {
    const key = rendererKey(setup, deadlineMs);
    if (this.renderer?.key !== key) {
      void this.renderer?.pool.then((pool) => pool.close());
      this.renderer = {
        key,
        pool: import('../stages/render/isolated.js').then(({ startRenderer }) => startRenderer(setup, deadlineMs)),
      };
    }
    return this.renderer.pool;
  }

  /** Ends what the cache keeps running (render workers). */
  async close(): Promise<void> {
    await this.renderer?.pool.then((pool) => pool.close());
    this.renderer = undefined;
  }
}

/**
 * What the render workers were started with: the same key, the same workers (watch mode keeps
 * them from one save to the next); any template file, message file included, starts new ones.
 */
export function rendererKey(setup: RenderSetup, deadlineMs: number): string {
  const { templates } = setup;
  return hashParts([
    ['setup', `${setup.fontsReference}\0${setup.contentDir}\0${deadlineMs}\0${JSON.stringify(setup.limits)}`],
    ...[...templates.layouts, ...templates.partials, ...templates.styles, ...templates.messages].map(
      ([name, file]) => [file.displayPath || name, file.text] as const,
    ),
    ...[...templates.assets].map(([name, asset]) => [`assets/${name}`, asset.bytes] as const),
  ]);
}
