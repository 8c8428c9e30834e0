import { existsSync } from 'node:fs';
import { readConfinedFile } from '../stages/confined-files.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import type { BuildReport } from '../model/documents.js';
import { loadAssets, type Asset } from './assets.js';
import { bracketed, hostChecker } from './hosts.js';
import { applyReport, INITIAL_STATE, type PreviewState } from './state.js';

export interface PreviewServerOptions {
  /** Interface to listen on: 127.0.0.1 unless the user asks for another. */
  readonly host: string;
  /** 0 lets the system pick a free port. */
  readonly port: number;
  /** The output folder, the only place PDFs are served from. */
  readonly outDir: string;
}

export interface PreviewServer {
  /** Where the page is, e.g. `http://127.0.0.1:4870/`. */
  readonly url: string;
  /** Takes a build's report and tells every open page. */
  publish(report: BuildReport): void;
  /** Tells every open page that saves are now watched. */
  watching(): void;
  close(): Promise<void>;
}

/**
 * The page may load only its own scripts (pdf.js among them) and talk only to this server;
 * pdf.js draws fonts and images from the PDF through data: and blob: URLs.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Keeps idle event streams open through proxies and lets a closed page be noticed. */
const HEARTBEAT_MS = 15_000;

/**
 * The preview's web server. It answers only GET and HEAD, only for its own Host, and only
 * with its own assets, the state of the builds and the PDFs the builds list: nothing else
 * on disk can be named by a request. It writes nothing.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const assets = await loadAssets();
  const outDir = resolve(options.outDir);
  const streams = new Set<ServerResponse>();
  let state: PreviewState = INITIAL_STATE;
  let allowedHost: (header: string | undefined) => boolean = () => false;

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (!allowedHost(request.headers.host))
      return refuse(response, 403, 'This preview answers only at its own local address.');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return refuse(response, 405, 'The preview is read-only.');
    }
    const path = pathOf(request.url);
    if (path === undefined) return refuse(response, 400, 'Not a path.');
    if (path === '/events') return openStream(request, response);
    if (path === '/state') return send(response, request, { body: JSON.stringify(state), type: 'application/json' });
    if (path.startsWith('/pdf/')) return void servePdf(request, response, decodePath(path.slice('/pdf/'.length)));
    const asset = assets.get(path);
    return asset === undefined ? refuse(response, 404, 'Not found.') : send(response, request, asset);
  });

  const openStream = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    response.write(`retry: 500\n\n${stateEvent(state)}`);
    streams.add(response);
    const heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  };

  const servePdf = async (
    request: IncomingMessage,
    response: ServerResponse,
    output: string | undefined,
  ): Promise<void> => {
    // Only outputs the builds listed, and only inside the output folder (a second lock on the first).
    const listed = state.documents.some((document) => document.output === output && document.hasPdf);
    const file = output === undefined ? undefined : resolve(join(outDir, output));
    if (!listed || file === undefined || !file.startsWith(`${outDir}${sep}`))
      return refuse(response, 404, 'Not found.');
    const bytes = await readConfinedFile(
      { root: outDir, name: 'the output folder', stage: 'load' },
      output ?? '',
    ).catch(() => undefined);
    if (bytes === undefined) return refuse(response, 404, 'The PDF is not in the output folder.');
    send(response, request, { body: bytes, type: 'application/pdf' });
  };

  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host, () => listening());
  });
  const broadcast = (): void => {
    const event = stateEvent(state);
    for (const stream of streams) stream.write(event);
  };
  const port = (server.address() as AddressInfo).port;
  allowedHost = hostChecker(options.host, port);
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : bracketed(options.host);

  return {
    url: `http://${shownHost}:${port}/`,
    publish: (report) => {
      state = applyReport(state, report, (output) => existsSync(join(outDir, output)));
      broadcast();
    },
    watching: () => {
      state = { ...state, watching: true };
      broadcast();
    },
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

function stateEvent(state: PreviewState): string {
  return `event: state\ndata: ${JSON.stringify(state)}\n\n`;
}

function send(response: ServerResponse, request: IncomingMessage, asset: Asset): void {
  response.writeHead(200, { 'Content-Type': asset.type, 'Content-Length': Buffer.byteLength(asset.body) });
  response.end(request.method === 'HEAD' ? undefined : asset.body);
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}

/** The path of a request's target; undefined for a target that is not an absolute path. */
function pathOf(target: string | undefined): string | undefined {
  // Joined, not resolved: a request for `//x` must not become a request for host x.
  if (target === undefined || !target.startsWith('/')) return undefined;
  try {
    return new URL(`http://preview.invalid${target}`).pathname;
  } catch {
    return undefined;
  }
}

/** A URL path as text; undefined when its escapes are malformed. */
function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
