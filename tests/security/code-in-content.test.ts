import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
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

/** Where the second payload calls blockHelperMissing (its column moves with the canary's path). */
function blockHelperColumn(marker: string): number {
  return (payloads(marker)[1] ?? '').indexOf('{{#blockHelperMissing') + 1;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
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
    expect(result.stderr).toContain(
      `countries/mali.md:1:4: error: front matter in "${language}" is not accepted: only YAML front matter is`,
    );
    expect(result.stdout).toMatch(/1 built, 1 failed/);
    expect(await exists(marker)).toBe(false);
  });
});

describe('Handlebars template-injection payloads', () => {
  it('neither run nor crash the build when a writer puts them in prose', async () => {
    const marker = canary();
    const content = await writeContent({
      ...Object.fromEntries(
        payloads(marker).map((payload, index) => [
          `countries/payload-${index}.md`,
          `---\nname: Payload ${index}\niso: ${SPARE_CODES[index] ?? 'ZW'}\n---\n\n${payload}\n`,
        ]),
      ),
      'funding.csv': DATASET,
    });
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out]);
    // The two RCE chains fail their document, each at the helper that is not there; the two reads build.
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\n2 built, 2 failed, 2 errors in/);
    expect(result.stderr).toContain('countries/payload-0.md:6:80: error: one-pager payload-0: unknown helper "push"');
    expect(result.stderr).toContain(
      `countries/payload-1.md:6:${blockHelperColumn(marker)}: error: one-pager payload-1: the "blockHelperMissing" helper is not available`,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).not.toContain('internal error');
    expect(await exists(marker)).toBe(false);
    expect((await readdir(join(out, 'countries'))).sort()).toEqual(['payload-2.pdf', 'payload-3.pdf']);
    for (const name of ['payload-2.pdf', 'payload-3.pdf']) {
      const text = pdfText(join(out, 'countries', name));
      // The page is there (its figures), and nothing the prototype holds reached it ("Object" is constructor.name).
      expect(text).toContain(`Payload ${name[8]}`);
      expect(text).not.toMatch(/Object|function|native code|\[object|__proto__|constructor/);
    }
  });

  it('neither run nor crash the build when a template contains them', async () => {
    const marker = canary();
    const templates = await tempDir('factsheets-payload-templates-');
    await cp(TEMPLATES, templates, { recursive: true });
    // The partial keeps what it shows (its messages stay used) and gets every payload after it.
    const partial = join(templates, 'partials/sample-badge.hbs');
    const original = await readFile(partial, 'utf8');
    await writeFile(partial, `${original}\n${payloads(marker).join('\n')}`);
    // The second payload's line: after the partial's own lines, the blank one and the first payload.
    const line = original.split('\n').length + 2;
    const content = await writeContent({
      'countries/mali.md': '---\nname: Mali\niso: ML\n---\n\nText.\n',
      'funding.csv': 'country,instrument,year,amount_eur,status,source\nML,Fund,2016,1,paid,Sample data\n',
    });
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', out]);
    // Refused when the templates are compiled: one error at the payload, no PDF printed.
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${join(templates, 'partials/sample-badge.hbs')}:${line}:${blockHelperColumn(marker)}: error: the "blockHelperMissing" helper is not available\n` +
        "  hint: Remove it: templates and prose cannot write to the build's output. Helpers here: money, number, percent, wholePercent, date.\n",
    );
    expect(result.stdout).toMatch(/^FAILED countries\/mali\.pdf/m);
    expect(await exists(join(out, 'countries/mali.pdf'))).toBe(false);
    expect(await exists(marker)).toBe(false);
  });
});

describe('nothing leaves its folder', () => {
  it.each(['../../../../etc/passwd', '/etc/passwd', '../layouts/one-pager', 'one-pager.hbs'])(
    'template: %s is an error, and no file is read',
    async (template) => {
      const content = await writeContent({
        'countries/mali.md': `---\nname: Mali\niso: ML\ntemplate: ${template}\n---\n`,
        'funding.csv': DATASET,
      });
      const result = await runCli(['build', '--content', content, '--out', await tempDir()]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /countries\/mali\.md:4:11: error: field "template" must be the bare name of a layout in templates\/layouts\//,
      );
      expect(result.stderr).not.toContain('root:');
    },
  );

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
    expect((await readdir(root, { recursive: true })).sort()).toEqual([
      'out',
      'out/countries',
      'out/countries/mali.pdf',
      'out/manifest.json',
      'out/manifest.review.json',
    ]);
  });

  it('refuses a content file that links outside the content folder', async () => {
    const { symlink } = await import('node:fs/promises');
    const content = await writeContent({ 'funding.csv': DATASET });
    await symlink('/etc/passwd', join(content, 'countries.md'));
    const result = await runCli(['build', '--content', content, '--out', await tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /countries\.md: error: this link points outside its folder, to \/etc\/passwd\n  hint: Copy the file into the folder/,
    );
    expect(result.stderr).not.toContain('root:');
  });
});
