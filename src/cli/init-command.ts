import { copyFile, lstat, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { BUNDLED_STARTER, BUNDLED_TEMPLATES } from '../config.js';
import { FactsheetsError, formatError } from '../errors.js';
import { displayPath } from '../stages/load.js';
import { EXIT, UsageError } from './exit.js';
import { parseCommandOptions } from './command-line.js';

export const INIT_USAGE = `Usage: factsheets init [DIR] [--templates]

Writes a small, working content folder into DIR (default: content): a factsheet, two country
briefs, a funding dataset and a settings file, each field explained in comments. The
programme and its figures are fictional sample data, to be replaced with your own.

Options:
  --templates   also copy the default templates into DIR/templates, to customise
  -h, --help    show this help

Existing files are never overwritten: init stops, naming them, before it writes anything.`;

/** One file to copy: from the bundled folder, to its place under the target. */
interface Copy {
  readonly from: string;
  readonly to: string;
}

/** `factsheets init [DIR] [--templates]`: a starter project, never over existing files. */
export async function runInitCommand(argv: readonly string[]): Promise<number> {
  let target: string;
  let withTemplates: boolean;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === 'help') {
      process.stdout.write(`${INIT_USAGE}\n`);
      return EXIT.ok;
    }
    ({ target, withTemplates } = parsed);
  } catch (error) {
    process.stderr.write(`factsheets: ${error instanceof Error ? error.message : String(error)}\n\n${INIT_USAGE}\n`);
    return EXIT.usage;
  }

  const copies = [
    ...(await filesUnder(BUNDLED_STARTER)).map((path) => ({ from: join(BUNDLED_STARTER, path), to: join(target, path) })),
    ...(withTemplates ? (await filesUnder(BUNDLED_TEMPLATES)).map((path) => ({ from: join(BUNDLED_TEMPLATES, path), to: join(target, 'templates', path) })) : []),
  ];
  const existing = await existingTargets(copies);
  if (existing.length > 0) {
    const shown = existing.slice(0, 5).join(', ');
    const more = existing.length > 5 ? ` and ${existing.length - 5} more` : '';
    process.stderr.write(`${formatError(new FactsheetsError(`init would overwrite ${existing.length === 1 ? 'a file that exists' : 'files that exist'}: ${shown}${more}`, {
      stage: 'cli', file: shownPath(target),
      hint: 'Choose a new folder (factsheets init my-programme), or move these files away first; nothing was written.',
    }))}\n`);
    return EXIT.failed;
  }
  try {
    for (const copy of copies) {
      await mkdir(dirname(copy.to), { recursive: true });
      // COPYFILE_EXCL: a file that appeared since the check is still never overwritten.
      await copyFile(copy.from, copy.to, 1);
    }
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
    process.stderr.write(`${formatError(new FactsheetsError(`init could not write into this folder (${code})`, {
      stage: 'cli', file: shownPath(target), hint: 'Check that the folder can be written to.',
    }))}\n`);
    return EXIT.failed;
  }
  const templatesOption = withTemplates ? ` --templates ${shownPath(join(target, 'templates'))}` : '';
  process.stdout.write(`wrote ${copies.length} files into ${shownPath(target)}${withTemplates ? ' (templates in its templates/ folder)' : ''}\n`
    + `next: npm run factsheets -- build --content ${shownPath(target)}${templatesOption}\n`);
  return EXIT.ok;
}

function parseCommandLine(argv: readonly string[]): { target: string; withTemplates: boolean } | 'help' {
  const { values, positionals } = parseCommandOptions(argv, { templates: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help === true) return 'help';
  const folders = positionals.slice(1);
  if (folders.length > 1) throw new UsageError(`init takes one folder, got ${folders.length}: ${folders.join(' ')}`);
  return { target: folders[0] ?? 'content', withTemplates: values.templates === true };
}

/** Every file under a folder, by path relative to it, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath, entry.name))).sort();
}

async function existingTargets(copies: readonly Copy[]): Promise<string[]> {
  const found: string[] = [];
  for (const copy of copies) {
    const exists = await lstat(copy.to).then(() => true, () => false);
    if (exists) found.push(shownPath(copy.to));
  }
  return found;
}

/** A path as messages show it: relative to the working directory when inside it. */
function shownPath(path: string): string {
  return displayPath(resolve(path));
}
