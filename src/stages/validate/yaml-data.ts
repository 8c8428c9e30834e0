import { isMap, isScalar, LineCounter, parseDocument, type Document as YamlDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { FactsheetsError } from '../../errors.js';

/** Where a YAML value is: 1-based line, column when known. */
export type Where = { line: number; column?: number };

/** A YAML mapping read as plain data, with the positions of its values for error messages. */
export interface YamlData {
  readonly data: Record<string, unknown>;
  /** Where the value at a path is (or its closest existing ancestor, for a missing key). */
  readonly position: (path: readonly PropertyKey[]) => Where;
  /** Line of each top-level key. */
  readonly keyLines: Readonly<Record<string, number>>;
  /** Where each top-level key itself is written (not its value). */
  readonly keyPositions: ReadonlyMap<string, Where>;
}

export interface YamlSource {
  readonly file: string;
  /** The YAML text (front matter, or a whole settings file). */
  readonly text: string;
  /** The file line the text starts on. */
  readonly firstLine: number;
  /** How messages name the text: "the front matter", "the settings file". */
  readonly what: string;
}

/**
 * Parses YAML as plain data: the core schema has no custom tags, and yaml never runs code for
 * a tag. Every syntax problem comes back with its position; the top level must be a mapping.
 */
export function parseYamlData(source: YamlSource): YamlData | FactsheetsError[] {
  const { file, what } = source;
  const lineCounter = new LineCounter();
  const yaml = parseDocument(source.text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + source.firstLine - 1, column: col };
  };
  const errors = [...yaml.errors, ...yaml.warnings].map(
    (problem) =>
      new FactsheetsError(`${what} is not valid YAML: ${firstLine(problem.message)}`, {
        stage: 'validate',
        file,
        ...at(problem.pos[0]),
        hint: 'Fix the YAML syntax: "key: value" pairs, consistent indentation, and quotes around values that contain ": " or start with a special character.',
      }),
  );
  if (errors.length > 0) return errors;

  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    return [
      new FactsheetsError(`${what} cannot be read: ${firstLine(String(error))}`, {
        stage: 'validate',
        file,
        line: source.firstLine,
        hint: `Remove YAML aliases (*name) from ${what}.`,
      }),
    ];
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [
      new FactsheetsError(`${what} must be a set of "key: value" fields`, {
        stage: 'validate',
        file,
        line: source.firstLine,
        hint: 'Write one "key: value" per line, e.g. title: Mali.',
      }),
    ];
  }
  const keyLines: Record<string, number> = {};
  const keyPositions = new Map<string, Where>();
  if (isMap(yaml.contents)) {
    for (const pair of yaml.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const where = at(pair.key.range[0]);
      keyLines[String(pair.key.value)] = where.line;
      keyPositions.set(String(pair.key.value), where);
    }
  }
  const position = (path: readonly PropertyKey[]): Where => {
    const node = nodeAt(yaml, path);
    return node?.range ? at(node.range[0]) : { line: 1, column: 1 };
  };
  return { data: data as Record<string, unknown>, position, keyLines: Object.freeze(keyLines), keyPositions };
}

/** `quotes[0].text`: a YAML path as the writer sees it. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** One zod issue as an error at its value's position; `what` names where the field is written. */
export function schemaError(file: string, issue: z.core.$ZodIssue, where: Where, what: string): FactsheetsError {
  const field = fieldName(issue.path);
  const missing = issue.message === 'is required';
  return new FactsheetsError(missing ? `missing required field "${field}"` : `field "${field}" ${issue.message}`, {
    stage: 'validate',
    file,
    ...where,
    hint: missing ? `Add "${field}: …" to ${what}.` : `Correct the value of "${field}" in ${what}.`,
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
