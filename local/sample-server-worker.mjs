// Serves the bundled sample pages on a worker thread, so that in the demo and the benchmark the
// "web" does not take CPU from the pipeline it feeds. Plain JavaScript: loads without a TS loader.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { dir, host, port } = workerData;
const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));

// Any path ending in a sample's file name serves it: /copies/<n>/<file> gives distinct URLs.
const server = createServer((req, res) => {
  const file = new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? '';
  const page = pages.get(file);
  if (!page) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Not found</h1>');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page);
});

server.listen(port, host, () => parentPort.postMessage({ port: server.address().port, files }));
parentPort.on('message', (msg) => {
  if (msg !== 'close') return;
  server.closeAllConnections();
  server.close(() => parentPort.postMessage({ closed: true }));
});
