import { EXIT, UsageError } from './exit.js';
import { folderOptions, parseFlags, readCommandLine } from './command-line.js';
import { COMMAND_FLAGS } from './flags.js';
import { commandUsage } from './usage.js';
import { resolveConfig, type BuildOptions } from '../config.js';
import { formatError, toFactsheetsError } from '../errors.js';
import { declaredFonts } from '../fonts/embed.js';
import { languageReadiness, type LanguageReadiness } from '../languages/readiness.js';
import { loadSources } from '../stages/load.js';

export const LANGUAGES_USAGE = commandUsage('languages', {
  about: `Says whether the project can print documents in a language, before anyone writes them: the
declared fonts' coverage of the characters the language is written with (CLDR's exemplar
characters), its direction, hyphenation, how CLDR writes its figures, and the messages the
templates need in it (templates/messages/LANG.yml).`,
  footer:
    'Exit status: 0 every language can be printed, 1 one cannot (what is missing is listed), 2 wrong command line.',
});

interface LanguagesCommand {
  readonly options: BuildOptions;
  readonly languages: readonly string[];
  readonly json: boolean;
}

/** `factsheets languages check ar am`: one report per language, exit 1 if any cannot be printed. */
export async function runLanguagesCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = readCommandLine(argv, parseCommandLine, LANGUAGES_USAGE);
  if (typeof command === 'number') return command;
  const config = resolveConfig(command.options, env);
  let reports: LanguageReadiness[];
  try {
    const { templates } = await loadSources(config.contentDir, config.templatesDir, config.limits);
    const fonts = await declaredFonts(templates);
    reports = command.languages.map((lang) => languageReadiness(lang, templates, fonts.coverage));
  } catch (error) {
    process.stderr.write(`${formatError(toFactsheetsError(error, { stage: 'load' }))}\n`);
    return EXIT.failed;
  }
  process.stdout.write(
    command.json ? `${JSON.stringify(reports, null, 2)}\n` : reports.map(formatReadiness).join('\n'),
  );
  return reports.every((report) => report.ready) ? EXIT.ok : EXIT.failed;
}

const MARKS = { ok: '  ', note: '~ ', missing: '✗ ' } as const;

/** `ar (Arabic): can be printed`, then a line per fact, details indented under it. */
export function formatReadiness(report: LanguageReadiness): string {
  const head = `${report.tag} (${report.name}): ${report.ready ? 'can be printed' : 'cannot be printed yet'}`;
  const lines = report.facts.flatMap((fact) => [
    `${MARKS[fact.status]}${fact.topic.padEnd(12)}${fact.text}`,
    ...(fact.details ?? []).map((detail) => `${' '.repeat(14)}${detail}`),
  ]);
  return `${[head, ...lines].join('\n')}\n`;
}

function parseCommandLine(argv: readonly string[]): LanguagesCommand | 'help' {
  const parsed = parseFlags(argv, COMMAND_FLAGS.languages, ([, action, ...languages]) => {
    if (action !== 'check')
      throw new UsageError(
        action === undefined ? 'languages needs what to do: check' : `unknown languages action "${action}" (use check)`,
      );
    if (languages.length === 0)
      throw new UsageError('languages check needs at least one language tag, e.g. factsheets languages check ar');
  });
  if (parsed === 'help') return 'help';
  return { options: folderOptions(parsed.values), languages: parsed.positionals.slice(2), json: parsed.values.json };
}
