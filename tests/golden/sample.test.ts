import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/stages/render/handlebars/environment.js';
import { loadSources } from '../../src/stages/load.js';
import { planJobs } from '../../src/stages/plan.js';
import { renderPage } from '../../src/stages/render/page.js';
import { validateSources } from '../../src/stages/validate.js';
import { SAMPLE_CONTENT, TEMPLATES } from '../helpers/content.js';

/**
 * The rendered HTML of every sample document, compared with the checked-in files next to this
 * test (update on purpose with `npx vitest run tests/golden -u`). Fonts are left out: they are
 * megabytes of base64 and are checked on the real PDFs instead.
 */
describe('golden HTML of the bundled sample', async () => {
  const sources = await loadSources(SAMPLE_CONTENT, TEMPLATES);
  const validation = validateSources(sources);
  const planned = planJobs(validation.documents, validation.dataset, undefined, validation.settings);
  const environment = createEnvironment(sources.templates, '/* embedded fonts */');

  it('has valid inputs', () => {
    expect(validation.errors).toEqual([]);
    expect(planned.errors).toEqual([]);
  });

  for (const job of planned.jobs) {
    it(`renders ${job.outputPath}`, async () => {
      await expect(renderPage(job, environment).html).toMatchFileSnapshot(`./sample/${job.document.name}.html`);
    });
  }
});
