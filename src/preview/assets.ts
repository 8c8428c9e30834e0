import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_HTML, STYLES } from './page.js';

/** A file the preview serves, held in memory. */
export interface Asset {
  readonly body: string | Buffer;
  readonly type: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/** The pdf.js files the page loads, by the URL it loads them from. */
const PDFJS_FILES: Readonly<Record<string, string>> = {
  '/pdfjs/pdf.min.mjs': 'pdfjs-dist/build/pdf.min.mjs',
  '/pdfjs/pdf.worker.min.mjs': 'pdfjs-dist/build/pdf.worker.min.mjs',
};

/**
 * Everything the preview serves besides the PDFs, read once into memory and keyed by URL
 * path: requests are answered by lookup, so no request path ever reaches the file system.
 * The page's scripts are compiled by tsc to dist/preview/client/; pdf.js comes from its package.
 */
export async function loadAssets(): Promise<ReadonlyMap<string, Asset>> {
  const assets = new Map<string, Asset>([
    ['/', { body: INDEX_HTML, type: 'text/html; charset=utf-8' }],
    ['/preview.css', { body: STYLES, type: 'text/css; charset=utf-8' }],
  ]);
  const clientDir = join(packageRoot(), 'dist/preview/client');
  for (const file of (await readdir(clientDir)).filter((name) => name.endsWith('.js'))) {
    assets.set(`/client/${file}`, { body: await readFile(join(clientDir, file)), type: JAVASCRIPT });
  }
  const require = createRequire(import.meta.url);
  for (const [path, specifier] of Object.entries(PDFJS_FILES)) {
    assets.set(path, { body: await readFile(require.resolve(specifier)), type: JAVASCRIPT });
  }
  return assets;
}

/** The folder of factsheets' package.json: this module runs from src/, dist/ or the bundle in dist/. */
function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}
