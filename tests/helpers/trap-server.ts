import { createServer, type Server } from 'node:http';

/** A local HTTP server that records every request it gets; hostile documents point at it. */
export interface TrapServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startTrapServer(): Promise<TrapServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('root:x:0:0:LEAKED');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
