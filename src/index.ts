/** The public API: build PDFs from a content folder, programmatically. */
import { resolveConfig, type BuildOptions } from './config.js';
import { runPipeline } from './pipeline/pipeline.js';
import type { BuildReport } from './model/documents.js';

export { resolveConfig, defaultJobs, type BuildConfig, type BuildOptions } from './config.js';
export { FactsheetsError, formatError, formatPosition, type Stage } from './errors.js';
export { runPipeline, type PipelineDeps } from './pipeline/pipeline.js';
export {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatWholePercent,
} from './stages/render/handlebars/format.js';
export type * from './model/documents.js';

/** Builds every document of a content folder into PDFs; the report lists results and errors. */
export function build(options: BuildOptions = {}): Promise<BuildReport> {
  return runPipeline(resolveConfig(options));
}
