import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { TEMPLATES, tempDir } from './content.js';
import { DATASET_HEADER } from './sources.js';

/**
 * A small content folder and its templates as a model, for property tests: every edit a user
 * makes (prose, settings, dataset rows, images, briefs added, removed or renamed, message
 * files, templates, a breaking edit and its repair, --print, French editions, the order of a
 * factsheet's countries) is a change to the model, which `materialise` writes to disk.
 */
export interface Brief {
  readonly file: string;
  readonly name: string;
  readonly iso: string;
  readonly body: number;
  /** The body of its French edition (`<file>.fr.md`), or no French edition. */
  readonly fr: number | undefined;
}
export type Breakage = 'settings' | 'yaml' | 'iso' | 'template';

export interface Model {
  series: string;
  packTitle: string | undefined;
  factsheetCountries: string[];
  factsheetBody: number;
  /** The French factsheet's countries, in its order, or no French factsheet: then the French pack follows the English one's. */
  frenchFactsheet: string[] | undefined;
  briefs: Brief[];
  rows: { iso: string; year: number; amount: number }[];
  /** The shade of countries/photo.png, or no file. */
  image: number | undefined;
  messages: Record<'kind_brief' | 'key_figures', number>;
  templates: Record<'css' | 'partial', number>;
  print: boolean;
  broken: { readonly how: Breakage; readonly file: string } | undefined;
}

const POOL: readonly Omit<Brief, 'body' | 'fr'>[] = [
  { file: 'mali', name: 'Mali', iso: 'ML' },
  { file: 'niger', name: 'Niger', iso: 'NE' },
  { file: 'senegal', name: 'Senegal', iso: 'SN' },
  { file: 'ghana', name: 'Ghana', iso: 'GH' },
];
const ISO = POOL.map((brief) => brief.iso);
/** Bodies by number; some show the photo (from countries/, where it is). */
const BODIES = [
  'Narrative.',
  'A new narrative.',
  'With a photo.\n\n![A photo]({dir}photo.png)',
  'Two paragraphs.\n\nThe second.',
];

export function initialModel(): Model {
  return {
    series: 'Test programme',
    packTitle: undefined,
    factsheetCountries: ['ML', 'NE'],
    factsheetBody: 0,
    frenchFactsheet: undefined,
    // Both briefs in French too, and no French factsheet: the French pack follows the English factsheet's order.
    briefs: [{ ...POOL[0], body: 0, fr: 1 } as Brief, { ...POOL[1], body: 2, fr: 0 } as Brief],
    rows: [
      { iso: 'ML', year: 2016, amount: 100 },
      { iso: 'NE', year: 2016, amount: 200 },
      { iso: 'SN', year: 2017, amount: 50 },
    ],
    image: undefined,
    messages: { kind_brief: 0, key_figures: 0 },
    templates: { css: 0, partial: 0 },
    print: false,
    broken: undefined,
  };
}

