import Handlebars from 'handlebars';
import { FactsheetsError, type Stage } from '../../../errors.js';
import type { LoadedTemplates } from '../../../model/sources.js';
import type { SourceFile } from '../../../model/documents.js';
import { assetHelper, cssStringHelper, formattingHelpers, HELPER_NAMES } from './helpers.js';
import { cssMessageHelper, messageHelper } from './message-helpers.js';
import { withoutFontDeclarations } from '../../../fonts/font-rules.js';
import { directionOf } from './languages/direction.js';
import { layoutSheets } from '../../layout-sheets.js';
import { checkTemplateFiles } from '../../validate/template-files.js';
import { parseTemplate } from './syntax.js';
import { templateError } from './template-errors.js';

/** Compiled layouts and the prose pass of one build. */
export interface TemplateEnvironment {
  /** Renders a layout with a view; `body` is the document's HTML fragment, inserted once. */
  renderLayout(layout: string, view: Readonly<Record<string, unknown>>, body: string): string;
  /** The figures-in-prose pass: Markdown in, Markdown with `{{money …}}` etc. filled in out. */
  renderProse(markdown: string, view: Readonly<Record<string, unknown>>, file: string): string;
}

/**
 * Security: every build gets a fresh Handlebars instance in strict mode with the default
 * runtime options, so prototype properties (`constructor`, `__proto__`) are never reachable.
 * Prose gets a second, isolated instance that knows only the formatting helpers and no
 * partials: a writer's Markdown can format figures, nothing else.
 */
export function createEnvironment(templates: LoadedTemplates, fontFaces: string): TemplateEnvironment {
  const layoutsEngine = Handlebars.create();
  const proseEngine = Handlebars.create();
  for (const engine of [layoutsEngine, proseEngine]) engine.registerHelper(formattingHelpers());
  layoutsEngine.registerHelper('asset', assetHelper(templates.assets));
  layoutsEngine.registerHelper('cssString', cssStringHelper);
  layoutsEngine.registerHelper('t', messageHelper(templates));
  layoutsEngine.registerHelper('cssMessage', cssMessageHelper(templates));

  // Every template file was checked (validation did the same): a broken one is left out, and only the layouts it breaks refuse to render.
  const check = checkTemplateFiles(templates);
  const brokenFiles = new Set(check.errors.map((error) => error.file));
  for (const [name, file] of templates.partials) {
    if (brokenFiles.has(file.displayPath)) continue;
    const compiled = compileChecked(layoutsEngine, file, { strict: true });
    layoutsEngine.registerPartial(name, ((context: unknown, options: unknown) =>
      runIn(file, 'render', () => compiled(context, options as RuntimeOptions))) as Handlebars.Template);
  }
  const layouts = new Map<
    string,
    { file: SourceFile; template: HandlebarsTemplateDelegate; styles: Handlebars.SafeString }
  >();
  for (const [name, file] of templates.layouts) {
    if (check.broken.has(name)) continue;
    layouts.set(name, {
      file,
      template: compileChecked(layoutsEngine, file, { strict: true }),
      styles: new Handlebars.SafeString(stylesheetFor(name, templates)),
    });
  }
  const fonts = new Handlebars.SafeString(guardStyle(fontFaces));
  const proseOptions = {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(HELPER_NAMES.map((name) => [name, true])),
  };

  return {
    renderLayout(name, view, body) {
      const layout = layouts.get(name);
      const broken = check.broken.get(name);
      // Validation keeps such a layout's documents from rendering: this is a safety net.
      if (broken !== undefined) throw broken;
      if (layout === undefined) {
        throw new FactsheetsError(`there is no layout "${name}"`, {
          stage: 'render',
          hint: 'Add it to templates/layouts/.',
        });
      }
      // The page's direction follows its language: `dir` for the html element, `rtl` for @page corners.
      const dir = directionOf(typeof view['lang'] === 'string' ? view['lang'] : 'en');
      return runIn(layout.file, 'render', () =>
        layout.template(
          { ...view, fonts, styles: layout.styles, body, dir, rtl: dir === 'rtl' },
          QUIET_PROTOTYPE_ACCESS,
        ),
      );
    },
    renderProse(markdown, view, file) {
      const source: SourceFile = { displayPath: file, absolutePath: file, text: markdown };
      const template = compileChecked(proseEngine, source, proseOptions, 'markdown');
      return runIn(source, 'markdown', () => template(view, QUIET_PROTOTYPE_ACCESS));
    },
  };
}

/**
 * A layout's CSS: the sheets it names (data-style-sheets), else every shared sheet (a name
 * that is no layout's, e.g. base.css) then its own `<layout>.css`, so that each layout can set
 * its own @page. The fonts they declare are a separate `fonts` value (see partials/head.hbs).
 */
export function stylesheetFor(layout: string, templates: LoadedTemplates): string {
  // Font declarations go into the fonts element, with their files inlined (fonts/embed.ts).
  return guardStyle(
    withoutFontDeclarations(
      layoutSheets(layout, templates)
        .sheets.map(([, file]) => file.text)
        .join('\n'),
    ),
  );
}

/** `</style` inside a style sheet would end the element early; nothing legitimate needs it. */
function guardStyle(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style');
}

type RuntimeOptions = Handlebars.RuntimeOptions;

/**
 * Prototype access stays denied; saying so explicitly also stops Handlebars from warning on
 * the console, an output channel that belongs to the build (`{{page.toString}}` would write there).
 */
const QUIET_PROTOTYPE_ACCESS: RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

/** Parses eagerly (see parseTemplate) so that a syntax error names its file and line, not the first caller. */
function compileChecked(
  engine: typeof Handlebars,
  file: SourceFile,
  options: CompileOptions,
  stage: Stage = 'render',
): HandlebarsTemplateDelegate {
  return engine.compile(parseTemplate(file, stage).program, options);
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

/** Runs a template, attributing any failure to the innermost template file it came from. */
function runIn<T>(file: SourceFile, stage: Stage, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw templateError(file, error, stage);
  }
}
