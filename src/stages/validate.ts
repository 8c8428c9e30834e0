import { FactsheetsError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { BuildWarning, Dataset, Document, DocumentKind, SettingsValues, SourceFile } from '../model/documents.js';
import type { LoadedSources } from '../model/sources.js';
import { validateDataset, validateWorkbook } from './validate/dataset.js';
import { MissingLayoutError, validateDocument } from './validate/front-matter.js';
import { unreadLayoutSettings, untranslatedSettings, validateSettings } from './validate/settings.js';
import { PACK_NAME } from '../outputs/paths.js';
import { rowsWithoutDocument } from './validate/unused-rows.js';
import { documentClashes } from './validate/clashes.js';
import { unknownFields } from './validate/unknown-fields.js';
import { misreadText } from './validate/mojibake.js';
import { svgImageProblems, svgTextWarning } from './render/svg-image.js';
import { checkTemplateFiles, type TemplateFilesCheck } from './validate/template-files.js';
import type { LoadedTemplates } from '../model/sources.js';

export interface ValidationResult {
  readonly documents: readonly Document[];
  readonly dataset: Dataset;
  /** The project's settings (content/factsheets.yml); empty when it has none. */
  readonly settings: SettingsValues;
  /** Every problem of the build's inputs, in file order; the valid documents are still returned. */
  readonly errors: readonly FactsheetsError[];
  /** Worth a word, not wrong: settings words that editions in another language print as they are. */
  readonly warnings: readonly BuildWarning[];
  /** Names of documents that exist but failed validation, with their source file. */
  readonly failed: readonly { readonly name: string; readonly kind: DocumentKind; readonly source: SourceFile }[];
  /** Layouts a broken template file stops (its error is among the errors, once): their documents are among the failed. */
  readonly brokenLayouts: ReadonlyMap<string, FactsheetsError>;
}

/**
 * Validation results kept from one build to the next (watch mode), by input text: a save
 * revalidates only the file it changed. Results the latest build did not use are dropped.
 */
export class ValidationMemo {
  private documents = new Map<string, ReturnType<typeof validateDocument>>();
  private used = new Map<string, ReturnType<typeof validateDocument>>();
  private datasets = new Map<string, ReturnType<typeof validateDataset>>();
  private templateFiles: { readonly key: string; readonly check: TemplateFilesCheck } | undefined;

  document(
    file: SourceFile,
    kind: DocumentKind,
    layoutNames: ReadonlySet<string>,
    limits: Limits,
  ): ReturnType<typeof validateDocument> {
    if (file.refused !== undefined) return validateDocument(file, kind, layoutNames, limits);
    const key = [
      kind,
      [...layoutNames].sort().join(','),
      JSON.stringify(limits),
      file.absolutePath,
      file.displayPath,
      file.text,
    ].join('\0');
    const result = this.documents.get(key) ?? validateDocument(file, kind, layoutNames, limits);
    this.used.set(key, result);
    return result;
  }

  dataset(file: SourceFile, limits: Limits): ReturnType<typeof validateDataset> {
    if (file.refused !== undefined) return validateDataset(file, limits);
    const key = [JSON.stringify(limits), file.absolutePath, file.displayPath, file.text].join('\0');
    const result = this.datasets.get(key) ?? validateDataset(file, limits);
    this.datasets = new Map([[key, result]]);
    return result;
  }

  /** The template files' check, made again only when a layout, partial or style sheet changed. */
  templates(templates: LoadedTemplates): TemplateFilesCheck {
    const key = [...templates.layouts, ...templates.partials, ...templates.styles]
      .map(([name, file]) => `${name}\0${file.displayPath}\0${file.text}`)
      .join('\0\0');
    if (this.templateFiles?.key !== key) this.templateFiles = { key, check: checkTemplateFiles(templates) };
    return this.templateFiles.check;
  }

  /** The end of a build: keep what it used, forget the rest. */
  settle(): void {
    this.documents = this.used;
    this.used = new Map();
  }
}

/** Checks every input at once (collect, then fail): front matter of each document, the dataset. */
export function validateSources(sources: LoadedSources, memo?: ValidationMemo): ValidationResult {
  const layoutNames = new Set(sources.templates.layouts.keys());
  const { limits } = sources;
  let documents: Document[] = [];
  const errors: FactsheetsError[] = [];
  const failed: { name: string; kind: DocumentKind; source: SourceFile }[] = [];
  const seen = new Map<string, SourceFile>();
  const missingLayouts = new Map<string, MissingLayoutError[]>();

  const inputs: [SourceFile, DocumentKind][] = [
    ...sources.factsheets.map((file): [SourceFile, DocumentKind] => [file, 'factsheet']),
    ...sources.onePagers.map((file): [SourceFile, DocumentKind] => [file, 'one-pager']),
  ];
  for (const [file, kind] of inputs) {
    const name = (file.absolutePath.split(/[\\/]/).pop() ?? '').replace(/\.md$/, '');
    const result =
      memo === undefined
        ? validateDocument(file, kind, layoutNames, limits)
        : memo.document(file, kind, layoutNames, limits);
    if (name === PACK_NAME) {
      errors.push(
        new FactsheetsError(`"${name}" is reserved for the briefing pack`, {
          stage: 'validate',
          file: file.displayPath,
          document: name,
          hint: `Rename the file: ${PACK_NAME}.pdf is the pack of all documents.`,
        }),
      );
      failed.push({ name, kind, source: file });
      continue;
    }
    const clash = seen.get(name);
    if (clash !== undefined) {
      errors.push(
        new FactsheetsError(`another document is also named "${name}" (${clash.displayPath})`, {
          stage: 'validate',
          file: file.displayPath,
          document: name,
          hint: 'Document names must be unique across factsheets and countries: rename one of the files.',
        }),
      );
      failed.push({ name, kind, source: file });
      // Neither is built: which file "the" document is would be a guess, and their results would share one name.
      const first = documents.findIndex((document) => document.name === name);
      if (first >= 0)
        failed.push(
          ...documents
            .splice(first, 1)
            .map((document) => ({ name, kind: document.meta.kind, source: document.source })),
        );
      continue;
    }
    seen.set(name, file);
    if (result.document !== undefined) {
      documents.push(result.document);
    } else {
      for (const error of result.errors) {
        if (error instanceof MissingLayoutError)
          missingLayouts.set(error.layout, [...(missingLayouts.get(error.layout) ?? []), error]);
        else errors.push(new FactsheetsError(error.message, { ...error.fields(), document: name }));
      }
      failed.push({ name, kind, source: file });
    }
  }
  errors.push(...[...missingLayouts].map(([layout, uses]) => missingLayoutError(layout, uses, sources.templates)));
  // A broken template file is one error; the documents of the layouts it stops fail with it, the others are built.
  const templateFiles = memo === undefined ? checkTemplateFiles(sources.templates) : memo.templates(sources.templates);
  errors.push(...templateFiles.errors);
  const unprintable = documents.filter((document) => templateFiles.broken.has(document.meta.template));
  if (unprintable.length > 0) {
    failed.push(
      ...unprintable.map((document) => ({ name: document.name, kind: document.meta.kind, source: document.source })),
    );
    documents = documents.filter((document) => !templateFiles.broken.has(document.meta.template));
  }

  const settings = validateSettings(sources.settings);
  const datasetResult =
    sources.workbook !== undefined
      ? validateWorkbook(sources.workbook, settings.settings.datasetSheet, limits)
      : sources.dataset === undefined
        ? undefined
        : memo === undefined
          ? validateDataset(sources.dataset, limits)
          : memo.dataset(sources.dataset, limits);
  memo?.settle();
  if (datasetResult === undefined) {
    errors.push(
      new FactsheetsError('the content folder has no dataset (funding.csv or funding.xlsx)', {
        stage: 'load',
        file: 'funding.csv',
        hint: "Add the funding dataset as funding.csv or funding.xlsx next to the Markdown files (factsheets' docs/dataset.md lists its columns).",
      }),
    );
  } else {
    for (const error of datasetResult.errors) errors.push(error);
  }
  const dataset =
    datasetResult?.dataset ?? Object.freeze({ file: 'funding.csv', records: [], taintedCountries: new Set(['*']) });
  if (settings.errors.length === 0) {
    const clashes = documentClashes(documents, settings.settings);
    if (clashes.clashing.size > 0) {
      errors.push(...clashes.errors);
      failed.push(
        ...[...clashes.clashing].map((document) => ({
          name: document.name,
          kind: document.meta.kind,
          source: document.source,
        })),
      );
      documents = documents.filter((document) => !clashes.clashing.has(document));
    }
    const warnings = [
      ...untranslatedSettings(settings.settings, documents, sources.settings?.displayPath),
      ...unreadLayoutSettings(settings, sources.templates, sources.settings?.displayPath),
      ...[...sources.templates.assets.values()]
        .filter((asset) => asset.displayPath.toLowerCase().endsWith('.svg') && svgImageProblems(asset.bytes).hasText)
        .map((asset) => ({ message: svgTextWarning(), file: asset.displayPath })),
      ...unknownFields(documents, sources.templates),
      ...(datasetResult?.warnings ?? []),
      ...documents.flatMap((document) => misreadText(document.source, document.name)),
      // A brief that failed could be the one for the rows: they are counted once it is fixed.
      ...(failed.length === 0 ? rowsWithoutDocument(dataset, documents, settings.settings) : []),
    ];
    return {
      documents,
      dataset,
      settings: settings.settings,
      errors,
      warnings,
      failed,
      brokenLayouts: templateFiles.broken,
    };
  }
  // Every page prints settings: none is built with words its project did not choose.
  return {
    documents: [],
    dataset,
    settings: settings.settings,
    errors: [...settings.errors, ...errors],
    warnings: [],
    failed: [
      ...failed,
      ...documents.map((document) => ({ name: document.name, kind: document.meta.kind, source: document.source })),
    ],
    brokenLayouts: templateFiles.broken,
  };
}

/** One error for a kind's missing layout, at the file that should be there, whatever the number of documents it fails. */
function missingLayoutError(
  layout: string,
  uses: readonly MissingLayoutError[],
  templates: LoadedSources['templates'],
): FactsheetsError {
  const folder = templates.messagesFolder.replace(/[\\/]messages$/, '');
  const what = uses[0]?.kind === 'factsheet' ? 'factsheet' : 'country brief';
  const others = [...templates.layouts.keys()].filter((name) => name !== PACK_NAME).sort();
  return new FactsheetsError(
    `the layout "${layout}" is missing: every ${what} that names no other layout prints with it (${uses.length} ${uses.length === 1 ? 'document' : 'documents'} here)`,
    {
      stage: 'validate',
      file: `${folder}/layouts/${layout}.hbs`,
      hint: `Put ${layout}.hbs back in ${folder}/layouts/ (factsheets init DIR --templates writes the default one)${others.length === 0 ? '' : `, or name another layout in each document's front matter (template: ${others[0]})`}.`,
    },
  );
}
