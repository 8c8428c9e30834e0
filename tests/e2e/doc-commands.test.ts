import { execSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, tempDir } from '../helpers/content.js';
import { docCommands, docPages, readDoc } from '../helpers/docs.js';
import { signalGroup } from '../helpers/processes.js';

/**
 * Shell-block commands this test does not run, and where they are run instead. Every other
 * command of every shell block in the docs is run below, as written, in a fresh folder.
 */
const RUN_ELSEWHERE: Readonly<Record<string, string>> = {
  'npm install': 'installs this project: the clean-clone CI test runs npm ci, and .ci/run does',
  'npm ci': 'installs this project: the clean-clone CI test runs it, and .ci/run does',
  'npm test': 'is the suite this test is part of (.ci/run runs it)',
  'npm run test:unit': 'is the unit project of this suite',
  'npx tsc -p tsconfig.tests.json': 'is the first step of npm test',
  'npm run factsheets -- preview --open': 'opens a desktop browser; the same command without --open is run',
};

/** `npm run build` is `npm run compile` (done once by this suite's global setup) and then this. */
const AFTER_COMPILE: Readonly<Record<string, string>> = { 'npm run build': 'npm run factsheets -- build' };

/** Commands that run until Ctrl-C: started, their first line awaited, then stopped as a terminal would. */
const UNTIL_CTRL_C = /\bpreview\b|--watch\b/;

const ENV = { ...process.env, CI: 'true', PUPPETEER_SKIP_DOWNLOAD: 'true' };

/** A folder laid out like a clone of this repository: its content, templates and scripts, the compiled tool linked in. */
function cloneLike(root: string): string {
  for (const folder of ['content', 'templates']) cpSync(join(PROJECT, folder), join(root, folder), { recursive: true });
  cpSync(join(PROJECT, 'package.json'), join(root, 'package.json'));
  for (const folder of ['node_modules', 'dist']) symlinkSync(join(PROJECT, folder), join(root, folder));
  return root;
}

/**
 * A checkout of this repository to install from. A copy, not a link to this one: npm runs the
 * package's `prepare` (the compile, which empties dist/) in the folder it installs from, and this
 * suite's other tests are running the CLI from this repository's dist/ at the same time.
 */
