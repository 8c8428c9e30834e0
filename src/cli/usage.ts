import type { CommandName } from './command-names.js';
import { COMMAND_FLAGS, COMMAND_OPERANDS, HELP_FLAG, type Flag } from './flags.js';

/** The widest line of a usage (a terminal's 100 columns). */
const WIDTH = 100;

/** `[--jobs N]`, `[--print]`, or `--against DIR` for a flag the command needs. */
function synopsisWord(name: string, flag: Flag): string {
  const word = flag.type === 'string' ? `--${name} ${flag.value}` : `--${name}`;
  return flag.type === 'string' && flag.required !== undefined ? word : `[${word}]`;
}

/** Words joined into lines of at most WIDTH columns, every line after the first indented by `indent`. */
function wrap(first: string, words: readonly string[], indent: number): string[] {
  const lines = [first];
  for (const word of words) {
    const last = lines.length - 1;
    const line = lines[last] ?? '';
    if (line.trim() !== '' && line.length + 1 + word.length > WIDTH) lines.push(`${' '.repeat(indent)}${word}`);
    else lines[last] = line.endsWith(' ') || line === '' ? `${line}${word}` : `${line} ${word}`;
  }
  return lines;
}

/** `factsheets build [--content DIR] …`, wrapped under its first word after `lead`. */
export function synopsis(command: CommandName, lead = 'factsheets'): string[] {
  const operands = COMMAND_OPERANDS[command].usage;
  const head = `${lead} ${command}${operands === '' ? '' : ` ${operands}`}`;
  const words = Object.entries(COMMAND_FLAGS[command]).map(([name, flag]) => synopsisWord(name, flag));
  return wrap(head, words, `${lead} ${command} `.length);
}

/** A command's rows of options: the operands it explains, each flag, and -h, --help. */
function optionRows(command: CommandName): [string, string][] {
  const { name, help } = COMMAND_OPERANDS[command];
  return [
    ...(name !== undefined && help !== undefined ? [[name, help] as [string, string]] : []),
    ...Object.entries(COMMAND_FLAGS[command]).map(([flagName, flag]): [string, string] => [
      flag.type === 'string' ? `--${flagName} ${flag.value}` : `--${flagName}`,
      flag.help,
    ]),
    ['-h, --help', HELP_FLAG.help],
  ];
}

/**
 * `factsheets <command> --help`: the synopsis and the options from the table, around the
 * command's own words (what it does, and its exit statuses).
 */
export function commandUsage(command: CommandName, text: { readonly about: string; readonly footer: string }): string {
  const rows = optionRows(command);
  const column = Math.max(...rows.map(([left]) => left.length)) + 4;
  const options = rows.flatMap(([left, help]) => wrap(`  ${left.padEnd(column - 2)}`, help.split(' '), column));
  return [...synopsis(command, 'Usage: factsheets'), '', text.about, '', 'Options:', ...options, '', text.footer].join(
    '\n',
  );
}

const COMMANDS = Object.keys(COMMAND_FLAGS) as CommandName[];

/** The docs' synopsis of every command (docs/command-line.md). */
function synopsisBlock(): string {
  return ['```', ...COMMANDS.flatMap((command) => synopsis(command)), 'factsheets --version', '```'].join('\n');
}

/** The docs' table of every command's options, with what each value may be. */
function optionsTables(): string {
  return COMMANDS.map((command) => {
    const { name, help } = COMMAND_OPERANDS[command];
    const rows = [
      ...(name !== undefined && help !== undefined ? [`| \`${name}\` | | ${help} |`] : []),
      ...Object.entries(COMMAND_FLAGS[command]).map(([flagName, flag]) =>
        flag.type === 'string'
          ? `| \`--${flagName} ${flag.value}\` | ${flag.kind.accepts} | ${flag.help} |`
          : `| \`--${flagName}\` | (a switch) | ${flag.help} |`,
      ),
      `| \`-h\`, \`--help\` | (a switch) | ${HELP_FLAG.help} |`,
    ];
    return [`### factsheets ${command}`, '', '| option | value | what it does |', '|---|---|---|', ...rows].join('\n');
  }).join('\n\n');
}

/** The parts of docs/command-line.md made from the table, by the name of their markers. */
const GENERATED: Readonly<Record<string, () => string>> = { synopsis: synopsisBlock, options: optionsTables };

/**
 * The page with every generated part made again from the table, between its markers
 * (`<!-- flags:NAME -->` … `<!-- /flags:NAME -->`); a page without them is an error.
 */
export function withGeneratedFlags(page: string): string {
  let result = page;
  for (const [name, make] of Object.entries(GENERATED)) {
    const open = `<!-- flags:${name}: made from src/cli/flags.ts by npm run docs:flags -->`;
    const close = `<!-- /flags:${name} -->`;
    const start = result.indexOf(open);
    const end = result.indexOf(close);
    if (start < 0 || end < start) throw new Error(`the page has no ${open} … ${close} markers`);
    result = `${result.slice(0, start + open.length)}\n${make()}\n${result.slice(end)}`;
  }
  return result;
}
