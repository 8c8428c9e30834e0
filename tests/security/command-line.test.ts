import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_FLAGS } from '../../src/cli/flags.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { pdfsIn } from '../helpers/processes.js';
import { runGuarded } from '../helpers/small-project.js';

describe('init writes only into the new project, and says so safely', () => {
  it('an empty name (an unset $DIR) is refused, and nothing is written into the current folder', async () => {
    const cwd = await tempDir('factsheets-init-');
    const result = await runCli(['init', ''], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^factsheets: init needs a folder name, got an empty one \(is a variable unset\?\)\n/,
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it('control characters of the name are written out, never sent to the terminal', async () => {
    const cwd = await tempDir('factsheets-init-');
    const result = await runCli(['init', 'new\u001b]0;owned\u0007\nx'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(result.stdout).toContain('wrote 5 files into new\\x1b]0;owned\\x07\\nx\n');
  });

  it('/proc/1/x fails at once with a clear error', async () => {
    const result = await runGuarded(['init', '/proc/1/x'], 30_000);
    expect(result.hung, 'init spun on /proc').toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '/proc/1/x: error: /proc/1 is a kernel file system (such as /proc), where no project can be written\n' +
        '  hint: Choose a folder on a disk you can write to, e.g. factsheets init my-programme.\n',
    );
  }, 40_000);

  it('a link inside the target folder is refused; nothing is written where it leads', async () => {
    const cwd = await tempDir('factsheets-init-');
    const elsewhere = await tempDir('factsheets-elsewhere-');
    await mkdir(join(cwd, 'project'));
    await symlink(elsewhere, join(cwd, 'project/countries'));
    const result = await runCli(['init', 'project'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(cwd, 'project/countries')}: error: this is a link (to ${elsewhere}): nothing is written or read through a link in the new project`,
    );
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it("the printed next command builds the new project into its own output folder, never the current one's", async () => {
    const cwd = await tempDir('factsheets-init-');
    const init = await runCli(['init', 'my-programme'], { cwd });
    expect(init.code).toBe(0);
    const next = /^next: npm run factsheets -- (.+)$/m.exec(init.stdout)?.[1];
    expect(next).toBe('build --content my-programme --out my-programme/output');
    const build = await runCli((next ?? '').split(' '), { cwd });
    expect(build.code, build.stderr).toBe(0);
    expect(await pdfsIn(join(cwd, 'my-programme/output'))).toHaveLength(4);
    expect((await readdir(cwd)).sort()).toEqual(['my-programme']);
  }, 60_000);
});

describe('every option is checked against its documented range', () => {
  it.each([
    [['build', '--timeout', '0.001'], '--timeout must be a number of seconds from 1 to 3600, got "0.001"'],
    [['build', '--timeout', '3601'], '--timeout must be a number of seconds from 1 to 3600, got "3601"'],
    [['build', '--timeout', '1e3'], '--timeout must be a number of seconds from 1 to 3600, got "1e3"'],
    [['build', '--jobs', '0'], '--jobs must be a whole number from 1 to 64, got "0"'],
    [['build', '--jobs', '2.5'], '--jobs must be a whole number from 1 to 64, got "2.5"'],
    [['build', '--jobs', ' 4'], '--jobs must be a whole number from 1 to 64, got " 4"'],
    [['build', '--out', ''], '--out needs a folder, got an empty name'],
    [['review', '--against', 'x', '--timeout', '0'], '--timeout must be a number of seconds from 1 to 3600, got "0"'],
    [['preview', '--port', ''], '--port must be a whole number from 0 to 65535, got ""'],
    [['preview', '--port', '0x50'], '--port must be a whole number from 0 to 65535, got "0x50"'],
    [['review', '--against', ''], '--against needs a folder, got an empty name'],
    [['review', '--against', 'x', '--report', ''], '--report needs a folder, got an empty name'],
    [['forecast', '--expansion', ''], '--expansion needs at least one LANG=PERCENT, e.g. --expansion fr=25'],
    [['build', '--shard', '5/4'], '--shard must be I/N with 1 ≤ I ≤ N (e.g. 2/4), got "5/4"'],
    [
      ['build', '--browser-url', 'file:///etc/passwd'],
      '--browser-url must be a URL starting with ws://, wss://, http:// or https://, got "file:///etc/passwd"',
    ],
  ])('%j is refused', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`factsheets: ${message}`);
  });

  it.each(Object.keys(COMMAND_FLAGS))(
    'factsheets %s --help lists every option of the table, and nothing else',
    async (command) => {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: factsheets ${command} `));
      const listed = [...result.stdout.matchAll(/^ {2}(?:-h, )?(--[a-z-]+)/gm)].map((match) => match[1]);
      expect(listed).toEqual([
        ...Object.keys(COMMAND_FLAGS[command as keyof typeof COMMAND_FLAGS]).map((name) => `--${name}`),
        '--help',
      ]);
    },
  );

  it.each(['soon', '-1', '1.5', '99999999999999', '253402300800'])(
    'SOURCE_DATE_EPOCH=%s is one clear error, exit 2',
    async (value) => {
      const out = await tempDir('factsheets-out-');
      const result = await runCli(['build', '--out', out], { env: { SOURCE_DATE_EPOCH: value } });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `factsheets: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, from 0 to 253402300799 (the end of 9999), got "${value}"\n` +
          "  hint: Set it to a commit's time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.\n",
      );
      expect(await pdfsIn(out)).toEqual([]);
    },
  );
});
