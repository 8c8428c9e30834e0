import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { resolveConfig, type BuildOptions } from '../config.js';
import { EXIT, UsageError } from './exit.js';
import { checkEnvironment, folderOptions, parseFlags, readCommandLine } from './command-line.js';
import { COMMAND_FLAGS, DEFAULT_HOST, DEFAULT_PORT } from './flags.js';
import { commandUsage } from './usage.js';
import { handleSignals } from './signals.js';
import { printWatchReport } from './watch-report.js';

export const PREVIEW_USAGE = commandUsage('preview', {
  about: `Builds every document, then serves a local page that shows each PDF's pages as built and
redraws them after every save (errors shown over the last good pages). Ctrl-C stops.`,
  footer: "The first line printed is the page's address.",
});

interface PreviewCommand {
  readonly folders: BuildOptions;
  readonly port: number;
  readonly host: string;
  readonly open: boolean;
}

/** `factsheets preview …`: watch mode behind a local web page; runs until a signal, then exits 128 + its number. */
export async function runPreviewCommand(argv: readonly string[]): Promise<number> {
  const command = readCommandLine(argv, parseCommandLine, PREVIEW_USAGE);
  if (typeof command === 'number') return command;
  const badEnvironment = checkEnvironment(process.env);
  if (badEnvironment !== undefined) return badEnvironment;

  const config = resolveConfig({ ...command.folders, skipPack: true });
  // Taken before anything slow, so that Ctrl-C during the first build also ends cleanly.
  const signalled = new Promise<NodeJS.Signals>((resolve) =>
    handleSignals((signal) => {
      handleSignals(undefined);
      resolve(signal);
    }),
  );
  const [{ startPreviewServer }, { watchBuild }] = await Promise.all([
    import('../preview/server.js'),
    import('../pipeline/watch.js'),
  ]);
  const server = await startPreviewServer({ host: command.host, port: command.port, outDir: config.outDir }).catch(
    (error: unknown) => {
      process.stderr.write(`factsheets: ${listenProblem(error, command)}\n`);
      return undefined;
    },
  );
  if (server === undefined) {
    handleSignals(undefined);
    return EXIT.failed;
  }
  process.stdout.write(`${server.url}\n`);
  if (command.open) openInBrowser(server.url);
  try {
    const watcher = await watchBuild(config, {
      onBuild: (report, first) => {
        server.publish(report);
        printWatchReport(report, first);
      },
      onReady: () => server.watching(),
    });
    const signal = await signalled;
    // The watcher ends its browser; a second signal meanwhile ends the process at once.
    await Promise.all([server.close(), watcher.stop()]);
    return 128 + constants.signals[signal];
  } catch (error) {
    handleSignals(undefined);
    await server.close();
    throw error;
  }
}

function parseCommandLine(argv: readonly string[]): PreviewCommand | 'help' {
  const parsed = parseFlags(argv, COMMAND_FLAGS.preview, (positionals) => {
    if (positionals.length !== 1) throw new UsageError(`unexpected argument "${positionals.slice(1).join(' ')}"`);
  });
  if (parsed === 'help') return 'help';
  const { values } = parsed;
  return {
    folders: folderOptions(values),
    port: values.port ?? DEFAULT_PORT,
    host: values.host ?? DEFAULT_HOST,
    open: values.open,
  };
}

/** Why the server could not start, and what to do about it. */
function listenProblem(error: unknown, command: PreviewCommand): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE')
    return `port ${command.port} on ${command.host} is in use\n  hint: Stop the other server, or pick another port with --port (0 picks a free one).`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `${command.host} is not an address of this machine\n  hint: Leave out --host to listen on 127.0.0.1, or give one of this machine's addresses.`;
  if (code === 'EACCES')
    return `port ${command.port} needs more privileges\n  hint: Pick a port above 1023 with --port.`;
  return `the preview server could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** Opens the page in the desktop's browser; without one, the printed address is enough. */
function openInBrowser(url: string): void {
  const [program, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  const child = spawn(program ?? 'xdg-open', args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`factsheets: could not open a browser; open ${url} yourself\n`));
  child.unref();
}
