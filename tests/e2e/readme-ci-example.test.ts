import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, tempDir } from '../helpers/content.js';

/** The `run:` lines of the GitHub Actions example in docs/command-line.md, job by job. */
function ciExampleJobs(): { readonly shard: string[]; readonly pack: string[] } {
  const readme = readFileSync(join(PROJECT, 'docs/command-line.md'), 'utf8');
  const yaml = /```yaml\n(jobs:[\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const [, shard = '', pack = ''] = yaml.split(/\n {2}(?=\w+:\n)/);
  const runs = (job: string): string[] =>
    [...job.matchAll(/- run: (.+)/g)].map((match) => (match[1] ?? '').replace(/\s+#.*$/, '').trim());
  return { shard: runs(shard), pack: runs(pack) };
}

describe('the CI example of docs/command-line.md, on a clean clone', () => {
  it("installs with npm ci, builds four shards and then only the pack, with no npx and nothing fetched by the tool's name", async () => {
    const jobs = ciExampleJobs();
    const commands = [...jobs.shard, ...jobs.pack];
    expect(commands.some((command) => /\bnpx\b/.test(command))).toBe(false);
    expect(jobs.shard).toEqual([
      'sudo apt-get install -y chromium',
      'npm ci',
      'npm run factsheets -- build --shard ${{ matrix.shard }}/4',
    ]);
    expect(jobs.pack).toEqual(['sudo apt-get install -y chromium', 'npm ci', 'npm run factsheets -- build']);

    // A clean clone of what is committed; the system package line is what .ci/run already did.
    const clone = join(await tempDir('factsheets-clone-'), 'project');
    execFileSync('git', ['clone', '-q', PROJECT, clone]);
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const run = (command: string): string =>
      execSync(command, {
        cwd: clone,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', PUPPETEER_SKIP_DOWNLOAD: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    expect(() =>
      execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser || command -v google-chrome']),
    ).not.toThrow();

    run(jobs.shard[1] ?? '');
    expect(existsSync(join(clone, 'node_modules/.bin/factsheets')) || existsSync(join(clone, 'dist/cli.js'))).toBe(
      true,
    );
    // The matrix's four jobs, their outputs gathered into one folder as the download step does.
    for (const shard of ['1', '2', '3', '4']) run((jobs.shard[2] ?? '').replace('${{ matrix.shard }}', shard));
    const pack = run(jobs.pack[2] ?? '');
    // The shards made the sample's 18 documents (ten English, six French, one Arabic, one Amharic); this job makes a pack per language.
    expect(pack).toMatch(/4 built \(4 briefing packs\), 18 unchanged/);
    expect(existsSync(join(clone, 'output/briefing-pack.pdf'))).toBe(true);
    expect(existsSync(join(clone, 'output/fr/briefing-pack.pdf'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(clone, 'output/manifest.json'), 'utf8')) as {
      documents: { output: string }[];
    };
    expect(manifest.documents.map((entry) => entry.output)).toContain('briefing-pack.pdf');
    expect(manifest.documents).toHaveLength(22);
  }, 300_000);
});
