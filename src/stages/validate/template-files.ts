import { FactsheetsError } from '../../errors.js';
import type { SourceFile } from '../../model/documents.js';
import type { LoadedTemplates } from '../../model/sources.js';
import { layoutSheets, STYLE_SHEETS_ATTRIBUTE } from '../layout-sheets.js';
import { parseTemplate, type PartialUse } from '../render/handlebars/syntax.js';
import { fitDeclarationError } from '../render/handlebars/fit-declarations.js';
import { undescribedImageError } from '../render/handlebars/undescribed-images.js';
import { closestName } from './closest-name.js';
import { styleSheetError } from './style-sheets.js';

/** What the template files allow: one error per file that cannot be used, and which layouts cannot print. */
export interface TemplateFilesCheck {
  /** Each broken file's first problem (and each style sheet a layout names that is missing), once, in file order. */
  readonly errors: readonly FactsheetsError[];
  /** The layouts that cannot print, each with the error that stops it: its own, a partial's it uses or a style sheet's. */
  readonly broken: ReadonlyMap<string, FactsheetsError>;
  /**
   * The partials each layout can reach (through other partials too): what its documents are made
   * with. Every partial for a layout that calls one by a computed name, or reaches a file that
   * does not parse (what it calls is unknown).
   */
  readonly reached: ReadonlyMap<string, ReadonlySet<string>>;
}

const checked = new WeakMap<LoadedTemplates, TemplateFilesCheck>();

/**
 * Reads every style sheet, partial and layout before anything is printed. A broken file is
 * reported once, however many documents use it, and stops only the layouts that use it: its
 * own layout, every layout that calls a broken partial (directly or through another partial)
 * or names a broken style sheet. A broken file no layout uses stops nothing. Once per build.
 */
export function checkTemplateFiles(templates: LoadedTemplates): TemplateFilesCheck {
  const known = checked.get(templates);
  if (known !== undefined) return known;
  const errors: FactsheetsError[] = [];
  const sheetErrors = new Map<string, FactsheetsError>();
  for (const [name, file] of templates.styles) {
    const error = styleSheetError(file);
    if (error !== undefined) sheetErrors.set(name, error);
  }
  errors.push(...sheetErrors.values());

  // A partial's calls; undefined for one that does not parse (it may call anything).
  const uses = new Map<string, readonly PartialUse[] | undefined>();
  const partialErrors = new Map<string, FactsheetsError>();
  const read = [...templates.partials, ...templates.layouts].map(([name, file]) => ({
    name,
    file,
    parsed: readTemplate(file),
  }));
  const defined = new Set([
    ...templates.partials.keys(),
    ...read.flatMap(({ parsed }) => (parsed instanceof FactsheetsError ? [] : parsed.inline)),
  ]);
  const layoutErrors = new Map<string, FactsheetsError>();
  for (const [index, { name, file, parsed }] of read.entries()) {
    const isPartial = index < templates.partials.size;
    const error =
      parsed instanceof FactsheetsError
        ? parsed
        : (missingPartial(file, parsed.partials, defined) ??
          (isPartial ? undefined : layoutError(name, file, templates, sheetErrors)));
    if (isPartial) uses.set(name, parsed instanceof FactsheetsError ? undefined : parsed.partials);
    if (error === undefined) continue;
    errors.push(error);
    (isPartial ? partialErrors : layoutErrors).set(name, error);
  }

  const broken = new Map<string, FactsheetsError>();
  const reached = new Map<string, ReadonlySet<string>>();
  for (const { name, parsed } of read.slice(templates.partials.size)) {
    reached.set(
      name,
      parsed instanceof FactsheetsError
        ? new Set(templates.partials.keys())
        : partialsReachedFrom(parsed.partials, uses, templates),
    );
    const own = layoutErrors.get(name);
    const sheet =
      own ??
      layoutSheets(name, templates)
        .sheets.map(([sheetName]) => sheetErrors.get(sheetName))
        .find((error) => error !== undefined);
    const partial =
      sheet ??
      (parsed instanceof FactsheetsError
        ? undefined
        : [...(reached.get(name) ?? [])].map((partialName) => partialErrors.get(partialName)).find(Boolean));
    if (partial !== undefined) broken.set(name, partial);
  }
  const result = { errors, broken, reached };
  checked.set(templates, result);
  return result;
}

