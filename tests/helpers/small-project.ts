import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyEnglishSample, PROJECT } from './content.js';

/** The English sample cut to its factsheet and two one-pagers (Mali, Ghana): a whole project that builds in seconds. */
export async function smallProject(): Promise<string> {
  const root = await copyEnglishSample();
  for (const name of await readdir(join(root, 'countries'))) {
    if (name !== 'mali.md' && name !== 'ghana.md') await rm(join(root, 'countries', name));
  }
  return root;
}

/** Replaces `from` by `to` in a file, failing if `from` is not there. */
export async function editFile(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not hold "${from}"`);
  await writeFile(file, text.replace(from, to));
}

export interface GuardedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The run did not end by itself and was killed (SIGKILL) by the guard. */
  readonly hung: boolean;
}

/**
 * Runs the CLI and kills it (SIGKILL) if it has not ended after `guardMs`: a test of a hang
 * fails with `hung: true` instead of waiting for vitest's own timeout. Not a speed test: the
 * guard is far longer than the run takes.
 */
export function runGuarded(
  args: readonly string[],
  guardMs = 60_000,
  env: Record<string, string | undefined> = {},
): Promise<GuardedRun> {
  const child = spawn(process.execPath, [join(PROJECT, 'dist/cli.js'), ...args], {
    cwd: PROJECT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  let hung = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const guard = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, guardMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, hung });
    });
  });
}

/** The small project and an approved build of it (its output folder), for review tests. */
export async function approvedSmallProject(): Promise<{ content: string; approved: string }> {
  const { runCli } = await import('./cli.js');
  const { tempDir } = await import('./content.js');
  const content = await smallProject();
  const approved = await tempDir('factsheets-approved-');
  const built = await runCli(['build', '--content', content, '--out', approved, '--quiet']);
  if (built.code !== 0) throw new Error(`the approved build failed: ${built.stderr}`);
  return { content, approved };
}
