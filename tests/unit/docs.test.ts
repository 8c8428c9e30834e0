import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_FLAGS } from '../../src/cli/flags.js';
import { PROJECT } from '../helpers/content.js';
import { type DocCommand, docCommands, docPages, pageAnchors, readDoc } from '../helpers/docs.js';

/** Every command's flags by name, from the CLI's one table of them. */
const FLAGS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(COMMAND_FLAGS).map(([command, flags]) => [
    command,
    new Set([...Object.keys(flags), 'help'].map((name) => `--${name}`)),
  ]),
);
const OTHER_PROGRAMS = new Set(['cp', 'mkdir', 'set', 'echo', 'cat', 'exit']);

/** The npm scripts a doc may run: the project's, and those a doc's own package.json example defines for a team's project. */
function knownScripts(): Set<string> {
  const scripts = Object.keys((JSON.parse(readDoc('package.json')) as { scripts: Record<string, string> }).scripts);
  for (const page of docPages()) {
    for (const block of readDoc(page).matchAll(/```json\n([\s\S]*?)```/g)) {
      scripts.push(
        ...Object.keys((JSON.parse(block[1] ?? '{}') as { scripts?: Record<string, string> }).scripts ?? {}),
      );
    }
  }
  return new Set(scripts);
}

/** What is wrong with the arguments given to the factsheets command, if anything: a command it lacks, or an option that command lacks. */
function cliProblem(args: readonly string[]): string | undefined {
  const [command, ...rest] = args;
  if (
    command === undefined ||
    command === '…' ||
    command === '<command>' ||
    command === '--version' ||
    command === '--help'
  )
    return undefined;
  const flags = FLAGS.get(command);
  if (flags === undefined) return `factsheets has no command "${command}"`;
  const unknown = rest
    .filter((token) => token.startsWith('--'))
    .map((token) => token.split('=')[0] ?? '')
    .find((flag) => !flags.has(flag));
  return unknown === undefined ? undefined : `factsheets ${command} has no option ${unknown}`;
}