function readTemplate(file: SourceFile): ReturnType<typeof parseTemplate> | FactsheetsError {
  try {
    const parsed = parseTemplate(file);
    const image = undescribedImageError(file);
    return image ?? parsed;
  } catch (error) {
    if (error instanceof FactsheetsError) return error;
    throw error;
  }
}

/** A `{{> name}}` of a partial that does not exist (a `{{#> name}}` block prints its own content instead). */
function missingPartial(
  file: SourceFile,
  partials: readonly PartialUse[],
  defined: ReadonlySet<string>,
): FactsheetsError | undefined {
  const use = partials.find(
    (candidate) => candidate.name !== undefined && !candidate.hasFallback && !defined.has(candidate.name),
  );
  if (use?.name === undefined) return undefined;
  const near = closestName(use.name, [...defined]);
  return new FactsheetsError(
    `there is no partial "${use.name}"${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
    {
      stage: 'render',
      file: file.displayPath,
      line: use.line,
      column: use.column,
      hint:
        near === undefined
          ? `Add templates/partials/${use.name}.hbs, or remove the {{> ${use.name}}}.`
          : `Write {{> ${near}}}, the partial in templates/partials/.`,
    },
  );
}

/** A layout's own declarations: the style sheets it names, and its fit steps against those sheets (once they can be read). */
function layoutError(
  name: string,
  file: SourceFile,
  templates: LoadedTemplates,
  sheetErrors: ReadonlyMap<string, FactsheetsError>,
): FactsheetsError | undefined {
  const { sheets, missing, declaration } = layoutSheets(name, templates);
  if (declaration !== undefined && !declaration.literal) {
    return new FactsheetsError(
      `${STYLE_SHEETS_ATTRIBUTE} must name the style sheets as written: the build reads it before rendering`,
      {
        stage: 'render',
        file: file.displayPath,
        line: declaration.line,
        column: declaration.column,
        hint: `Write the file names of templates/styles/ themselves, e.g. ${STYLE_SHEETS_ATTRIBUTE}="base.css ${name}.css".`,
      },
    );
  }
  const absent = missing[0];
  if (absent !== undefined) {
    const styles = [...templates.styles.keys()].map((sheet) => `${sheet}.css`).sort();
    const near = closestName(absent.name, styles);
    const folder = templates.messagesFolder.replace(/messages$/, 'styles');
    return new FactsheetsError(
      `the style sheet "${absent.name}" that ${STYLE_SHEETS_ATTRIBUTE} names is not in ${folder}/${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
      {
        stage: 'render',
        file: file.displayPath,
        line: absent.line,
        column: absent.column,
        hint:
          near === undefined
            ? `Add ${folder}/${absent.name.replace(/(\.css)?$/i, '.css')}, or name one of: ${styles.join(', ') || 'none yet'}.`
            : `Write "${near}".`,
      },
    );
  }
  // A broken sheet's rules cannot be read: its own error says what to fix first.
  if (sheets.some(([sheet]) => sheetErrors.has(sheet))) return undefined;
  return fitDeclarationError(
    file,
    sheets.map(([, sheet]) => sheet.text),
  );
}

/**
 * The partials a template reaches through its calls, in the order it reaches them: every one when
 * a partial is chosen while rendering (a computed name) or a reached partial does not parse.
 */
function partialsReachedFrom(
  direct: readonly PartialUse[],
  uses: ReadonlyMap<string, readonly PartialUse[] | undefined>,
  templates: LoadedTemplates,
): ReadonlySet<string> {
  const seen = new Set<string>();
  const queue = [...direct];
  for (let use = queue.shift(); use !== undefined; use = queue.shift()) {
    // Every partial, after those reached so far (the order a broken one is looked for in).
    if (use.name === undefined) return new Set([...seen, ...templates.partials.keys()]);
    if (seen.has(use.name)) continue;
    seen.add(use.name);
    if (!uses.has(use.name)) continue; // an inline partial, or a missing one (reported above)
    const calls = uses.get(use.name);
    if (calls === undefined) return new Set([...seen, ...templates.partials.keys()]);
    queue.push(...calls);
  }
  return seen;
}
