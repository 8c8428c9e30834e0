import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { SAMPLE_CONTENT, tempDir } from '../helpers/content.js';

describe('factsheets languages check', () => {
  it('says Arabic and Amharic can be printed, with the facts it checked', async () => {
    const result = await runCli(['languages', 'check', 'ar-MA', 'am']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ar-MA \(Arabic \(Morocco\)\): can be printed\n {2}direction {3}right to left/);
    expect(result.stdout).toMatch(/^ {2}figures {5}latn digits, as CLDR writes ar-MA: 2,9.مليار.€/m);
    expect(result.stdout).toMatch(/^am \(Amharic\): can be printed$/m);
    expect(result.stdout).toMatch(/^ {2}messages {4}templates\/messages\/am\.yml: every message the templates use$/m);
  });

  it('fails a language the templates cannot print yet, listing what is missing', async () => {
    const templates = join(await tempDir('factsheets-templates-'), 'templates');
    await cp('templates', templates, { recursive: true });
    // The templates without their Ethiopic font, and without one Amharic message.
    const fonts = join(templates, 'styles/fonts.css');
    await writeFile(
      fonts,
      (await readFile(fonts, 'utf8')).replace(/^@import '@fontsource\/noto-sans-ethiopic\/.*$/gm, ''),
    );
    const messages = join(templates, 'messages/am.yml');
    await writeFile(messages, (await readFile(messages, 'utf8')).replace(/^ {2}total: .*\n/m, ''));
    const result = await runCli(['languages', 'check', 'am', '--templates', templates]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^am \(Amharic\): cannot be printed yet$/m);
    expect(result.stdout).toMatch(
      /^✗ fonts {7}the declared fonts \(.*fonts\.css\) lack \d+ of the letters and digits CLDR [\d.]+ lists for am/m,
    );
    expect(result.stdout).toMatch(
      /^✗ messages {4}1 problem in the messages\n {14}.*am\.yml: message "brief\.total" is missing$/m,
    );
  });

  it('refuses a command line without a language', async () => {
    const result = await runCli(['languages', 'check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^factsheets: languages check needs at least one language tag, e.g. factsheets languages check ar\n/,
    );
  });
});

describe('factsheets forecast', () => {
  it('says per brief whether a translation would fit and the characters left, writing nothing to the output folder', async () => {
    const content = await tempDir('factsheets-forecast-content-');
    await cp(SAMPLE_CONTENT, content, { recursive: true });
    // Two briefs are enough (the factsheet and the editions are not forecast anyway).
    for (const name of await readdir(join(content, 'countries')))
      if (!['mali.md', 'morocco.md'].includes(name)) await rm(join(content, 'countries', name));
    await rm(join(content, 'factsheet.md'));
    await rm(join(content, 'factsheet.fr.md'));
    const out = await tempDir('factsheets-forecast-out-');
    const result = await runCli(['forecast', 'fr', '--expansion', 'de=250', '--content', content, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^fr \+20% +\S*countries\/mali\.md: fits as designed, about \d+ characters left$/m);
    expect(result.stdout).toMatch(
      /^de \+250% +\S*countries\/mali\.md: would not fit: does not fit on one page even at its densest step/m,
    );
    expect(result.stdout).toMatch(/^4 forecasts, [12] would not fit \(nothing written to the output folder\)$/m);
    expect(result.code).toBe(1);
    expect(await readdir(out)).toEqual([]);
    // The more a language runs over, the less room: French leaves fewer characters than the English text has.
    const frenchRoom = Number(
      /^fr \+20% +\S*mali\.md: fits [^,]*, about (\d+) characters left$/m.exec(result.stdout)?.[1],
    );
    const same = await runCli(['forecast', '--expansion', 'en=0', '--content', content, '--out', out]);
    const englishRoom = Number(/^en 0% +\S*mali\.md: fits [^,]*, about (\d+) characters left$/m.exec(same.stdout)?.[1]);
    expect(englishRoom).toBeGreaterThan(frenchRoom);
  });

  it('refuses an expansion it cannot read', async () => {
    const result = await runCli(['forecast', '--expansion', 'fr:20']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^factsheets: --expansion: "fr:20" is not LANG=PERCENT \(write for example fr=20 or ar=-10\)\n/,
    );
  });
});
