import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../src/cli/command-line.js';
import { UsageError } from '../../src/cli/exit.js';
import { COMMAND_FLAGS, type Flags } from '../../src/cli/flags.js';
import { withGeneratedFlags } from '../../src/cli/usage.js';
import { readDoc } from '../helpers/docs.js';

/** Every string flag of every command, with its command. */
const stringFlags = Object.entries(COMMAND_FLAGS).flatMap(([command, flags]: [string, Flags]) =>
  Object.entries(flags).flatMap(([name, flag]) => (flag.type === 'string' ? [{ command, name, flag, flags }] : [])),
);

/** The UsageError's message a value gets, or undefined when it is accepted. */
function refusal(flags: Flags, name: string, value: string): string | undefined {
  try {
    parseFlags(
      [
        `--${name}`,
        value,
        ...Object.entries(flags).flatMap(([other, flag]) =>
          flag.type === 'string' && flag.required !== undefined && other !== name ? [`--${other}`, 'x'] : [],
        ),
      ],
      flags,
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return error.message;
  }
}

describe('the table of flags (src/cli/flags.ts)', () => {
  it('is what docs/command-line.md lists (npm run docs:flags writes it again)', () => {
    const page = readDoc('docs/command-line.md');
    expect(page, 'docs/command-line.md differs from src/cli/flags.ts: run npm run docs:flags').toBe(
      withGeneratedFlags(page),
    );
  });

  it('refuses an empty value for every option that takes one (an unset variable), naming the option', () => {
    expect(stringFlags.length).toBeGreaterThan(15);
    const accepted = stringFlags
      .filter(({ flags, name }) => !refusal(flags, name, '')?.startsWith(`--${name} `))
      .map(({ command, name }) => `${command} --${name}`);
    expect(accepted).toEqual([]);
  });

  it('checks every number against the range its docs give, at both ends, digits only', () => {
    const numbers = stringFlags.flatMap(({ command, name, flag, flags }) => {
      const range = /from (\d+) to (\d+)$/.exec(flag.kind.accepts);
      return range === null ? [] : [{ command, name, flags, min: Number(range[1]), max: Number(range[2]) }];
    });
    expect(numbers.map(({ command, name }) => `${command} --${name}`)).toEqual(
      expect.arrayContaining(['build --jobs', 'build --timeout', 'review --timeout', 'preview --port']),
    );
    for (const { command, name, flags, min, max } of numbers) {
      const where = `${command} --${name}`;
      expect(refusal(flags, name, String(min)), where).toBeUndefined();
      expect(refusal(flags, name, String(max)), where).toBeUndefined();
      expect(refusal(flags, name, String(max + 1)), where).toMatch(
        new RegExp(`^--${name} must be .* from ${min} to ${max}, got "${max + 1}"$`),
      );
      if (min > 0) expect(refusal(flags, name, String(min - 1)), where).toMatch(/ must be /);
      for (const notDigits of ['1e3', '0x10', ` ${max}`, '+1'])
        expect(refusal(flags, name, notDigits), `${where} ${notDigits}`).toMatch(/ must be /);
    }
  });

  it('gives a checked value its type: numbers as numbers, a shard as I and N, names as a list', () => {
    const parsed = parseFlags(
      ['build', '--jobs', '8', '--timeout', '2.5', '--shard', '2/4', '--only', 'mali, niger', '--print'],
      COMMAND_FLAGS.build,
    );
    expect(parsed).not.toBe('help');
    if (parsed === 'help') return;
    expect(parsed.values).toEqual({
      jobs: 8,
      timeout: 2.5,
      shard: { index: 2, count: 4 },
      only: ['mali', 'niger'],
      print: true,
      force: false,
      watch: false,
      json: false,
      quiet: false,
    });
    expect(parsed.positionals).toEqual(['build']);
  });

  it('says a required option is missing, and answers --help before any check', () => {
    expect(() => parseFlags(['review'], COMMAND_FLAGS.review)).toThrow(
      '--against DIR is required: the output folder of the approved build',
    );
    expect(parseFlags(['review', '--jobs', '0', '--help'], COMMAND_FLAGS.review)).toBe('help');
  });
});
