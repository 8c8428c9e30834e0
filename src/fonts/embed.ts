import { readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { isInside } from '../folders.js';
import { FactsheetsError } from '../errors.js';
import type { LoadedTemplates } from '../model/sources.js';
import { displayPath } from '../folders.js';
import { fontFacts, fontFormat, type FontFormat } from './font-file.js';
import { fontFaceRules, packageImports, rangeIncludes, type FontFaceRule } from './font-rules.js';

/** One declared face, read: what it draws (within its unicode-range) and its name in a PDF. */
export interface DeclaredFace {
  readonly family: string;
  readonly weight: string;
  readonly style: string;
  readonly postscriptName: string;
  readonly coverage: ReadonlySet<number>;
  /** The style sheet that declares it (`templates/styles/base.css`). */
  readonly declaredIn: string;
}

/** What the declared fonts can print: every code point some face has, and those every text family has. */
export interface BrandCoverage {
  readonly any: ReadonlySet<number>;
  readonly all: ReadonlySet<number>;
  /** The PostScript names a PDF of these templates may use. */
  readonly postscriptNames: readonly string[];
  /** Where fonts are declared, for hints: the templates' style sheets. */
  readonly declaredIn: readonly string[];
  readonly families: readonly string[];
}

export interface DeclaredFonts {
  /** `@font-face` rules with the font files inlined as data: URIs (the page's fonts element). */
  readonly css: string;
  readonly faces: readonly DeclaredFace[];
  readonly coverage: BrandCoverage;
}

/** A font larger than this is a mistake (a collection, an uncompressed CJK font) more likely than a brand face. */
const MAX_FONT_BYTES = 20 * 1024 * 1024;

const toolRequire = createRequire(import.meta.url);

/**
 * The fonts the templates' style sheets declare, read and inlined. A font referenced by URL
 * fails silently under setContent and Chromium falls back to a system font; inline data cannot
 * go missing, and the page needs no file access at all. Chromium embeds into a PDF only the
 * faces its text uses, so a script font costs a Latin document nothing.
 */
export async function declaredFonts(templates: LoadedTemplates): Promise<DeclaredFonts> {
  const rules: string[] = [];
  const faces: DeclaredFace[] = [];
  for (const [, sheet] of [...templates.styles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const templatesRoot = resolve(dirname(sheet.absolutePath), '..');
    const declared: { rule: FontFaceRule; base: string; root: string; line: number }[] = fontFaceRules(sheet.text).map(
      (rule) => ({ rule, base: dirname(sheet.absolutePath), root: templatesRoot, line: rule.line }),
    );
    for (const imported of packageImports(sheet.text)) {
      const file = resolvePackageCss(imported.specifier, templatesRoot, sheet.displayPath, imported.line);
      const css = await readFile(file, 'utf8');
      declared.push(
        ...fontFaceRules(css).map((rule) => ({ rule, base: dirname(file), root: dirname(file), line: imported.line })),
      );
    }
    for (const { rule, base, root, line } of declared) {
      const at = { stage: 'load' as const, file: sheet.displayPath, line };
      if (rule.family === '')
        throw new FactsheetsError('an @font-face rule has no font-family', {
          ...at,
          hint: "Name the family the style sheet uses it by, e.g. font-family: 'Brand Sans';",
        });
      const font = await readFontSource(rule, base, root, at);
      const facts = describeFont(font.bytes, rule, at);
      const inRange = rangeIncludes(rule.unicodeRange);
      faces.push({
        family: rule.family,
        weight: rule.weight,
        style: rule.style,
        postscriptName: facts.postscriptName,
        coverage: new Set([...facts.coverage].filter(inRange)),
        declaredIn: sheet.displayPath,
      });
      rules.push(inlinedRule(rule, font.bytes, font.format));
    }
  }
  return { css: rules.join('\n'), faces, coverage: coverageOf(faces) };
}

/** The union of every face; "every text family" leaves out families for one script (no Latin "a"). */
export function coverageOf(faces: readonly DeclaredFace[]): BrandCoverage {
  const byFamily = new Map<string, Set<number>>();
  for (const face of faces) {
    const family = byFamily.get(face.family) ?? new Set<number>();
    for (const code of face.coverage) family.add(code);
    byFamily.set(face.family, family);
  }
  const any = new Set(faces.flatMap((face) => [...face.coverage]));
  const text = [...byFamily.values()].filter((family) => family.has(0x61));
  const scripts = [...byFamily.values()].filter((family) => !family.has(0x61));
  const all = new Set(
    [...any].filter((code) => text.every((family) => family.has(code)) || scripts.some((family) => family.has(code))),
  );
  return {
    any,
    all,
    postscriptNames: [...new Set(faces.map((face) => face.postscriptName).filter((name) => name !== ''))].sort(),
    declaredIn: [...new Set(faces.map((face) => face.declaredIn))],
    families: [...byFamily.keys()],
  };
}

type At = { stage: 'load'; file: string; line: number };

/** `@fontsource/inter/400.css`, installed next to the templates (the project) or with the tool. */
function resolvePackageCss(specifier: string, templatesRoot: string, sheet: string, line: number): string {
  if (specifier.split('/').some((part) => part === '..' || part === '.')) {
    throw new FactsheetsError(
      `@import "${specifier}": a font package's file is named from the package, without . or .. in its path`,
      {
        stage: 'load',
        file: sheet,
        line,
        hint: "Write the package and the file, e.g. @import '@fontsource/inter/400.css';",
      },
    );
  }
  for (const from of [createRequire(join(templatesRoot, 'package.json')), toolRequire]) {
    try {
      return from.resolve(specifier);
    } catch {
      // not installed there: try the next place
    }
  }
  const name = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] ?? specifier);
  throw new FactsheetsError(`@import "${specifier}": the font package ${name} is not installed (or has no such file)`, {
    stage: 'load',
    file: sheet,
    line,
    hint: `Run npm install ${name} in the project folder, or correct the file name after ${name}/ (its CSS files name a weight and style, e.g. 400.css, 700-italic.css).`,
  });
}

