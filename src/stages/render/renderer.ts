import type { LoadedTemplates } from '../../model/sources.js';
import type { Limits } from '../../limits.js';
import type { HtmlPage, RenderJob } from '../../model/documents.js';

/** Turns render jobs into HTML pages: in worker threads under a deadline, or in this thread. */
export interface Renderer {
  /** Rejects with a FactsheetsError (a template or Markdown problem, or the deadline). */
  render(job: RenderJob): Promise<HtmlPage>;
  close(): Promise<void>;
}

/** What every page of a build is rendered with; the same in any thread. */
export interface RenderSetup {
  readonly templates: LoadedTemplates;
  /** The short reference pages carry instead of the embedded fonts' CSS. */
  readonly fontsReference: string;
  readonly contentDir: string;
  readonly limits: Limits;
}

/**
 * Rendering in this thread: for running from the TypeScript sources (tests), where a worker
 * thread could not load them. A template that does not compile throws here, once.
 */
export async function renderInThisThread(setup: RenderSetup): Promise<Renderer> {
  const [{ createEnvironment }, { renderPage }, { contentImageReader }] = await Promise.all([
    import('./handlebars/environment.js'),
    import('./page.js'),
    import('../content-images.js'),
  ]);
  const environment = createEnvironment(setup.templates, setup.fontsReference);
  const contentImages = { read: contentImageReader(setup.contentDir, setup.limits), limits: setup.limits };
  return {
    render: async (job) => renderPage(job, environment, contentImages),
    close: async () => undefined,
  };
}
