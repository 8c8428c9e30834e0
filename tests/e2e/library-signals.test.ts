import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, tempDir } from '../helpers/content.js';

/**
 * A program of its own that builds through the public API and has its own SIGINT handler: it
 * counts the signals and carries on. The library must neither end the process nor install
 * handlers of its own, so the build completes and the program decides how it ends.
 */
const PROGRAM = (index: string, out: string): string => `
import { build } from ${JSON.stringify(index)};
let interrupts = 0;
process.on('SIGINT', () => { interrupts += 1; process.stdout.write('handled SIGINT\\n'); });
const building = build({ contentDir: ${JSON.stringify(join(PROJECT, 'content'))}, outDir: ${JSON.stringify(out)}, force: true });
process.stdout.write('building\\n');
const report = await building;
process.stdout.write(\`built \${report.documents.filter((d) => d.status === 'built').length}, errors \${report.errors.length}, interrupts \${interrupts}, library handlers \${process.listenerCount('SIGINT') - 1}\\n\`);
process.exitCode = 7;
`;

describe('the public API and signals', () => {
  it('leaves signals to the calling program: its SIGINT handler runs, the build completes, the program picks its exit status', async () => {
    const folder = await tempDir('factsheets-api-');
    const script = join(folder, 'program.mjs');
    await writeFile(script, PROGRAM(join(PROJECT, 'dist/index.js'), join(folder, 'out')));
    const child = spawn(process.execPath, [script], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Interrupt once while the build runs, as a user pressing Ctrl-C would.
      if (stdout.includes('building') && !interrupted) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(stdout).toContain('handled SIGINT');
    // Eighteen documents (ten English, six French, one Arabic, one Amharic) and a briefing pack per language: every PDF the build wrote.
    expect(stdout).toMatch(/built 22, errors 0, interrupts 1, library handlers 0/);
    expect(code).toBe(7);
  });
});
