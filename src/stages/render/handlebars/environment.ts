import Handlebars from 'handlebars';
import { FactsheetsError, type Stage } from '../../../errors.js';
import type { LoadedTemplates } from '../../load.js';
import type { SourceFile } from '../../../types.js';
import { assetHelper, cssStringHelper, formattingHelpers, HELPER_NAMES, HelperError } from './helpers.js';
import { cssMessageHelper, messageHelper } from './message-helpers.js';
import { MESSAGE_HELPERS } from '../../../messages/keys.js';
import { withoutFontDeclarations } from '../../../fonts/font-rules.js';
import { directionOf } from './languages/direction.js';
import { styleSheetError } from '../../validate/style-sheets.js';
import { fitDeclarationError } from './fit-declarations.js';
import { checkImagesDescribed } from './undescribed-images.js';

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

  for (const [, file] of templates.styles) {
    const error = styleSheetError(file);
    if (error !== undefined) throw error;
  }
  for (const [name, file] of templates.partials) {
    const compiled = compileChecked(layoutsEngine, file, { strict: true });
    checkImagesDescribed(file);
    layoutsEngine.registerPartial(name, ((context: unknown, options: unknown) =>
      runIn(file, 'render', () => compiled(context, options as RuntimeOptions))) as Handlebars.Template);
  }
  const layouts = new Map<string, { file: SourceFile; template: HandlebarsTemplateDelegate; styles: Handlebars.SafeString }>();
  for (const [name, file] of templates.layouts) {
    const fitError = fitDeclarationError(file, sheetsOf(name, templates).map((sheet) => sheet.text));
    if (fitError !== undefined) throw fitError;
    const template = compileChecked(layoutsEngine, file, { strict: true });
    checkImagesDescribed(file);
    layouts.set(name, {
      file,
      template,
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
      if (layout === undefined) {
        throw new FactsheetsError(`there is no layout "${name}"`, { stage: 'render', hint: 'Add it to templates/layouts/.' });
      }
      // The page's direction follows its language: `dir` for the html element, `rtl` for @page corners.
      const dir = directionOf(typeof view['lang'] === 'string' ? view['lang'] : 'en');
      return runIn(layout.file, 'render', () => layout.template({ ...view, fonts, styles: layout.styles, body, dir, rtl: dir === 'rtl' }, QUIET_PROTOTYPE_ACCESS));
    },
    renderProse(markdown, view, file) {
      const source: SourceFile = { displayPath: file, absolutePath: file, text: markdown };
      const template = compileChecked(proseEngine, source, proseOptions, 'markdown');
      return runIn(source, 'markdown', () => template(view, QUIET_PROTOTYPE_ACCESS));
    },
  };
}

/**
 * A layout's CSS: every shared sheet (a name that is no layout's, e.g. base.css), then the
 * layout's own `<layout>.css`, so that each layout can set its own @page. The fonts they
 * declare are a separate `fonts` value (see partials/head.hbs).
 */
export function stylesheetFor(layout: string, templates: LoadedTemplates): string {
  // Font declarations go into the fonts element, with their files inlined (fonts/embed.ts).
  return guardStyle(withoutFontDeclarations(sheetsOf(layout, templates).map((file) => file.text).join('\n')));
}

