// A real HTTP server on 127.0.0.1 serving the pages the pipeline tests fetch, including the
// hostile and broken ones. Routes count their hits so tests can assert retries.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface FixtureServer {
  /** e.g. http://127.0.0.1:43121 */
  origin: string;
  /** host:port, for NEWSDIGEST_ALLOW_HOSTS */
  hostPort: string;
  port: number;
  hits(path: string): number;
  route(path: string, handler: RouteHandler): void;
  close(): Promise<void>;
  /** Starts listening again on the same port after close() (a server that comes back). */
  reopen(): Promise<void>;
}

export function htmlPage(title: string, paragraphs: string[], extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${extraHead}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Ana Reporter</p>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main><footer><a href="/about">About us</a> <a href="/contact">Contact</a></footer></body></html>`;
}

export async function startFixtureServer(routes: Record<string, RouteHandler> = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const h = table.get(path);
    if (!h) { res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'); return; }
    h(req, res, n);
  };
  let server: Server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    port,
    hits: (path) => counts.get(path) ?? 0,
    route: (path, h) => { table.set(path, h); },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
    reopen: async () => {
      server = createServer(handle);
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
  };
}
