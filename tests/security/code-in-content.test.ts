import { cp, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { SPARE_CODES, tempDir, TEMPLATES, writeContent } from '../helpers/content.js';
import { pdfText } from '../helpers/pdf.js';

const DATASET = 'country,instrument,year,amount_eur,status\nML,Fund,2016,1000000,paid\n';
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

/** A path that a payload would create if it ran; each test gets its own. */
function canary(): string {
  return `/tmp/factsheets-canary-${randomBytes(6).toString('hex')}`;
}

/** The published Handlebars prototype-access payloads (4.0.x–4.5.x RCE and property reads), aimed at `marker`. */
function payloads(marker: string): string[] {
  const command = `return require('child_process').execSync('touch ${marker}');`;
  return [
    `{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "${command}"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}`,
    `{{#with this as |obj|}}{{#with (obj.constructor.keys "1") as |arr|}}{{arr.pop}}{{arr.push obj.constructor.name.constructor.bind}}{{arr.pop}}{{arr.push "${command}"}}{{arr.pop}}{{#blockHelperMissing obj.constructor.name.constructor.bind}}{{#with (arr.constructor (obj.constructor.name.constructor.bind.apply obj.constructor.name.constructor arr))}}{{#with (obj.constructor.getOwnPropertyDescriptor this 0)}}{{#with (obj.constructor.defineProperty obj.constructor.prototype "toString" this)}}{{#with (obj.constructor.constructor "test")}}{{/with}}{{/with}}{{/with}}{{/with}}{{/blockHelperMissing}}{{/with}}{{/with}}`,
    '{{lookup (lookup this "constructor") "name"}}',
    '{{#each (lookup this "__proto__")}}{{@key}}{{/each}}',
  ];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

describe('front matter that is code', () => {
  it.each(['js', 'javascript'])('---%s front matter is refused and never run', async (language) => {
    const marker = canary();
    const content = await writeContent({
      'countries/mali.md': `---${language}\n{ name: require('fs').writeFileSync('${marker}', 'ran'), iso: 'ML' }\n---\n\nText.\n`,
      'countries/niger.md': '---\nname: Niger\niso: NE\n---\n\nFine.\n',
      'funding.csv': `${DATASET}NE,Fund,2016,5,paid\n`,
    });
    const result = await runCli(['build', '--content', content, '--out', await tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`countries/mali.md:1:4: error: front matter in "${language}" is not accepted: only YAML front matter is`);
    expect(result.stdout).toMatch(/1 built, 1 failed/);
    expect(await exists(marker)).toBe(false);
  });
});

describe('Handlebars template-injection payloads', () => {
  it('neither run nor crash the build when a writer puts them in prose', async () => {
    const marker = canary();
    const content = await writeContent({
      ...Object.fromEntries(payloads(marker).map((payload, index) => [
        `countries/payload-${index}.md`, `---\nname: Payload ${index}\niso: ${SPARE_CODES[index] ?? 'ZW'}\n---\n\n${payload}\n`,
      ])),
      'funding.csv': DATASET,
    });
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect([0, 1]).toContain(result.code);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).not.toContain('internal error');
    expect(await exists(marker)).toBe(false);
    for (const name of await readdir(join(out, 'countries')).catch(() => [] as string[])) {
      expect(pdfText(join(out, 'countries', name))).not.toMatch(/function|native code|\[object/);
    }
  });

  it('neither run nor crash the build when a template contains them', async () => {
    const marker = canary();
    const templates = await tempDir('factsheets-payload-templates-');
    await cp(TEMPLATES, templates, { recursive: true });
    await writeFile(join(templates, 'partials/sample-badge.hbs'), payloads(marker).join('\n'));
    const content = await writeContent({ 'countries/mali.md': '---\nname: Mali\niso: ML\n---\n\nText.\n', 'funding.csv': 'country,instrument,year,amount_eur,status,source\nML,Fund,2016,1,paid,Sample data\n' });
    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', await tempDir()]);
    expect([0, 1]).toContain(result.code);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).not.toContain('internal error');
    expect(await exists(marker)).toBe(false);
  });
});

describe('nothing leaves its folder', () => {
  it.each(['../../../../etc/passwd', '/etc/passwd', '../layouts/one-pager', 'one-pager.hbs'])('template: %s is an error, and no file is read', async (template) => {
    const content = await writeContent({ 'countries/mali.md': `---\nname: Mali\niso: ML\ntemplate: ${template}\n---\n`, 'funding.csv': DATASET });
    const result = await runCli(['build', '--content', content, '--out', await tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/countries\/mali\.md:4:11: error: field "template" must be the bare name of a layout in templates\/layouts\//);
    expect(result.stderr).not.toContain('root:');
  });

  it('refuses document names with dots, and writes only inside the output folder', async () => {
    const root = await tempDir('factsheets-confined-');
    const content = await writeContent({
      'countries/..md': '---\nname: Dots\niso: ML\n---\n',
      'countries/mali.v2.md': '---\nname: Mali\niso: ML\n---\n',
      'countries/mali.md': '---\nname: Mali\niso: ML\n---\n',
      'funding.csv': DATASET,
    });
    const out = join(root, 'out');
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('countries/..md: error: "." is not a usable document name');
    expect(result.stderr).toContain('countries/mali.v2.md: error: "mali.v2" is not a usable document name');
    expect((await readdir(root, { recursive: true })).sort()).toEqual(['out', 'out/countries', 'out/countries/mali.pdf', 'out/manifest.json', 'out/manifest.review.json']);
  });

  it('refuses a content file that links outside the content folder', async () => {
    const { symlink } = await import('node:fs/promises');
    const content = await writeContent({ 'funding.csv': DATASET });
    await symlink('/etc/passwd', join(content, 'countries.md'));
    const result = await runCli(['build', '--content', content, '--out', await tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/countries\.md: error: this link points outside its folder, to \/etc\/passwd\n  hint: Copy the file into the folder/);
    expect(result.stderr).not.toContain('root:');
  });
});
