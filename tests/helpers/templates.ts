import type { LoadedTemplates } from '../../src/model/sources.js';
import { source } from './sources.js';

/** Templates held in memory: `{ 'layouts/x': '…', 'partials/y': '…', 'styles/z': '…', 'messages/en': '…' }`. */
export function templatesOf(files: Readonly<Record<string, string>>): LoadedTemplates {
  const pick = (folder: string, extension: string) =>
    new Map(
      Object.entries(files)
        .filter(([path]) => path.startsWith(`${folder}/`))
        .map(([path, text]) => [path.slice(folder.length + 1), source(`templates/${path}${extension}`, text)]),
    );
  const assets = new Map(
    Object.entries(files)
      .filter(([path]) => path.startsWith('assets/'))
      .map(([path, text]) => [
        path.slice('assets/'.length),
        { displayPath: `templates/${path}`, bytes: Buffer.from(text) },
      ]),
  );
  return {
    layouts: pick('layouts', '.hbs'),
    partials: pick('partials', '.hbs'),
    styles: pick('styles', '.css'),
    assets,
    messages: pick('messages', '.yml'),
    messagesFolder: 'templates/messages',
  };
}
