import { isMap, isScalar, LineCounter, parseDocument, type Document as YamlDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { FactsheetsError } from '../../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../limits.js';
import type { Document, DocumentKind, FactsheetMeta, OnePagerMeta, SourceFile } from '../../types.js';
import { factsheetSchema, onePagerSchema } from './front-matter-schema.js';
import { splitFrontMatter } from './split-front-matter.js';

export type DocumentResult =
  | { readonly document: Document; readonly errors?: undefined }
  | { readonly document?: undefined; readonly errors: readonly FactsheetsError[] };

/** Lowercase words joined by dashes: safe as a file name and as an `--only` name. */
const DOCUMENT_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Turns one Markdown file into a Document: its name, its YAML front matter checked against
 * the kind's schema, and its body. Returns every problem found, each with a position.
 */
export function validateDocument(
  source: SourceFile,
  kind: DocumentKind,
  layoutNames: ReadonlySet<string>,
  limits: Limits = DEFAULT_LIMITS,
): DocumentResult {
  const file = source.displayPath;
  if (source.refused !== undefined) return { errors: [source.refused] };
  const name = (source.absolutePath.split(/[\\/]/).pop() ?? '').replace(/\.md$/, '');
  const errors: FactsheetsError[] = [];
  if (name.length > limits.documentNameChars) {
    // Checked first: a name this long would fail later as an unwritable file (ENAMETOOLONG).
    return { errors: [new FactsheetsError(`a document name may have at most ${limits.documentNameChars} characters; this one has ${name.length}`, {
      stage: 'validate', file,
      hint: 'Shorten the file name (the name of its PDF), or raise the documentNameChars limit.',
    })] };
  }
  if (!DOCUMENT_NAME.test(name)) {
    errors.push(new FactsheetsError(`"${name}" is not a usable document name`, {
      stage: 'validate', file,
      hint: 'Name the file in lowercase letters, digits and dashes, e.g. cote-d-ivoire.md.',
    }));
  }

  let split;
  try {
    split = splitFrontMatter(source.text, file);
  } catch (error) {
    if (error instanceof FactsheetsError) return { errors: [...errors, error] };
    throw error;
  }

  const lineCounter = new LineCounter();
  // Plain data only: the core schema has no custom tags, and yaml never runs code for a tag.
  const yaml = parseDocument(split.yaml, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + split.yamlFirstLine - 1, column: col };
  };
  for (const problem of [...yaml.errors, ...yaml.warnings]) {
    errors.push(new FactsheetsError(`the front matter is not valid YAML: ${firstLine(problem.message)}`, {
      stage: 'validate', file, ...at(problem.pos[0]),
      hint: 'Fix the YAML syntax: "key: value" pairs, consistent indentation, and quotes around values that contain ": " or start with a special character.',
    }));
  }
  if (errors.length > 0) return { errors };

  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    return { errors: [new FactsheetsError(`the front matter cannot be read: ${firstLine(String(error))}`, {
      stage: 'validate', file, line: split.yamlFirstLine, hint: 'Remove YAML aliases (*name) from the front matter.',
    })] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { errors: [new FactsheetsError('the front matter must be a set of "key: value" fields', {
      stage: 'validate', file, line: split.yamlFirstLine, hint: 'Write one "key: value" per line, e.g. title: Mali.',
    })] };
  }

  const position = (path: readonly PropertyKey[]): { line: number; column?: number } => {
    const node = nodeAt(yaml, path);
    return node?.range ? at(node.range[0]) : { line: 1, column: 1 };
  };
  for (const { path, length } of longTexts(data, limits.frontMatterValueChars)) {
    errors.push(new FactsheetsError(`field "${fieldName(path)}" may hold at most ${limits.frontMatterValueChars} characters; it has ${length}`, {
      stage: 'validate', file, ...position(path),
      hint: 'Shorten the value (long text belongs in the Markdown body), or raise the frontMatterValueChars limit.',
    }));
  }
  if (errors.length > 0) return { errors };

  const schema = kind === 'factsheet' ? factsheetSchema : onePagerSchema;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push(schemaError(file, issue, position(issue.path)));
    }
    return { errors };
  }

  const meta = toMeta(kind, parsed.data);
  for (const error of checkReferences(file, meta, layoutNames, position)) errors.push(error);
  if (errors.length > 0) return { errors };

  const keyLines: Record<string, number> = {};
  if (isMap(yaml.contents)) {
    for (const pair of yaml.contents.items) {
      if (isScalar(pair.key) && pair.key.range) keyLines[String(pair.key.value)] = at(pair.key.range[0]).line;
    }
  }
  return {
    document: Object.freeze({ name, source, meta, body: split.body, keyLines: Object.freeze(keyLines), data: Object.freeze(data as Record<string, unknown>) }),
  };
}