/** What is wrong with a command written in the docs, if anything. */
function commandProblem(command: string, scripts: ReadonlySet<string>): string | undefined {
  for (const part of command.split('&&').map((each) => each.trim())) {
    const [program = '', first, ...rest] = part.split(/\s+/);
    const afterDashes = (tokens: readonly string[]): string[] => tokens.slice(tokens.indexOf('--') + 1);
    let problem: string | undefined;
    if (program === 'npm') {
      if (first === 'run') {
        const script = rest[0] ?? '';
        if (!scripts.has(script)) problem = `there is no npm script "${script}"`;
        else if (script === 'factsheets' && rest.includes('--')) problem = cliProblem(afterDashes(rest));
        else if (script === 'build' && rest.includes('--')) problem = cliProblem(['build', ...afterDashes(rest)]);
      } else if (!['ci', 'install', 'test', 'pack'].includes(first ?? ''))
        problem = `npm ${first ?? ''} is not a command the docs use`;
    } else if (program === 'npx') {
      if (first === 'factsheets') problem = cliProblem(rest);
      else if (first !== 'tsc' && first !== 'vitest')
        problem = `npx ${first ?? ''} would fetch or run a tool the project does not have`;
    } else if (program === 'node') {
      problem = first === 'dist/cli.js' ? cliProblem(rest) : `node ${first ?? ''} is not the CLI (dist/cli.js)`;
    } else if (program === 'factsheets') problem = cliProblem([first ?? '', ...rest].filter((token) => token !== ''));
    else if (program === 'sudo' || program === 'apt-get') {
      if (!part.includes('apt-get install')) problem = 'only apt-get install runs as root';
    } else if (!OTHER_PROGRAMS.has(program)) problem = `unknown program "${program}"`;
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The relative links of a page (outside code) that lead nowhere: a missing file, or a heading the target page does not have. */
function brokenLinks(page: string, text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const broken: string[] = [];
  for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? join(PROJECT, page) : normalize(join(PROJECT, dirname(page), path));
    if (!file.startsWith(PROJECT) || !existsSync(file)) broken.push(`${target}: no such file`);
    else if (anchor !== undefined && file.endsWith('.md') && !pageAnchors(readFileSync(file, 'utf8')).has(anchor))
      broken.push(`${target}: no such heading`);
  }
  return broken;
}

function where(command: DocCommand): string {
  return `${command.page}:${command.line}: ${command.command}`;
}

describe('the docs', () => {
  const scripts = knownScripts();

  it('write every command as one that exists: npm scripts, factsheets commands and their options', () => {
    const commands = docPages().flatMap(docCommands);
    expect(commands.filter((command) => command.kind === 'shell block').length).toBeGreaterThan(10);
    expect(commands.filter((command) => command.kind === 'CI step').length).toBeGreaterThan(10);
    const problems = commands.flatMap((command) => {
      const problem = commandProblem(command.command, scripts);
      return problem === undefined ? [] : [`${where(command)}: ${problem}`];
    });
    expect(problems).toEqual([]);
  });

  it('use npx factsheets in a shell example only for a project that installed it, never inside this repository', () => {
    const npx = docPages()
      .flatMap(docCommands)
      .filter((command) => command.kind !== 'inline' && /\bnpx factsheets\b/.test(command.command));
    expect(npx.length).toBeGreaterThan(0);
    expect(npx.filter((command) => command.page !== 'docs/using-in-your-repository.md').map(where)).toEqual([]);
  });

  it('link only to files and headings that exist', () => {
    const broken = docPages().flatMap((page) => brokenLinks(page, readDoc(page)).map((link) => `${page}: ${link}`));
    expect(broken).toEqual([]);
  });

  it("keep the README a newcomer's page, and every page reachable from it", () => {
    expect(statSync(join(PROJECT, 'README.md')).size).toBeLessThan(20_000);
    const linked = new Set<string>();
    const queue = ['README.md'];
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      if (linked.has(page)) continue;
      linked.add(page);
      for (const match of readDoc(page).matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g))
        queue.push(normalize(join(dirname(page), match[1] ?? '')));
    }
    expect(docPages().filter((page) => !linked.has(page))).toEqual([]);
  });

  it('name, in every hint or comment that sends the reader to them, a doc file that exists', () => {
    const sources = (folder: string): string[] =>
      readdirSync(join(PROJECT, folder), { recursive: true, encoding: 'utf8' })
        // Style sheets are left out: their comments are inlined into every page (and its golden HTML).
        .filter((name) => /\.(ts|hbs|yml)$/.test(name))
        .map((name) => join(folder, name));
    const named = new Set<string>();
    const vague: string[] = [];
    for (const file of [...sources('src'), ...sources('templates'), ...sources('starter')]) {
      const text = readFileSync(join(PROJECT, file), 'utf8');
      for (const match of text.matchAll(/\b(docs\/[\w-]+\.md|README\.md|CONTRIBUTING\.md)/g)) named.add(match[1] ?? '');
      if (/\bREADME\b(?!\.md)/.test(text)) vague.push(file);
    }
    expect(vague).toEqual([]);
    expect([...named].filter((doc) => !existsSync(join(PROJECT, doc)))).toEqual([]);
    // The hints of bad input that name their doc (a misspelt field, an unknown setting, a missing dataset).
    expect([...named]).toEqual(expect.arrayContaining(['docs/writing.md', 'docs/settings.md', 'docs/dataset.md']));
  });
});

describe('the docs checks', () => {
  const scripts = knownScripts();

  it('find a command that does not exist, an option a command lacks, a missing script and an unknown program', () => {
    expect(commandProblem('npm run factsheets -- biuld', scripts)).toBe('factsheets has no command "biuld"');
    expect(commandProblem('npm run factsheets -- build --bogus', scripts)).toBe(
      'factsheets build has no option --bogus',
    );
    expect(commandProblem('npx factsheets preview --against approved', scripts)).toBe(
      'factsheets preview has no option --against',
    );
    expect(commandProblem('npm install && npm run bulid', scripts)).toBe('there is no npm script "bulid"');
    expect(commandProblem('npx factsheet build', scripts)).toBe(
      'npx factsheet would fetch or run a tool the project does not have',
    );
    expect(commandProblem('curl https://example.org | sh', scripts)).toBe('unknown program "curl"');
    expect(commandProblem('npm run factsheets -- review --against approved/ --out output/', scripts)).toBeUndefined();
    expect(commandProblem('npm run factsheets -- forecast fr --jobs 2', scripts)).toBe(
      'factsheets forecast has no option --jobs',
    );
    expect(
      commandProblem('npm run factsheets -- check --print output/print/countries/mali.pdf', scripts),
    ).toBeUndefined();
  });

  it('find a link to a missing page and to a missing heading', () => {
    expect(
      brokenLinks(
        'docs/writing.md',
        'See [there](nowhere.md) and [here](settings.md#no-such-heading), [ok](settings.md).',
      ),
    ).toEqual(['nowhere.md: no such file', 'settings.md#no-such-heading: no such heading']);
  });
});
