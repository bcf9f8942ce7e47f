// Serves the bundled sample pages (local/samples) on 127.0.0.1 for the demo and the benchmark,
// so both run on a machine with no internet. /copies/<n>/<file> serves the same page under many
// URLs (distinct articles for the end-to-end benchmark).

import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'samples');

export interface SampleServer {
  origin: string;
  hostPort: string;
  files: string[];
  close(): Promise<void>;
}

export async function startSampleServer(port = 0): Promise<SampleServer> {
  const files = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.html')).sort();
  const pages = new Map(files.map((f) => [f, readFileSync(join(SAMPLES_DIR, f))]));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.split('/').pop() ?? '';
    const page = pages.get(file);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const actual = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${actual}`,
    hostPort: `127.0.0.1:${actual}`,
    files,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