function checkoutCopy(target: string): void {
  mkdirSync(target);
  for (const entry of [
    'src',
    'templates',
    'starter',
    'docs',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'README.md',
  ]) {
    cpSync(join(PROJECT, entry), join(target, entry), { recursive: true });
  }
  symlinkSync(join(PROJECT, 'node_modules'), join(target, 'node_modules'));
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Runs a long-running command until its first line of output, then sends Ctrl-C to its process group. */
async function runUntilFirstLine(
  command: string,
  cwd: string,
): Promise<{ firstLine: string; code: number | null; signal: NodeJS.Signals | null }> {
  // The documented default port may be taken on a shared machine: then the same command on a free port.
  const runnable = /\bpreview\b/.test(command) && !(await portFree(4870)) ? `${command} --port 0` : command;
  const child = spawn('sh', ['-c', runnable], { cwd, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command}: no output in 60 s (${output})`)), 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // npm's own lines (`> factsheets@… factsheets`) come first; the command's first whole line is what counts.
        const line = output
          .split('\n')
          .slice(0, -1)
          .find((row) => row.trim() !== '' && !row.startsWith('>'));
        if (line !== undefined) {
          clearTimeout(timer);
          resolve(line);
        }
      });
    }
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  signalGroup(child.pid ?? 0, 'SIGINT');
  return { firstLine, ...(await ended) };
}

function run(command: string, cwd: string): string {
  try {
    return execSync(command, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    throw new Error(`${command} (in ${cwd}) exited ${failed.status}:\n${failed.stdout}\n${failed.stderr}`);
  }
}

/** Runs every shell-block command of a page in order, in `cwd`; returns what each printed. */
async function runPage(page: string, cwd: string): Promise<Map<string, string>> {
  const printed = new Map<string, string>();
  for (const { command } of docCommands(page).filter((each) => each.kind === 'shell block')) {
    if (RUN_ELSEWHERE[command] !== undefined) continue;
    const parts = command
      .split('&&')
      .map((part) => part.trim())
      .filter((part) => RUN_ELSEWHERE[part] === undefined);
    for (const part of parts.map((each) => AFTER_COMPILE[each] ?? each)) {
      if (UNTIL_CTRL_C.test(part)) {
        const stopped = await runUntilFirstLine(part, cwd);
        expect(stopped.firstLine, part).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        expect(
          stopped.code === 130 || stopped.signal === 'SIGINT',
          `${part}: ended with ${stopped.code ?? stopped.signal}`,
        ).toBe(true);
        printed.set(command, stopped.firstLine);
      } else printed.set(command, run(part, cwd));
    }
  }
  return printed;
}

describe('every shell example in the docs, run as written', () => {
  it('runs every command of every shell block, or names where it is run instead', () => {
    const shellCommands = new Set(
      docPages()
        .flatMap(docCommands)
        .filter((each) => each.kind === 'shell block')
        .map((each) => each.command),
    );
    const parts = new Set([...shellCommands].flatMap((command) => command.split('&&').map((part) => part.trim())));
    // Each exception is still in the docs: none hides a command that is gone.
    expect(Object.keys(RUN_ELSEWHERE).filter((command) => !parts.has(command))).toEqual([]);
    expect(Object.keys(AFTER_COMPILE).filter((command) => !parts.has(command))).toEqual([]);
  });

  it('README.md: the quick start builds the sample, and a new team starts from the starter', async () => {
    const clone = cloneLike(await tempDir('factsheets-doc-readme-'));
    const printed = await runPage('README.md', clone);
    expect(printed.get('npm install && npm run build')).toMatch(
      /22 built \(18 documents, 4 briefing packs\), 0 failed/,
    );
    expect(existsSync(join(clone, 'my-programme/factsheets.yml'))).toBe(true);
    // The starter's documents replace the sample's in output/ (a full build removes the PDFs of documents it no longer has).
    expect(printed.get('npm run factsheets -- build --content my-programme')).toMatch(
      /4 built \(3 documents, the briefing pack\), 0 failed/,
    );
    expect(existsSync(join(clone, 'output/overview.pdf'))).toBe(true);
  }, 180_000);

  it('docs/preview-and-review.md: the preview starts and stops, and a review against the approved build finds nothing changed', async () => {
    const clone = cloneLike(await tempDir('factsheets-doc-review-'));
    const printed = await runPage('docs/preview-and-review.md', clone);
    expect(printed.get('npm run factsheets -- preview')).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(existsSync(join(clone, 'approved/manifest.json'))).toBe(true);
    expect(printed.get('npm run factsheets -- review --against approved/ --out output/')).not.toMatch(/error/i);
  }, 180_000);

  it('docs/using-in-your-repository.md: a project installs factsheets from a checkout next to it, then inits, builds and runs its scripts', async () => {
    const root = await tempDir('factsheets-doc-own-repo-');
    checkoutCopy(join(root, 'factsheets'));
    const project = join(root, 'our-briefs');
    mkdirSync(project);
    const printed = await runPage('docs/using-in-your-repository.md', project);
    expect(printed.get('npx factsheets --version')).toMatch(/^factsheets \d+\.\d+\.\d+/);
    expect(printed.get('npx factsheets build')).toMatch(/0 failed/);
    expect(existsSync(join(project, 'output/briefing-pack.pdf'))).toBe(true);

    // The page's package.json scripts, added to the project's own, run the installed tool.
    const example = /```json\n([\s\S]*?)```/.exec(readDoc('docs/using-in-your-repository.md'))?.[1] ?? '{}';
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ ...manifest, scripts: (JSON.parse(example) as { scripts: unknown }).scripts }),
    );
    expect(run('npm run pdfs', project)).toMatch(/0 built, 4 unchanged/);
    expect(run('npm run factsheets -- build --print', project)).toMatch(/print edition/);
  }, 180_000);
});
