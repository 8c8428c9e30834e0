import Handlebars from 'handlebars';
import { FactsheetsError, type Stage } from '../../../errors.js';
import type { SourceFile } from '../../../model/documents.js';
import { HELPER_NAMES } from './helpers.js';
import { MESSAGE_HELPERS } from '../../../messages/keys.js';
import { templateError, type ParserStop } from './template-errors.js';

/** A `{{> name}}` in a template: the partial it names (undefined: chosen while rendering), and where. */
export interface PartialUse {
  readonly name: string | undefined;
  /** A `{{#> name}}…{{/name}}` block prints its own content when the partial is missing. */
  readonly hasFallback: boolean;
  readonly line: number;
  readonly column: number;
}

/** A template read and checked before anything renders with it. */
export interface ParsedTemplate {
  readonly program: hbs.AST.Program;
  readonly partials: readonly PartialUse[];
  /** Partials the template defines itself (`{{#*inline "name"}}`). */
  readonly inline: readonly string[];
}

/**
 * Built-in helpers and hooks that reach the console or crash when called by name: `log`
 * writes to stdout or stderr, and calling the missing-helper hooks directly throws a TypeError.
 */
const FORBIDDEN_HELPERS: ReadonlySet<string> = new Set(['log', 'helperMissing', 'blockHelperMissing']);

/** Reads a parsed template: the first call of a forbidden helper or unquoted message key, the partials it uses and defines. */
class TemplateReader extends Handlebars.Visitor {
  found: { name: string; line: number; column: number } | undefined;
  unquotedKey: { name: string; line: number; column: number } | undefined;
  readonly partials: PartialUse[] = [];
  readonly inline: string[] = [];

  override PartialStatement(node: hbs.AST.PartialStatement): void {
    this.use(node, false);
    super.PartialStatement(node);
  }

  override PartialBlockStatement(node: hbs.AST.PartialBlockStatement): void {
    this.use(node, true);
    super.PartialBlockStatement(node);
  }

  override DecoratorBlock(node: hbs.AST.DecoratorBlock): void {
    const name = node.params[0];
    if ((node.path as Partial<hbs.AST.PathExpression>).original === 'inline' && name?.type === 'StringLiteral')
      this.inline.push((name as hbs.AST.StringLiteral).value);
    super.DecoratorBlock(node);
  }

  private use(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, hasFallback: boolean): void {
    const name = partialName(node.name as hbs.AST.Node);
    // @partial-block is the caller's own block, not a file.
    if (name?.startsWith('@') === true) return;
    this.partials.push({ name, hasFallback, line: node.loc.start.line, column: node.loc.start.column + 1 });
  }

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
    if (
      this.unquotedKey === undefined &&
      typeof path.original === 'string' &&
      (MESSAGE_HELPERS as readonly string[]).includes(path.original) &&
      node.params[0]?.type !== 'StringLiteral'
    ) {
      this.unquotedKey = { name: path.original, line: node.loc.start.line, column: node.loc.start.column + 1 };
    }
    if (this.found === undefined && typeof path.original === 'string' && FORBIDDEN_HELPERS.has(path.original)) {
      this.found = { name: path.original, line: node.loc.start.line, column: node.loc.start.column + 1 };
    }
  }
}

/** A partial's name as written (`{{> quote}}`, `{{> "quote"}}`); undefined when an expression chooses it. */
function partialName(node: hbs.AST.Node): string | undefined {
  if (node.type === 'PathExpression') return (node as hbs.AST.PathExpression).original;
  if (node.type === 'StringLiteral' || node.type === 'NumberLiteral')
    return String((node as hbs.AST.StringLiteral).value);
  return undefined;
}

function readProgram(program: hbs.AST.Program): TemplateReader {
  const reader = new TemplateReader();
  reader.accept(program);
  return reader;
}

/**
 * Parses a template and refuses what no render could survive, each at its file, line and
 * column: a syntax error, a forbidden helper, a message key that is not written out. Throws
 * a FactsheetsError.
 */
export function parseTemplate(file: SourceFile, stage: Stage = 'render'): ParsedTemplate {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(file.text);
  } catch (error) {
    // The lexer's last token is where the parser stopped: the error's column (its message has only the line).
    const stop = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: ParserStop } } }).Parser?.lexer?.yylloc;
    throw templateError(file, error, stage, stop);
  }
  const { found: forbidden, unquotedKey, partials, inline } = readProgram(program);
  if (unquotedKey !== undefined) {
    throw new FactsheetsError(`the ${unquotedKey.name} helper needs its message key in quotes`, {
      stage,
      file: file.displayPath,
      line: unquotedKey.line,
      column: unquotedKey.column,
      hint: `Write the key itself, e.g. {{${unquotedKey.name} "one_pager.sources"}}: the build checks each language's messages against the keys the templates name.`,
    });
  }
  if (forbidden !== undefined) {
    throw new FactsheetsError(`the "${forbidden.name}" helper is not available`, {
      stage,
      file: file.displayPath,
      line: forbidden.line,
      column: forbidden.column,
      hint: `Remove it: templates and prose cannot write to the build's output. Helpers here: ${HELPER_NAMES.join(', ')}.`,
    });
  }
  return { program, partials, inline };
}
