import { describe, expect, it } from 'vitest';
import { BUNDLED_TEMPLATES, resolveConfig } from '../../src/config.js';
import { PROJECT, tempDir } from '../helpers/content.js';

describe('resolveConfig', () => {
  it('applies the contract defaults relative to the working folder, and freezes', () => {
    const config = resolveConfig({}, {}, PROJECT);
    expect(config).toMatchObject({
      contentDir: `${PROJECT}/content`,
      templatesDir: `${PROJECT}/templates`,
      outDir: `${PROJECT}/output`,
      only: undefined,
      browserExecutable: undefined,
      sourceDateEpoch: undefined,
    });
    expect(config.browserPages).toBeGreaterThanOrEqual(1);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses the bundled templates when the working folder has none', async () => {
    expect(resolveConfig({}, {}, await tempDir()).templatesDir).toBe(BUNDLED_TEMPLATES);
    expect(BUNDLED_TEMPLATES).toBe(`${PROJECT}/templates`);
  });

  it("uses a project's own templates/ (in its content folder) without --templates, from any working folder", async () => {
    const { mkdir } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const project = await tempDir();
    await mkdir(join(project, 'templates'));
    const elsewhere = await tempDir();
    expect(resolveConfig({ contentDir: project }, {}, elsewhere).templatesDir).toBe(join(project, 'templates'));
    // The content folder's own wins over the working folder's; the flag wins over both.
    expect(resolveConfig({ contentDir: project }, {}, PROJECT).templatesDir).toBe(join(project, 'templates'));
    expect(resolveConfig({ contentDir: project, templatesDir: 'templates' }, {}, PROJECT).templatesDir).toBe(
      `${PROJECT}/templates`,
    );
  });

  it('reads PUPPETEER_EXECUTABLE_PATH and SOURCE_DATE_EPOCH; options win', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/opt/chrome', SOURCE_DATE_EPOCH: '1504656000' };
    expect(resolveConfig({}, env, '/p')).toMatchObject({
      browserExecutable: '/opt/chrome',
      sourceDateEpoch: 1_504_656_000,
    });
    expect(resolveConfig({ browserExecutable: '/x', sourceDateEpoch: 1 }, env, '/p')).toMatchObject({
      browserExecutable: '/x',
      sourceDateEpoch: 1,
    });
    expect(resolveConfig({}, { SOURCE_DATE_EPOCH: 'yesterday', PUPPETEER_EXECUTABLE_PATH: '' }, '/p')).toMatchObject({
      browserExecutable: undefined,
      sourceDateEpoch: undefined,
    });
  });
});