/** Every text value (and key) of the front matter longer than `max` characters, with its path. */
function longTexts(data: unknown, max: number): { path: PropertyKey[]; length: number }[] {
  const found: { path: PropertyKey[]; length: number }[] = [];
  // YAML aliases can make the data refer to itself (`key: &a [*a]`): each object is seen once.
  const seen = new WeakSet<object>();
  const visit = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return;
      seen.add(value);
    }
    if (typeof value === 'string') {
      if (value.length > max) found.push({ path, length: value.length });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key.length > max) found.push({ path: [...path, key.slice(0, 40)], length: key.length });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(data, []);
  return found;
}

/** `quotes[0].text`: a front-matter path as the writer sees it. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** Builds the typed metadata; extra keys stay in `Document.data` for custom templates. */
function toMeta(kind: DocumentKind, data: z.infer<typeof factsheetSchema> | z.infer<typeof onePagerSchema>): FactsheetMeta | OnePagerMeta {
  if (kind === 'factsheet') {
    const fact = data as z.infer<typeof factsheetSchema>;
    return Object.freeze({
      kind: 'factsheet',
      title: fact.title,
      ...(fact.subtitle === undefined ? {} : { subtitle: fact.subtitle }),
      ...(fact.date === undefined ? {} : { date: fact.date }),
      template: fact.template,
      figures: Object.freeze({ ...fact.figures }),
      keyFigures: fact.key_figures.map((entry) => Object.freeze({ figure: entry.figure, label: entry.label, format: entry.format })),
      quotes: fact.quotes.map((quote) => Object.freeze({
        text: quote.text, author: quote.author, ...(quote.role === undefined ? {} : { role: quote.role }),
      })),
      charts: fact.charts.map((chart) => Object.freeze({
        title: chart.title,
        bars: chart.bars.map((bar) => Object.freeze({ figure: bar.figure, label: bar.label })),
        shares: chart.shares,
      })),
      countries: Object.freeze([...fact.countries]),
      ...(fact.author === undefined ? {} : { author: fact.author }),
      keywords: Object.freeze([...fact.keywords]),
    });
  }
  const page = data as z.infer<typeof onePagerSchema>;
  return Object.freeze({
    kind: 'one-pager',
    name: page.name,
    iso: page.iso,
    ...(page.role === undefined ? {} : { role: page.role }),
    ...(page.summary === undefined ? {} : { summary: page.summary }),
    ...(page.date === undefined ? {} : { date: page.date }),
    template: page.template,
    ...(page.author === undefined ? {} : { author: page.author }),
    keywords: Object.freeze([...page.keywords]),
  });
}

function checkReferences(
  file: string,
  meta: FactsheetMeta | OnePagerMeta,
  layoutNames: ReadonlySet<string>,
  position: (path: readonly PropertyKey[]) => { line: number; column?: number },
): FactsheetsError[] {
  const errors: FactsheetsError[] = [];
  if (!layoutNames.has(meta.template)) {
    errors.push(new FactsheetsError(`field "template": there is no layout "${meta.template}"`, {
      stage: 'validate', file, ...position(['template']),
      hint: `Use one of: ${[...layoutNames].sort().join(', ')} (files in templates/layouts/).`,
    }));
  }
  if (meta.kind === 'factsheet') {
    const references = [
      ...meta.keyFigures.map((entry, index) => ({ figure: entry.figure, path: ['key_figures', index, 'figure'] })),
      ...meta.charts.flatMap((chart, index) => chart.bars.map((bar, barIndex) => ({ figure: bar.figure, path: ['charts', index, 'bars', barIndex, 'figure'] }))),
    ];
    for (const { figure, path } of references) {
      if (!(figure in meta.figures)) {
        const field = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('').slice(1);
        errors.push(new FactsheetsError(`field "${field}": there is no figure "${figure}"`, {
          stage: 'validate', file, ...position(path),
          hint: `Add "${figure}" under "figures", or use one of: ${Object.keys(meta.figures).join(', ') || '(none defined)'}.`,
        }));
      }
    }
  }
  return errors;
}

function schemaError(
  file: string,
  issue: z.core.$ZodIssue,
  where: { line: number; column?: number },
): FactsheetsError {
  const field = fieldName(issue.path);
  const missing = issue.message === 'is required';
  return new FactsheetsError(missing ? `missing required field "${field}"` : `field "${field}" ${issue.message}`, {
    stage: 'validate', file, ...where,
    hint: missing ? `Add "${field}: …" to the front matter.` : `Correct the value of "${field}" in the front matter.`,
  });
}

/** The YAML node at a path, or the closest existing ancestor (for a missing key). */
function nodeAt(yaml: YamlDocument, path: readonly PropertyKey[]): Node | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const node = yaml.getIn(path.slice(0, length) as unknown[], true);
    if (node !== undefined && typeof node === 'object' && node !== null && 'range' in node) return node as Node;
  }
  return undefined;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).trim();
}
