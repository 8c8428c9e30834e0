import type { z } from 'zod';
import { FactsheetsError } from '../../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../limits.js';
import type {
  Document,
  DocumentKind,
  FactsheetMeta,
  OnePagerMeta,
  SettingsValues,
  SourceFile,
} from '../../model/documents.js';
import { factsheetSchema, onePagerSchema } from './front-matter-schema.js';
import { type SplitDocument, splitFrontMatter } from './split-front-matter.js';
import { fieldName, parseYamlData, schemaError } from './yaml-data.js';
import { toSettingsValues } from './settings.js';

export type DocumentResult =
  | { readonly document: Document; readonly errors?: undefined }
  | { readonly document?: undefined; readonly errors: readonly FactsheetsError[] };

/** Lowercase words joined by dashes: safe as a file name and as an `--only` name. */
const DOCUMENT_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An edition's name: the document's, then its language (`mali.fr`, `mali.pt-br`). */
const EDITION_NAME = /^(.+)\.([a-z]{2,3}(?:-[a-z0-9]{2,8})*)$/;

/** A document's name split into the name its editions share and the language its file name gives. */
export function editionOf(name: string): { readonly baseName: string; readonly lang: string | undefined } {
  const edition = EDITION_NAME.exec(name);
  if (edition === null) return { baseName: name, lang: undefined };
  return { baseName: edition[1] ?? name, lang: canonicalTag(edition[2] ?? '') };
}

/** `pt-br` → `pt-BR`: the tag as BCP 47 writes it (file names are lowercase); the tag itself when ICU rejects it. */
function canonicalTag(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

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
    return {
      errors: [
        new FactsheetsError(
          `a document name may have at most ${limits.documentNameChars} characters; this one has ${name.length}`,
          {
            stage: 'validate',
            file,
            hint: 'Shorten the file name (the name of its PDF), or raise the documentNameChars limit.',
          },
        ),
      ],
    };
  }
  const edition = editionOf(name);
  if (!DOCUMENT_NAME.test(edition.baseName)) {
    errors.push(
      new FactsheetsError(`"${name}" is not a usable document name`, {
        stage: 'validate',
        file,
        hint: 'Name the file in lowercase letters, digits and dashes, e.g. cote-d-ivoire.md, and an edition in another language with its language after a dot, e.g. cote-d-ivoire.fr.md.',
      }),
    );
  }

  let split: SplitDocument;
  try {
    split = splitFrontMatter(source.text, file);
  } catch (error) {
    if (error instanceof FactsheetsError) return { errors: [...errors, error] };
    throw error;
  }

  const parsedYaml = parseYamlData({
    file,
    text: split.yaml,
    firstLine: split.yamlFirstLine,
    what: 'the front matter',
  });
  if (Array.isArray(parsedYaml)) return { errors: [...errors, ...parsedYaml] };
  const { data, position, keyLines } = parsedYaml;
  for (const { path, length } of longTexts(data, limits.frontMatterValueChars)) {
    errors.push(
      new FactsheetsError(
        `field "${fieldName(path)}" may hold at most ${limits.frontMatterValueChars} characters; it has ${length}`,
        {
          stage: 'validate',
          file,
          ...position(path),
          hint: 'Shorten the value (long text belongs in the Markdown body), or raise the frontMatterValueChars limit.',
        },
      ),
    );
  }
  if (errors.length > 0) return { errors };

  const schema = kind === 'factsheet' ? factsheetSchema : onePagerSchema;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push(schemaError(file, issue, position(issue.path), 'the front matter'));
    }
    return { errors };
  }

  const meta = toMeta(kind, parsed.data);
  const namesTemplate = typeof data === 'object' && data !== null && 'template' in data;
  for (const error of checkReferences(file, meta, layoutNames, position, namesTemplate)) errors.push(error);
  const lang = documentLanguage(edition.lang, parsed.data, file, position);
  if (lang instanceof FactsheetsError) errors.push(lang);
  if (errors.length > 0 || lang instanceof FactsheetsError) return { errors };

  return {
    document: Object.freeze({
      name,
      baseName: edition.baseName,
      lang,
      source,
      meta,
      body: split.body,
      keyLines,
      data: Object.freeze(data),
    }),
  };
}

/**
 * The language a document itself says it is in: its file name's (`mali.fr.md`), else its
 * front matter's `lang` (or `language`, the setting); undefined leaves it to the project's
 * settings. Two that disagree are an error: the file would be written under one language and
 * printed in another.
 */
