import { parentPort, workerData } from 'node:worker_threads';
import { FactsheetsError } from '../../errors.js';
import type { RenderJob } from '../../model/documents.js';
import type { LoadedTemplates } from '../../model/sources.js';
import { createEnvironment } from './handlebars/environment.js';
import { renderPage } from './page.js';
import { contentImageReader } from '../content-images.js';
import type { ImageUse } from './images.js';
import type { RenderSetup } from './renderer.js';

/** A render request from the build, and the answer: the page, or the error as plain fields. */
export interface RenderRequest {
  readonly id: number;
  readonly job: RenderJob;
}

export type RenderAnswer =
  | { readonly ready: true }
  | {
      readonly id: number;
      readonly html: string;
      readonly warnings: readonly unknown[];
      readonly images: readonly ImageUse[];
    }
  | {
      readonly id: number;
      readonly error: { readonly message: string; readonly fields: ReturnType<FactsheetsError['fields']> | undefined };
    };

/**
 * A render worker: compiles the templates once, then renders each job it is sent. It runs in
 * a thread of its own so that a pathological document can be stopped at its deadline without
 * stalling the build (or its signal handling).
 */
function serve(setup: RenderSetup): void {
  // Structured cloning turned Buffers into plain Uint8Arrays.
  const assets = new Map(
    [...setup.templates.assets].map(([name, asset]) => [name, { ...asset, bytes: Buffer.from(asset.bytes) }]),
  );
  const templates: LoadedTemplates = { ...setup.templates, assets };
  const environment = createEnvironment(templates, setup.fontsReference);
  const contentImages = { read: contentImageReader(setup.contentDir, setup.limits), limits: setup.limits };
  parentPort?.on('message', ({ id, job }: RenderRequest) => {
    let answer: RenderAnswer;
    try {
      const page = renderPage(job, environment, contentImages);
      answer = { id, html: page.html, warnings: page.warnings, images: page.images ?? [] };
    } catch (error) {
      answer = {
        id,
        error:
          error instanceof FactsheetsError
            ? { message: error.message, fields: error.fields() }
            : { message: error instanceof Error ? error.message : String(error), fields: undefined },
      };
    }
    parentPort?.postMessage(answer);
  });
  // Deadlines start once a worker is ready: loading and compiling are not the document's time.
  parentPort?.postMessage({ ready: true } satisfies RenderAnswer);
}

serve(workerData as RenderSetup);
