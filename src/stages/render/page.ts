import { dirname } from 'node:path';
import type { TemplateEnvironment } from './handlebars/environment.js';
import type { Limits } from '../../limits.js';
import type { BuildWarning, HtmlPage, RenderJob } from '../../model/documents.js';
import { markdownToHtml } from './markdown.js';
import { recordingReader, type ImageReader, type ImageUse } from './images.js';

/** The images a page may embed: how to read one (confined to the content folder by the caller), and the limits. */
export interface ContentImages {
  readonly read: ImageReader;
  readonly limits: Limits;
}

/**
 * One document to one HTML page: the figures-in-prose pass over its Markdown, Markdown to
 * HTML (images inlined through `contentImages`, none without it; prose hyphenated in the view's
 * `lang`), then its layout around it. It reads no file itself.
 */
export function renderPage(job: RenderJob, templates: TemplateEnvironment, contentImages?: ContentImages): HtmlPage {
  const { document } = job;
  const file = document.source.displayPath;
  const prose = templates.renderProse(document.body, job.view, file);
  const images: ImageUse[] = [];
  const imageSource =
    contentImages === undefined
      ? undefined
      : {
          documentDir: dirname(document.source.absolutePath),
          file,
          read: recordingReader(contentImages.read, images),
          limits: contentImages.limits,
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
