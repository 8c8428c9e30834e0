import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT } from './content.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real, compiled CLI (`node dist/cli.js …`) and collects its output and exit code. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT, 'dist/cli.js'), ...args],
      {
        cwd: options.cwd ?? PROJECT,
        env: { ...process.env, ...options.env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