/** The style sheets a layout gets, in order: the shared ones, then its own. */
function sheetsOf(layout: string, templates: LoadedTemplates): SourceFile[] {
  const shared = [...templates.styles].filter(([name]) => name !== layout && !templates.layouts.has(name)).map(([, file]) => file);
  const own = templates.styles.get(layout);
  return [...shared, ...(own === undefined ? [] : [own])];
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
const QUIET_PROTOTYPE_ACCESS: RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

/**
 * Built-in helpers and hooks that reach the console or crash when called by name: `log`
 * writes to stdout or stderr, and calling the missing-helper hooks directly throws a TypeError.
 */
const FORBIDDEN_HELPERS: ReadonlySet<string> = new Set(['log', 'helperMissing', 'blockHelperMissing']);

/** Finds the first call of a forbidden helper in a parsed template, with its position. */
class ForbiddenHelperFinder extends Handlebars.Visitor {
  found: { name: string; line: number; column: number } | undefined;
  unquotedKey: { name: string; line: number; column: number } | undefined;

  override MustacheStatement(node: hbs.AST.MustacheStatement): void {
    this.check(node);
    super.MustacheStatement(node);
  }

  override BlockStatement(node: hbs.AST.BlockStatement): void {
    this.check(node);
    super.BlockStatement(node);
  }

  override SubExpression(node: hbs.AST.SubExpression): void {
    this.check(node);
    super.SubExpression(node);
  }

  private check(node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression): void {
    const path = node.path as Partial<hbs.AST.PathExpression>;
    // A message's key must be written out: the build finds the keys a language needs by reading the templates.
    if (this.unquotedKey === undefined && typeof path.original === 'string' && (MESSAGE_HELPERS as readonly string[]).includes(path.original) && node.params[0]?.type !== 'StringLiteral') {
      this.unquotedKey = { name: path.original, line: node.loc.start.line, column: node.loc.start.column + 1 };
    }
    if (this.found === undefined && typeof path.original === 'string' && FORBIDDEN_HELPERS.has(path.original)) {
      this.found = { name: path.original, line: node.loc.start.line, column: node.loc.start.column + 1 };
    }
  }
}

function forbiddenCalls(program: hbs.AST.Program): ForbiddenHelperFinder {
  const finder = new ForbiddenHelperFinder();
  finder.accept(program);
  return finder;
}

/** Parses eagerly so that a syntax error names its file and line, not the first caller. */
function compileChecked(
  engine: typeof Handlebars,
  file: SourceFile,
  options: CompileOptions,
  stage: Stage = 'render',
): HandlebarsTemplateDelegate {
  let program: hbs.AST.Program;
  try {
    program = engine.parse(file.text);
  } catch (error) {
    throw templateError(file, error, stage);
  }
  const { found: forbidden, unquotedKey } = forbiddenCalls(program);
  if (unquotedKey !== undefined) {
    throw new FactsheetsError(`the ${unquotedKey.name} helper needs its message key in quotes`, {
      stage, file: file.displayPath, line: unquotedKey.line, column: unquotedKey.column,
      hint: `Write the key itself, e.g. {{${unquotedKey.name} "one_pager.sources"}}: the build checks each language's messages against the keys the templates name.`,
    });
  }
  if (forbidden !== undefined) {
    throw new FactsheetsError(`the "${forbidden.name}" helper is not available`, {
      stage, file: file.displayPath, line: forbidden.line, column: forbidden.column,
      hint: `Remove it: templates and prose cannot write to the build's output. Helpers here: ${HELPER_NAMES.join(', ')}.`,
    });
  }
  return engine.compile(program, options);
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

const MISSING_FIELD_HINT = 'Check the spelling of the field; factsheets\' docs/writing.md lists the data each document sees.';

/** Turns Handlebars' three ways of failing into one positioned FactsheetsError. */
export function templateError(file: SourceFile, error: unknown, stage: Stage): FactsheetsError {
  if (error instanceof FactsheetsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const at = { stage, file: file.displayPath };

  if (error instanceof HelperError) {
    // Strict mode does not check helper arguments: name the undefined path the helper was given.
    const argument = error.location === undefined ? undefined : argumentAt(file.text, error.location.line, error.location.column);
    const undefinedPath = message.endsWith('got undefined') && argument !== undefined ? argument : undefined;
    return new FactsheetsError(undefinedPath === undefined ? message : `"${undefinedPath}" is not defined here (${message})`, {
      ...at,
      ...(error.location === undefined ? {} : { line: error.location.line, column: error.location.column + 1 }),
      hint: error.hint ?? (undefinedPath !== undefined
        ? MISSING_FIELD_HINT
        : message.startsWith('asset:')
          ? 'Put the image in templates/assets/ and name it by its path there, e.g. {{asset "logo.svg"}}.'
          : 'Pass one number to money, number and percent, and an ISO date to date, e.g. {{money funding.total}}.'),
      cause: error,
    });
  }
  const parse = /^Parse error on line (\d+):\n[^\n]*\n[^\n]*\n(.*)$/s.exec(message);
  if (parse) {
    return new FactsheetsError(`template syntax error: ${describeExpected(parse[2] ?? '')}`, {
      ...at, line: Number(parse[1]),
      hint: 'Check that every {{ has a matching }} and every {{#block}} its {{/block}}.',
      cause: error,
    });
  }
  const located = error as { lineNumber?: number; column?: number };
  const text = message.replace(/ - \d+:\d+$/, '');
  const missing = /^"([^"]+)" not defined in/.exec(text);
  const unknownHelper = /unknown helper (\S+)/.exec(text);
  // Handlebars names only the last segment ("total" for a misspelt "fundng.total"): show the whole path.
  const path = missing ? pathAt(file.text, located.lineNumber, located.column) ?? missing[1] : undefined;
  return new FactsheetsError(
    path !== undefined ? `"${path}" is not defined here` : unknownHelper ? `unknown helper "${unknownHelper[1]}"` : text,
    {
      ...at,
      ...(typeof located.lineNumber === 'number' ? { line: located.lineNumber } : {}),
      ...(typeof located.column === 'number' ? { column: located.column + 1 } : {}),
      hint: unknownHelper
        ? `Only these helpers are available here: ${HELPER_NAMES.join(', ')}.`
        : missing
          ? MISSING_FIELD_HINT
          : 'Check the template expression at this position.',
      cause: error,
    },
  );
}

/** The first argument of the `{{helper argument}}` expression starting at a 1-based line and 0-based column. */
function argumentAt(text: string, line: number, column: number): string | undefined {
  const rest = text.split('\n')[line - 1]?.slice(column) ?? '';
  const argument = /^\{\{~?\s*[\w-]+\s+([^\s}()]+)/.exec(rest)?.[1];
  return argument !== undefined && /^[\w@][\w.@/[\]-]*$/.test(argument) ? argument : undefined;
}

/** The path expression (`funding.total`) at a 1-based line and 0-based column, if one is there. */
function pathAt(text: string, line: number | undefined, column: number | undefined): string | undefined {
  if (line === undefined || column === undefined) return undefined;
  const rest = text.split('\n')[line - 1]?.slice(column) ?? '';
  return /^[\w@][\w.@/[\]-]*/.exec(rest)?.[0];
}

function describeExpected(detail: string): string {
  const got = /got '([^']+)'/.exec(detail)?.[1];
  if (got === 'EOF') return 'the template ends inside an unfinished {{ }} expression or block';
  if (got === 'INVALID') return 'a {{ }} expression is not closed or contains an unexpected character';
  return got === undefined ? detail : `unexpected ${got.toLowerCase().replace(/_/g, ' ')}`;
}