function documentLanguage(
  fromName: string | undefined,
  data: { readonly lang?: string | undefined; readonly language?: string | undefined },
  file: string,
  position: (path: readonly PropertyKey[]) => { line: number; column?: number },
): string | undefined | FactsheetsError {
  const stated = [
    ...(data.lang === undefined ? [] : [{ field: 'lang', tag: canonicalTag(data.lang) }]),
    ...(data.language === undefined ? [] : [{ field: 'language', tag: canonicalTag(data.language) }]),
  ];
  const first = stated[0];
  for (const { field, tag } of stated) {
    const other = fromName ?? first?.tag;
    if (other !== undefined && other.toLowerCase() !== tag.toLowerCase()) {
      return new FactsheetsError(
        `"${field}: ${tag}" disagrees with ${fromName === undefined ? `"${first?.field}: ${other}"` : `the file name, which makes this the "${fromName}" edition`}`,
        {
          stage: 'validate',
          file,
          ...position([field]),
          hint:
            fromName === undefined
              ? `Keep one of the two fields.`
              : `Rename the file to end in .${tag.toLowerCase()}.md, or set ${field} to ${fromName} (or remove it).`,
        },
      );
    }
  }
  return fromName ?? first?.tag;
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
      for (const [index, item] of value.entries()) visit(item, [...path, index]);
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

/** Builds the typed metadata; extra keys stay in `Document.data` for custom templates. */
function toMeta(
  kind: DocumentKind,
  data: z.infer<typeof factsheetSchema> | z.infer<typeof onePagerSchema>,
): FactsheetMeta | OnePagerMeta {
  if (kind === 'factsheet') {
    const fact = data as z.infer<typeof factsheetSchema>;
    return Object.freeze({
      kind: 'factsheet',
      title: fact.title,
      ...(fact.subtitle === undefined ? {} : { subtitle: fact.subtitle }),
      ...(fact.date === undefined ? {} : { date: fact.date }),
      template: fact.template,
      figures: Object.freeze({ ...fact.figures }),
      keyFigures: fact.key_figures.map((entry) =>
        Object.freeze({ figure: entry.figure, label: entry.label, format: entry.format }),
      ),
      quotes: fact.quotes.map((quote) =>
        Object.freeze({
          text: quote.text,
          author: quote.author,
          ...(quote.role === undefined ? {} : { role: quote.role }),
        }),
      ),
      charts: fact.charts.map((chart) =>
        Object.freeze({
          title: chart.title,
          bars: chart.bars.map((bar) => Object.freeze({ figure: bar.figure, label: bar.label })),
          shares: chart.shares,
        }),
      ),
      countries: Object.freeze([...fact.countries]),
      ...(fact.page_budget === undefined ? {} : { pageBudget: fact.page_budget }),
      ...(fact.author === undefined ? {} : { author: fact.author }),
      keywords: Object.freeze([...fact.keywords]),
      ...withOverrides(fact),
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
    ...withOverrides(page),
  });
}

/** The settings a document's front matter overrides, when it overrides any. */
function withOverrides(data: Parameters<typeof toSettingsValues>[0]): { overrides?: SettingsValues } {
  const overrides = toSettingsValues(data);
  return Object.keys(overrides).length === 0 ? {} : { overrides };
}

/** A document that names no layout, whose kind's layout (`one-pager.hbs`) the templates lack. */
export class MissingLayoutError extends FactsheetsError {
  constructor(
    readonly layout: string,
    readonly kind: DocumentKind,
    file: string,
  ) {
    super(`there is no layout "${layout}"`, { stage: 'validate', file });
  }
}

function checkReferences(
  file: string,
  meta: FactsheetMeta | OnePagerMeta,
  layoutNames: ReadonlySet<string>,
  position: (path: readonly PropertyKey[]) => { line: number; column?: number },
  namesTemplate: boolean,
): FactsheetsError[] {
  const errors: FactsheetsError[] = [];
  if (!layoutNames.has(meta.template) && !namesTemplate) {
    // The kind's own layout is gone: the templates' problem, reported once for all its documents.
    errors.push(new MissingLayoutError(meta.template, meta.kind, file));
  } else if (!layoutNames.has(meta.template)) {
    errors.push(
      new FactsheetsError(`field "template": there is no layout "${meta.template}"`, {
        stage: 'validate',
        file,
        ...position(['template']),
        hint: `Use one of: ${[...layoutNames].sort().join(', ')} (files in templates/layouts/).`,
      }),
    );
  }
  if (meta.kind === 'factsheet') {
    const references = [
      ...meta.keyFigures.map((entry, index) => ({ figure: entry.figure, path: ['key_figures', index, 'figure'] })),
      ...meta.charts.flatMap((chart, index) =>
        chart.bars.map((bar, barIndex) => ({
          figure: bar.figure,
          path: ['charts', index, 'bars', barIndex, 'figure'],
        })),
      ),
    ];
    for (const { figure, path } of references) {
      if (!(figure in meta.figures)) {
        const field = path
          .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
          .join('')
          .slice(1);
        errors.push(
          new FactsheetsError(`field "${field}": there is no figure "${figure}"`, {
            stage: 'validate',
            file,
            ...position(path),
            hint: `Add "${figure}" under "figures", or use one of: ${Object.keys(meta.figures).join(', ') || '(none defined)'}.`,
          }),
        );
      }
    }
  }
  return errors;
}
