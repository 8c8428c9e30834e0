import { dirname } from 'node:path';
import type { TemplateEnvironment } from './handlebars/environment.js';
import { DEFAULT_LIMITS, type Limits } from '../../limits.js';
import { contentImageReader } from '../load.js';
import type { BuildWarning, HtmlPage, RenderJob } from '../../types.js';
import { markdownToHtml } from './markdown.js';
import { recordingReader, type ImageUse } from './images.js';

/**
 * One document to one HTML page: the figures-in-prose pass over its Markdown, Markdown to
 * HTML (images inlined from `contentDir`, prose hyphenated in the view's `lang`), then its layout around it.
 */
export function renderPage(
  job: RenderJob,
  templates: TemplateEnvironment,
  contentDir?: string,
  limits: Limits = DEFAULT_LIMITS,
): HtmlPage {
  const { document } = job;
  const file = document.source.displayPath;
  const prose = templates.renderProse(document.body, job.view, file);
  const images: ImageUse[] = [];
  const imageSource =
    contentDir === undefined
      ? undefined
      : {
          documentDir: dirname(document.source.absolutePath),
          file,
          read: recordingReader(contentImageReader(contentDir, limits), images),
          limits,
        };
  const lang = typeof job.view['lang'] === 'string' ? job.view['lang'] : undefined;
  const markdown = markdownToHtml(prose, imageSource, lang);
  const warnings: BuildWarning[] = markdown.warnings.map((warning) => ({ ...warning, file, document: document.name }));
  const html = templates.renderLayout(job.layout, job.view, markdown.html);
  for (const url of localFileReferences(html)) {
    warnings.push({
      message: `blocked a reference to ${url}: the page may not read local files`,
      file,
      document: document.name,
    });
  }
  return { job, html, warnings, images };
}

/**
 * `file:` URLs in attributes or CSS. Chromium refuses them before any request exists (so the
 * print stage never sees them); this names them anyway, as every blocked URL must be.
 */
export function localFileReferences(html: string): string[] {
  const found = [
    ...html.matchAll(/\s(?:src|href|data|poster|action|srcset|background)\s*=\s*["']?\s*(file:[^"'\s>]*)/gi),
    ...html.matchAll(/url\(\s*["']?(file:[^"')\s]*)/gi),
  ].map((match) => match[1] ?? '');
  return [...new Set(found)];
}