/** One edit, as data (so that a counterexample reads as the edits that make it). */
export const editArbitrary = fc.oneof(
  fc.record({
    kind: fc.constant('prose' as const),
    target: fc.nat(4),
    body: fc.nat(BODIES.length - 1),
    french: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('series' as const),
    value: fc.constantFrom('Test programme', 'Another programme', ''),
  }),
  fc.record({ kind: fc.constant('packTitle' as const), value: fc.constantFrom(undefined, 'Pack one', 'Pack two') }),
  // In any order: reordering them reorders the factsheet's table and every pack that follows it.
  fc.record({ kind: fc.constant('countries' as const), list: fc.shuffledSubarray(ISO, { minLength: 1 }) }),
  fc.record({
    kind: fc.constant('frenchFactsheet' as const),
    list: fc.option(fc.shuffledSubarray(ISO, { minLength: 1 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('frenchBrief' as const),
    which: fc.nat(3),
    body: fc.option(fc.nat(BODIES.length - 1), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('row' as const),
    op: fc.constantFrom('change', 'add', 'remove'),
    index: fc.nat(9),
    iso: fc.constantFrom(...ISO),
    amount: fc.integer({ min: 1, max: 999 }),
  }),
  fc.record({ kind: fc.constant('image' as const), shade: fc.option(fc.nat(255), { nil: undefined }) }),
  fc.record({
    kind: fc.constantFrom('addBrief' as const, 'removeBrief' as const, 'renameBrief' as const),
    which: fc.nat(3),
  }),
  fc.record({
    kind: fc.constant('message' as const),
    key: fc.constantFrom('kind_brief' as const, 'key_figures' as const),
    n: fc.nat(2),
  }),
  fc.record({
    kind: fc.constant('template' as const),
    file: fc.constantFrom('css' as const, 'partial' as const),
    n: fc.nat(2),
  }),
  fc.record({
    kind: fc.constant('break' as const),
    how: fc.constantFrom<Breakage>('settings', 'yaml', 'iso', 'template'),
    which: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('repair' as const) }),
  fc.record({ kind: fc.constant('print' as const), on: fc.boolean() }),
);
export type Edit = typeof editArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Applies an edit to the model. Briefs being broken are left alone by the other edits (the repair puts them back). */
export function applyEdit(model: Model, edit: Edit): void {
  const editable = model.briefs.filter((brief) => brief.file !== model.broken?.file);
  const pick = <T>(list: readonly T[], index: number): T | undefined => list[index % Math.max(list.length, 1)];
  switch (edit.kind) {
    case 'prose': {
      const brief = edit.target === 0 ? undefined : pick(editable, edit.target - 1);
      if (brief === undefined) model.factsheetBody = edit.body;
      // A French edition's prose when it has one, else the English.
      else if (edit.french && brief.fr !== undefined)
        model.briefs = model.briefs.map((each) => (each === brief ? { ...each, fr: edit.body } : each));
      else model.briefs = model.briefs.map((each) => (each === brief ? { ...each, body: edit.body } : each));
      return;
    }
    case 'series':
      model.series = edit.value;
      return;
    case 'packTitle':
      model.packTitle = edit.value;
      return;
    case 'countries':
      model.factsheetCountries = [...edit.list];
      return;
    case 'frenchFactsheet':
      model.frenchFactsheet = edit.list === undefined ? undefined : [...edit.list];
      return;
    case 'frenchBrief': {
      const brief = pick(editable, edit.which);
      model.briefs = model.briefs.map((each) => (each === brief ? { ...each, fr: edit.body } : each));
      return;
    }
    case 'row': {
      const index = edit.index % Math.max(model.rows.length, 1);
      if (edit.op === 'add' || model.rows.length === 0)
        model.rows.push({ iso: edit.iso, year: 2018, amount: edit.amount });
      else if (edit.op === 'remove') model.rows.splice(index, 1);
      else model.rows[index] = { ...(model.rows[index] ?? { iso: edit.iso, year: 2018 }), amount: edit.amount };
      return;
    }
    case 'image':
      model.image = edit.shade;
      return;
    case 'addBrief': {
      const absent = POOL.filter((candidate) => !model.briefs.some((brief) => brief.iso === candidate.iso));
      const added = pick(absent, edit.which);
      if (added !== undefined) model.briefs.push({ ...added, body: 0, fr: undefined });
      return;
    }
    case 'removeBrief': {
      const removed = pick(editable, edit.which);
      model.briefs = model.briefs.filter((brief) => brief !== removed);
      return;
    }
    case 'renameBrief': {
      const renamed = pick(editable, edit.which);
      model.briefs = model.briefs.map((brief) =>
        brief === renamed
          ? { ...brief, file: brief.file.endsWith('-brief') ? brief.file.slice(0, -6) : `${brief.file}-brief` }
          : brief,
      );
      return;
    }
    case 'message':
      model.messages[edit.key] = edit.n;
      return;
    case 'template':
      model.templates[edit.file] = edit.n;
      return;
    case 'break': {
      if (model.broken !== undefined) return;
      const brief = pick(editable, edit.which);
      if (edit.how === 'yaml' || edit.how === 'iso') {
        if (brief !== undefined) model.broken = { how: edit.how, file: brief.file };
      } else {
        model.broken = { how: edit.how, file: '' };
      }
      return;
    }
    case 'repair':
      model.broken = undefined;
      return;
    case 'print':
      model.print = edit.on;
      return;
  }
}

/** The documents' outputs the model has (screen and print editions, and each language's pack). */
export function outputsOf(model: Model): Set<string> {
  const french = [
    ...(model.frenchFactsheet === undefined ? [] : ['fr/factsheet.pdf']),
    ...model.briefs.filter((brief) => brief.fr !== undefined).map((brief) => `fr/countries/${brief.file}.pdf`),
  ];
  const screen = ['factsheet.pdf', ...model.briefs.map((brief) => `countries/${brief.file}.pdf`), ...french];
  return new Set([
    ...screen,
    ...screen.map((output) => `print/${output}`),
    'briefing-pack.pdf',
    ...(french.length === 0 ? [] : ['fr/briefing-pack.pdf']),
  ]);
}

/** A content folder and templates to write models into. */
export async function modelFolders(): Promise<{ content: string; templates: string; originals: Map<string, string> }> {
  const content = await tempDir('factsheets-model-content-');
  const templates = await tempDir('factsheets-model-templates-');
  await cp(TEMPLATES, templates, { recursive: true });
  const originals = new Map<string, string>();
  for (const file of ['messages/en.yml', 'styles/one-pager.css', 'partials/key-figure.hbs'])
    originals.set(file, await readFile(join(templates, file), 'utf8'));
  return { content, templates, originals };
}

/** Writes the model's files; files of the content folder it does not have are removed. */
export async function materialise(model: Model, folders: Awaited<ReturnType<typeof modelFolders>>): Promise<void> {
  const { broken } = model;
  const files = new Map<string, string | Buffer>();
  files.set(
    'factsheets.yml',
    `${model.series === '' ? '' : `series: ${model.series}\n`}${model.packTitle === undefined ? '' : `pack_title: ${model.packTitle}\n`}${broken?.how === 'settings' ? 'footer_nte: typo\n' : ''}`,
  );
  files.set(
    'factsheet.md',
    `---\ntitle: Framework\ncountries: [${model.factsheetCountries.join(', ')}]\n---\n\n${body(model.factsheetBody, 'countries/')}\n`,
  );
  if (model.frenchFactsheet !== undefined)
    files.set(
      'factsheet.fr.md',
      `---\ntitle: Cadre\ncountries: [${model.frenchFactsheet.join(', ')}]\n---\n\n${body(model.factsheetBody, 'countries/')}\n`,
    );
  for (const brief of model.briefs) {
    const iso = broken?.how === 'iso' && broken.file === brief.file ? 'GX' : brief.iso;
    const name = broken?.how === 'yaml' && broken.file === brief.file ? `[${brief.name}` : brief.name;
    files.set(`countries/${brief.file}.md`, `---\nname: ${name}\niso: ${iso}\n---\n\n${body(brief.body, '')}\n`);
    if (brief.fr !== undefined)
      files.set(
        `countries/${brief.file}.fr.md`,
        `---\nname: ${brief.name} (fr)\niso: ${brief.iso}\n---\n\n${body(brief.fr, '')}\n`,
      );
  }
  files.set(
    'funding.csv',
    `${[DATASET_HEADER, ...model.rows.map((row) => `${row.iso},Fund,,,${row.year},${row.amount},paid,`)].join('\n')}\n`,
  );
  if (model.image !== undefined) files.set('countries/photo.png', png(model.image));
  for (const existing of await listFiles(folders.content))
    if (!files.has(existing)) await rm(join(folders.content, existing));
  for (const [path, data] of files) {
    await mkdir(dirname(join(folders.content, path)), { recursive: true });
    await writeFile(join(folders.content, path), data);
  }
  const original = (file: string): string => folders.originals.get(file) ?? '';
  const variant = (n: number): string => (n === 0 ? '' : ` v${n}`);
  await writeFile(
    join(folders.templates, 'messages/en.yml'),
    original('messages/en.yml')
      .replace('  kind_brief: Country brief\n', `  kind_brief: Country brief${variant(model.messages.kind_brief)}\n`)
      .replace('  key_figures: Key figures\n', `  key_figures: Key figures${variant(model.messages.key_figures)}\n`),
  );
  await writeFile(
    join(folders.templates, 'styles/one-pager.css'),
    `${original('styles/one-pager.css')}${model.templates.css === 0 ? '' : `\n/* variant ${model.templates.css} */\n`}`,
  );
  // The template breakage: key-figure, which only the factsheet's layout uses (its briefs are still built).
  await writeFile(
    join(folders.templates, 'partials/key-figure.hbs'),
    `${original('partials/key-figure.hbs')}${model.templates.partial === 0 ? '' : `{{!-- variant ${model.templates.partial} --}}`}${broken?.how === 'template' ? '{{#if}}' : ''}`,
  );
}

function body(index: number, dir: string): string {
  return (BODIES[index] ?? '').replace('{dir}', dir);
}

function png(shade: number): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(shade);
  return PNG.sync.write(image);
}

async function listFiles(root: string, folder = ''): Promise<string[]> {
  const entries = await readdir(join(root, folder), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? listFiles(root, join(folder, entry.name)) : Promise.resolve([join(folder, entry.name)]),
    ),
  );
  return nested.flat();
}
