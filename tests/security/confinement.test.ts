import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeOrphans } from '../../src/pipeline/changes.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { loadSources } from '../../src/stages/load.js';
import { runCli } from '../helpers/cli.js';
import { copyEnglishSample, tempDir, writeContent } from '../helpers/content.js';

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );
const tool = { name: 'factsheets', version: '0' };

/** A manifest listing one deleted one-pager at `output`, as a planted or edited file would. */
function plantedManifest(output: string): Manifest {
  return {
    tool,
    documents: [
      {
        output,
        name: 'gone',
        kind: 'one-pager',
        source: 'gone.md',
        pages: 1,
        bytes: 1,
        sha256: '0'.repeat(64),
        fonts: [],
        inputs: {},
        renderMs: 1,
      },
    ],
  };
}

describe('a planted manifest deletes nothing outside the output folder', () => {
  it('the build reports the bad path, exits 1 and the outside file survives (output folder inside the content folder)', async () => {
    const root = await tempDir('factsheets-planted-');
    const content = await copyEnglishSample();
    const out = join(content, 'output');
    await mkdir(out);
    const victim = join(root, 'victim.txt');
    await writeFile(victim, 'keep me');
    const relativeVictim = `../../${root.split('/').pop() ?? ''}/victim.txt`;
    // A manifest of the shape a build writes (one that is not is ignored with a warning, and deletes nothing either).
    await writeFile(join(out, 'manifest.json'), JSON.stringify(plantedManifest(relativeVictim)));
    const full = await runCli(['build', '--content', content, '--out', out]);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    expect(full.code).toBe(1);
    expect(full.stderr).toContain(
      `${join(out, 'manifest.json')}: error: the manifest lists an output that is not a PDF path the build writes: "${relativeVictim}"`,
    );
    expect(full.stderr).toContain('hint: Nothing was deleted.');
    // The documents themselves still build.
    expect(full.stdout).toMatch(/11 built \(10 documents, the briefing pack\), 0 failed, 1 error/);
  });

  it.each(['../victim.pdf', '/tmp/victim.pdf', 'countries/../../victim.pdf', 'manifest.json', 'countries/mali.md'])(
    'refuses %s before removing anything',
    async (output) => {
      const out = await tempDir();
      await writeFile(join(out, 'kept.pdf'), 'x');
      const manifest: Manifest = {
        tool,
        documents: [...plantedManifest('kept.pdf').documents, ...plantedManifest(output).documents],
      };
      await expect(removeOrphans(manifest, { names: new Set(), packs: new Set() }, out)).rejects.toMatchObject({
        stage: 'write',
        file: join(out, 'manifest.json'),
      });
      expect(await exists(join(out, 'kept.pdf'))).toBe(true);
    },
  );

  it('refuses a PDF path whose folder is a link leading outside the output folder', async () => {
    const out = await tempDir();
    const elsewhere = await tempDir();
    await writeFile(join(elsewhere, 'gone.pdf'), 'outside');
    await symlink(elsewhere, join(out, 'countries'));
    await expect(
      removeOrphans(plantedManifest('countries/gone.pdf'), { names: new Set(), packs: new Set() }, out),
    ).rejects.toMatchObject({
      message: 'the manifest lists an output whose folder leads outside the output folder: "countries/gone.pdf"',
    });
    expect(await exists(join(elsewhere, 'gone.pdf'))).toBe(true);
  });

  it('still removes a real orphan inside the output folder', async () => {
    const out = await tempDir();
    await mkdir(join(out, 'countries'));
    await writeFile(join(out, 'countries/gone.pdf'), 'x');
    expect(
      await removeOrphans(plantedManifest('countries/gone.pdf'), { names: new Set(), packs: new Set() }, out),
    ).toEqual(['countries/gone.pdf']);
    expect(await exists(join(out, 'countries/gone.pdf'))).toBe(false);
  });

  it("removes an edition's orphan under its language folder, and refuses a path that climbs out of it", async () => {
    const out = await tempDir();
    await mkdir(join(out, 'fr/countries'), { recursive: true });
    await writeFile(join(out, 'fr/countries/gone.pdf'), 'x');
    expect(
      await removeOrphans(plantedManifest('fr/countries/gone.pdf'), { names: new Set(), packs: new Set() }, out),
    ).toEqual(['fr/countries/gone.pdf']);
    expect(await exists(join(out, 'fr/countries/gone.pdf'))).toBe(false);
    await expect(
      removeOrphans(plantedManifest('fr/../../gone.pdf'), { names: new Set(), packs: new Set() }, out),
    ).rejects.toMatchObject({
      message: 'the manifest lists an output that is not a PDF path the build writes: "fr/../../gone.pdf"',
    });
  });
});

describe('a linked folder leading outside the content or templates folder is an error naming it', () => {
  it('countries/ linked elsewhere: the build fails with the folder named, and prints nothing from outside', async () => {
    const elsewhere = await writeContent({ 'secret.md': '---\nname: Secret\niso: ML\n---\n\nOUTSIDE-SECRET\n' });
    const content = await writeContent({
      'funding.csv': 'country,instrument,year,amount_eur,status\nML,Fund,2016,1,paid\n',
    });
    await symlink(elsewhere, join(content, 'countries'));
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(content, 'countries')}: error: this folder is a link that leads outside the content folder, to ${elsewhere}`,
    );
    expect(await exists(join(out, 'countries/secret.pdf'))).toBe(false);
  });

  it.each(['partials', 'layouts', 'styles', 'assets'])('templates: %s/ linked elsewhere is refused', async (folder) => {
    const elsewhere = await tempDir();
    const templates = await writeContent({
      'layouts/one-pager.hbs': 'x',
      'partials/a.hbs': 'a',
      'styles/base.css': 'b',
      'assets/a.svg': '<svg/>',
    });
    const { rm } = await import('node:fs/promises');
    await rm(join(templates, folder), { recursive: true });
    await symlink(elsewhere, join(templates, folder));
    await expect(loadSources(await writeContent({}), templates)).rejects.toMatchObject({
      stage: 'load',
      file: join(templates, folder),
      message: `this folder is a link that leads outside the templates folder, to ${elsewhere}`,
    });
  });

  it('a linked folder that stays inside is fine', async () => {
    const templates = await writeContent({ 'layouts/one-pager.hbs': 'x', 'shared/a.hbs': 'a' });
    await symlink(join(templates, 'shared'), join(templates, 'partials'));
    const sources = await loadSources(await writeContent({}), templates);
    expect([...sources.templates.partials.keys()]).toEqual(['a']);
  });
});