async function readFontSource(
  rule: FontFaceRule,
  base: string,
  root: string,
  at: At,
): Promise<{ bytes: Buffer; format: FontFormat }> {
  const source = rule.sources.find((candidate) =>
    ['woff2', 'woff', 'truetype', 'opentype', undefined].includes(candidate.format),
  );
  if (source === undefined) {
    throw new FactsheetsError(`the @font-face rule for "${rule.family}" has no src url() of a font file`, {
      ...at,
      hint: "Point it at a woff2, woff, ttf or otf file kept with the templates: src: url('../fonts/brand.woff2');",
    });
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(source.url)) {
    throw new FactsheetsError(
      `the @font-face rule for "${rule.family}" points at ${source.url}, but pages fetch nothing`,
      {
        ...at,
        hint: `Keep the font file with the templates (e.g. templates/fonts/) and point at it by a relative path, or @import an installed font package's CSS.`,
      },
    );
  }
  const path = resolve(base, decodeURI(source.url.split(/[?#]/)[0] ?? ''));
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) {
    throw new FactsheetsError(
      `the @font-face rule for "${rule.family}" points at ${source.url}, which does not exist (${displayPath(path)})`,
      {
        ...at,
        hint: 'Put the font file there, or correct the url(): it is relative to the style sheet.',
      },
    );
  }
  if (!isInside(await realpath(root), real)) {
    throw new FactsheetsError(
      `the @font-face rule for "${rule.family}" points at ${source.url}, outside the templates folder`,
      {
        ...at,
        hint: 'Keep font files inside the templates folder (e.g. templates/fonts/): the build reads nothing else.',
      },
    );
  }
  const bytes = await readFile(real);
  const format = fontFormat(bytes);
  if (format === undefined || bytes.byteLength > MAX_FONT_BYTES) {
    throw new FactsheetsError(
      `the @font-face rule for "${rule.family}" points at ${source.url}, which is ${format === undefined ? 'not a font file' : `larger than ${MAX_FONT_BYTES / 1024 / 1024} MB`}`,
      {
        ...at,
        hint: 'Point it at a woff2, woff, ttf or otf file (one font, not a collection).',
      },
    );
  }
  return { bytes, format };
}

function describeFont(bytes: Buffer, rule: FontFaceRule, at: At): ReturnType<typeof fontFacts> {
  try {
    return fontFacts(bytes);
  } catch (error) {
    throw new FactsheetsError(
      `the font file of "${rule.family}" cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      {
        ...at,
        hint: 'Export the font again as woff2, woff, ttf or otf.',
        cause: error,
      },
    );
  }
}

const MIME: Readonly<Record<FontFormat, string>> = {
  woff2: 'font/woff2',
  woff: 'font/woff',
  truetype: 'font/ttf',
  opentype: 'font/otf',
};

function inlinedRule(rule: FontFaceRule, bytes: Buffer, format: FontFormat): string {
  return [
    '@font-face {',
    `  font-family: ${JSON.stringify(rule.family)};`,
    `  font-style: ${rule.style};`,
    `  font-weight: ${rule.weight};`,
    `  src: url(data:${MIME[format]};base64,${bytes.toString('base64')}) format('${format}');`,
    ...(rule.unicodeRange === undefined ? [] : [`  unicode-range: ${rule.unicodeRange};`]),
    '}',
  ].join('\n');
}
