import { EXIT, UsageError } from './exit.js';
import { folderOptions, parseFlags, readCommandLine } from './command-line.js';
import { COMMAND_FLAGS } from './flags.js';
import { commandUsage } from './usage.js';
import { resolveConfig, type BuildOptions } from '../config.js';
import { formatError, toFactsheetsError } from '../errors.js';
import { DEFAULT_EXPANSION } from '../languages/forecast.js';
import type { BriefForecast } from '../languages/forecast-run.js';

export const FORECAST_USAGE = commandUsage('forecast', {
  about: `Before translations arrive: stretches every country brief's prose (summary and narrative) by
the length a language is expected to run to, prints it in that language's layout in a scratch
folder, and says brief by brief whether it would still fit on its page, at which fit step, and
about how many characters of prose are left for the translator. Nothing is written to the
output folder.

Expected lengths, in percent more characters than English (defaults):
  ${Object.entries(DEFAULT_EXPANSION)
    .map(([lang, percent]) => `${lang} ${percent > 0 ? '+' : ''}${percent}%`)
    .join(', ')}`,
  footer:
    'Exit status: 0 every brief would fit, 1 one would not (or the project cannot be read), 2 wrong command line.',
});

interface ForecastCommand {
  readonly options: BuildOptions;
  readonly expansions: Readonly<Record<string, number>>;
  readonly json: boolean;
}

/** `factsheets forecast fr de --expansion de=35`: one line per brief and language. */
export async function runForecastCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = readCommandLine(argv, parseCommandLine, FORECAST_USAGE);
  if (typeof command === 'number') return command;
  const config = resolveConfig(command.options, env);
  let forecasts: BriefForecast[];
  try {
    const [{ forecastBriefs }, { runPipeline }, { launchPrinter }] = await Promise.all([
      import('../languages/forecast-run.js'),
      import('../pipeline/pipeline.js'),
      import('../browser/launch.js'),
    ]);
    forecasts = await forecastBriefs(config, command.expansions, (scratch) =>
      runPipeline(scratch, { launchPrinter: (options) => launchPrinter(options), now: () => performance.now() }),
    );
  } catch (error) {
    process.stderr.write(`${formatError(toFactsheetsError(error, { stage: 'load' }))}\n`);
    return EXIT.failed;
  }
  process.stdout.write(command.json ? `${JSON.stringify(forecasts, null, 2)}\n` : formatForecasts(forecasts));
  return forecasts.every((forecast) => forecast.fits) ? EXIT.ok : EXIT.failed;
}

/** `fr +20%  countries/mali.md  fits as designed, about 340 characters left`, one line each. */
export function formatForecasts(forecasts: readonly BriefForecast[]): string {
  const lines = forecasts.map((forecast) => {
    const head = `${`${forecast.lang} ${forecast.percent > 0 ? '+' : ''}${forecast.percent}%`.padEnd(10)} ${forecast.source}`;
    if (!forecast.fits) return `${head}: would not fit: ${forecast.problem ?? 'not built'}`;
    const step = forecast.step === 'design' ? 'as designed' : `at the denser step "${forecast.step}"`;
    const left =
      forecast.charactersLeft === undefined
        ? ''
        : forecast.charactersLeft === 0
          ? ', no room left'
          : `, about ${forecast.charactersLeft} characters left`;
    return `${head}: fits ${step}${left}`;
  });
  const failing = forecasts.filter((forecast) => !forecast.fits).length;
  return `${lines.join('\n')}\n${forecasts.length} forecasts, ${failing === 0 ? 'every brief fits' : `${failing} would not fit`} (nothing written to the output folder)\n`;
}

function parseCommandLine(argv: readonly string[]): ForecastCommand | 'help' {
  const parsed = parseFlags(argv, COMMAND_FLAGS.forecast);
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  const own = values.expansion ?? {};
  const named = positionals.slice(1);
  const languages = named.length > 0 ? named : Object.keys(own).length > 0 ? [] : ['fr', 'de', 'ar'];
  const expansions: Record<string, number> = {};
  for (const lang of [...languages, ...Object.keys(own)]) {
    const percent = own[lang] ?? DEFAULT_EXPANSION[lang] ?? DEFAULT_EXPANSION[lang.split('-')[0] ?? lang];
    if (percent === undefined)
      throw new UsageError(`no expected length for "${lang}": give one, e.g. --expansion ${lang}=15`);
    expansions[lang] = percent;
  }
  return { options: folderOptions(values), expansions, json: values.json };
}
