/**
 * The commands of the factsheets CLI, each with its line in `factsheets --help`: the one list
 * of them (src/cli/main.ts has a module for each name, which its type requires).
 */
export const COMMAND_TABLE = [
  { name: 'build', summary: 'print a PDF of every document and the briefing packs (--watch: rebuild on every save)' },
  { name: 'preview', summary: 'build, then show the pages in a local web page that redraws them after every save' },
  { name: 'review', summary: 'build, then compare every PDF with an approved build, page by page, with the reasons' },
  { name: 'init', summary: 'write a small working content folder to start from (--templates: the layouts too)' },
  { name: 'check', summary: 'check any PDFs against PDF/UA-1, and print editions against PDF/X-4 (--print)' },
  { name: 'languages', summary: 'languages check LANG: whether the fonts, messages and figures can print a language' },
  { name: 'forecast', summary: "whether every brief would still fit once translated, at a language's expected length" },
] as const satisfies readonly { readonly name: string; readonly summary: string }[];

export const COMMAND_NAMES = COMMAND_TABLE.map((command) => command.name);

export type CommandName = (typeof COMMAND_TABLE)[number]['name'];

/** `"build", "preview" and "review"`, for messages. */
export function listedCommands(): string {
  const quoted = COMMAND_NAMES.map((name) => `"${name}"`);
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}

/** `factsheets --help`: every command, a line each. */
export function generalUsage(): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => name.length));
  return [
    'Usage: factsheets <command> [options]',
    '',
    'Commands:',
    ...COMMAND_TABLE.map(({ name, summary }) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    '"factsheets <command> --help" shows a command\'s options; "factsheets --version" its version.',
  ].join('\n');
}
