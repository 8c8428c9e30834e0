import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, tempDir } from '../helpers/content.js';

/** Processes whose command line mentions `marker` (the build's own TMPDIR, where every browser profile lives). */
function processesMentioning(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(join('/proc', entry, 'cmdline'), 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Socket inodes in the LISTEN state on TCP (IPv4 and IPv6). */
function listeningSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A' && fields[9] !== undefined) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** Whether any of these processes holds a listening TCP socket (a DevTools port). */
function anyListens(pids: readonly number[]): boolean {
  const listening = listeningSocketInodes();
  return pids.some((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return listening.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? '');
      });
    } catch {
      return false;
    }
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a cold build (no manifest, so Chromium starts at once), signals it after `afterMs`,
 * and reports whether a browser of that build was ever seen listening on TCP and which of its
 * processes are left 2 s after the build has exited.
 */
async function signalledBuild(
  signal: NodeJS.Signals,
  afterMs: number,
): Promise<{ left: number[]; listened: boolean; code: number | null; signal: string | null }> {
  const temp = await tempDir('factsheets-signal-tmp-');
  const out = await tempDir('factsheets-signal-out-');
  const child = spawn(process.execPath, [join(PROJECT, 'dist/cli.js'), 'build', '--out', out, '--quiet'], {
    cwd: PROJECT,
    stdio: 'ignore',
    env: { ...process.env, TMPDIR: temp },
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, received) => resolve({ code, signal: received })),
  );
  let listened = false;
  const started = Date.now();
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  while (!ended && Date.now() - started < afterMs) {
    listened ||= anyListens(processesMentioning(temp));
    await sleep(10);
  }
  if (!ended) child.kill(signal);
  const status = await exited;
  await sleep(2000);
  return { left: processesMentioning(temp), listened, ...status };
}

describe('no browser outlives the build (real Chromium)', () => {
  const exitCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'] as const) {
    // Before the browser starts, while it boots, and while it prints.
    for (const afterMs of [20, 250, 900]) {
      it(`${signal} after ${afterMs} ms: the build ends, its Chromium processes are gone 2 s later, and none ever listened on TCP`, async () => {
        const result = await signalledBuild(signal, afterMs);
        expect(result.left).toEqual([]);
        expect(result.listened).toBe(false);
        // Ended by its handler (128 + the signal), or by the signal itself before Node ran any of
        // its code (or SIGKILL), or done before the signal came.
        expect(result.signal === signal || result.code === 0 || result.code === exitCodes[signal]).toBe(true);
      });
    }
  }
});
