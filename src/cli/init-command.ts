import { copyFile, lstat, mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { BUNDLED_STARTER, BUNDLED_TEMPLATES } from '../config.js';
import { escapeForMessage, FactsheetsError, formatError } from '../errors.js';
import { checkFolders, ConfinedFileError, type ConfinedFolder } from '../stages/confined-files.js';
import { checkPlace } from './init-place.js';
import { SETTINGS_FILE } from '../stages/validate/settings.js';
import { displayPath } from '../folders.js';
import { EXIT, UsageError } from './exit.js';
import { parseFlags, readCommandLine } from './command-line.js';
import { COMMAND_FLAGS } from './flags.js';
import { commandUsage } from './usage.js';

export const INIT_USAGE = commandUsage('init', {
  about: `Writes a small, working content folder into DIR (default: content): a factsheet, two country
briefs, a funding dataset and a settings file, each field explained in comments. The
programme and its figures are fictional sample data, to be replaced with your own.`,
  footer: 'Existing files are never overwritten: init stops, naming them, before it writes anything.',
});

/** One file to copy: from the bundled folder, to its place under the target. */
interface Copy {
  readonly from: string;
  readonly to: string;
}

/** `factsheets init [DIR] [--templates]`: a starter project, never over existing files. */
export async function runInitCommand(argv: readonly string[]): Promise<number> {
  const command = readCommandLine(argv, parseCommandLine, INIT_USAGE);
  if (typeof command === 'number') return command;
  const { target, withTemplates } = command;

  // Refused at once: a place that is not a folder that can hold one (a file, /proc, a missing drive).
  const place = await checkPlace(resolve(target));
  if (place !== undefined) {
    process.stderr.write(
      `${formatError(new FactsheetsError(place, { stage: 'cli', file: shownPath(target), hint: 'Choose a folder on a disk you can write to, e.g. factsheets init my-programme.' }))}\n`,
    );
    return EXIT.failed;
  }
  // An existing project (its settings file is there) takes only the templates: its content stays as it is.
  const templatesOnly =
    withTemplates &&
    (await lstat(join(target, SETTINGS_FILE)).then(
      () => true,
      () => false,
    ));
  if (templatesOnly) return addTemplates(target);
  const copies = [
    ...(await filesUnder(BUNDLED_STARTER)).map((path) => ({
      from: join(BUNDLED_STARTER, path),
      to: join(target, path),
    })),
    ...(withTemplates
      ? (await filesUnder(BUNDLED_TEMPLATES)).map((path) => ({
          from: join(BUNDLED_TEMPLATES, path),
          to: join(target, 'templates', path),
        }))
      : []),
  ];
  const existing = await existingTargets(copies);
  if (existing.length > 0) {
    const shown = existing.slice(0, 5).join(', ');
    const more = existing.length > 5 ? ` and ${existing.length - 5} more` : '';
    process.stderr.write(
      `${formatError(
        new FactsheetsError(
          `init would overwrite ${existing.length === 1 ? 'a file that exists' : 'files that exist'}: ${shown}${more}`,
          {
            stage: 'cli',
            file: shownPath(target),
            hint: 'Choose a new folder (factsheets init my-programme), or move these files away first; nothing was written.',
          },
        ),
      )}\n`,
    );
    return EXIT.failed;
  }
  const failed = await writeCopies(target, copies, 'the new project');
  if (failed !== undefined) return failed;
  // The command builds the new project into its own output folder, never the current one's.
  const templatesOption = withTemplates ? ` --templates ${shellWord(shownPath(join(target, 'templates')))}` : '';
  process.stdout.write(
    `wrote ${copies.length} files into ${escapeForMessage(shownPath(target))}${withTemplates ? ' (templates in its templates/ folder)' : ''}\n` +
      `next: npm run factsheets -- build --content ${shellWord(shownPath(target))}${templatesOption} --out ${shellWord(shownPath(join(target, 'output')))}\n`,
  );
  return EXIT.ok;
}

/**
 * `init DIR --templates` in an existing project: the bundled templates (layouts, partials,
 * styles, messages) into DIR/templates, the content left byte for byte. Any template file
 * already there stops it, named, before anything is written.
 */
async function addTemplates(target: string): Promise<number> {
  const templates = join(target, 'templates');
  const copies = (await filesUnder(BUNDLED_TEMPLATES)).map((path) => ({
    from: join(BUNDLED_TEMPLATES, path),
    to: join(templates, path),
  }));
  const existing = await existingTargets(copies);
  if (existing[0] !== undefined) {
    const more =
      existing.length > 1
        ? ` (and ${existing.length - 1} more template ${existing.length === 2 ? 'file' : 'files'})`
        : '';
    process.stderr.write(
      `${formatError(
        new FactsheetsError(`init --templates would overwrite a template file that exists: ${existing[0]}${more}`, {
          stage: 'cli',
          file: shownPath(target),
          hint: 'The project already has its own templates; move its templates/ folder away to take the bundled ones again. Nothing was written.',
        }),
      )}\n`,
    );
    return EXIT.failed;
  }
  const failed = await writeCopies(target, copies, 'the project');
  if (failed !== undefined) return failed;
  // A build of DIR finds DIR/templates by itself (config.ts), with or without --templates.
  process.stdout.write(
    `added ${copies.length} template files into ${escapeForMessage(shownPath(templates))}; the content was left as it was\n` +
      `every build of ${escapeForMessage(shownPath(target))} uses them from now on, with or without --templates\n` +
      `next: npm run factsheets -- build --content ${shellWord(shownPath(target))} --out ${shellWord(shownPath(join(target, 'output')))}\n`,
  );
  return EXIT.ok;
}

/** Copies the files, never over one (nor through a linked folder); an exit status when it could not. */
async function writeCopies(target: string, copies: readonly Copy[], name: string): Promise<number | undefined> {
  // Only into the project: no folder on the way may be a link (it could lead anywhere).
  const project: ConfinedFolder = { root: target, name, stage: 'cli' };
  try {
    await mkdir(target, { recursive: true });
    for (const copy of copies) {
      await checkFolders(project, resolve(copy.to), 'write');
      // COPYFILE_EXCL: a file (or a link) that appeared since the check is still never overwritten.
      await copyFile(copy.from, copy.to, 1);
    }
  } catch (error) {
    if (error instanceof ConfinedFileError) {
      process.stderr.write(`${formatError(error)}\n`);
      return EXIT.failed;
    }
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
    process.stderr.write(
      `${formatError(
        new FactsheetsError(`init could not write into this folder (${code})`, {
          stage: 'cli',
          file: shownPath(target),
          hint: 'Check that the folder can be written to.',
        }),
      )}\n`,
    );
    return EXIT.failed;
  }
  return undefined;
}

function parseCommandLine(argv: readonly string[]): { target: string; withTemplates: boolean } | 'help' {
  const parsed = parseFlags(argv, COMMAND_FLAGS.init, ([, ...folders]) => {
    if (folders.length > 1)
      throw new UsageError(`init takes one folder, got ${folders.length}: ${escapeForMessage(folders.join(' '))}`);
    // An unset variable (`factsheets init "$DIR"`) must not mean the current folder.
    if (folders[0] !== undefined && folders[0].trim() === '')
      throw new UsageError('init needs a folder name, got an empty one (is a variable unset?)');
  });
  if (parsed === 'help') return 'help';
  return { target: parsed.positionals[1] ?? 'content', withTemplates: parsed.values.templates };
}

/** Every file under a folder, by path relative to it, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

async function existingTargets(copies: readonly Copy[]): Promise<string[]> {
  const found: string[] = [];
  for (const copy of copies) {
    const exists = await lstat(copy.to).then(
      () => true,
      () => false,
    );
    if (exists) found.push(shownPath(copy.to));
  }
  return found;
}

/** A path as a shell reads it back: quoted when it holds anything but plain name characters; controls written out. */
function shellWord(path: string): string {
  const shown = escapeForMessage(path);
  return /^[\w./-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", "'\\''")}'`;
}

/** A path as messages show it: relative to the working directory when inside it. */
function shownPath(path: string): string {
  return displayPath(resolve(path));
}
