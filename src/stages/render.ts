import type { TemplateEnvironment } from '../handlebars/environment.js';
import type { HtmlPage, RenderJob } from '../types.js';
import { markdownToHtml } from './markdown.js';

/**
 * One document to one HTML page: the figures-in-prose pass over its Markdown, Markdown to
 * HTML, then its layout around it. Pure: the same job and templates give the same page.
 */
export function renderPage(job: RenderJob, templates: TemplateEnvironment): HtmlPage {
  const { document } = job;
  const prose = templates.renderProse(document.body, job.view, document.source.displayPath);
  const body = markdownToHtml(prose);
  return { job, html: templates.renderLayout(job.layout, job.view, body) };
}
