// Serves distinct articles made from the bundled samples, on a worker thread so its work does not
// count as the pipeline's CPU. /mixed/<n>/<file> is <file>'s page with each body paragraph replaced
// by one drawn (seeded by n) from the paragraphs of all samples: with only a dozen samples, plain
// copies would be near-duplicates, which the analysis counts once and the aggregates skip, so a
// metered run of copies would under-count the per-article aggregate writes. Plain JavaScript, as
// local/sample-server-worker.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { dir, host, port } = workerData;
const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
// Plain body paragraphs only (not standfirsts, credits or footers), long enough to be prose.
const PARAGRAPH = /<p>([\s\S]*?)<\/p>/g;
const pool = [...pages.values()].flatMap((html) => [...html.matchAll(PARAGRAPH)].map((m) => m[0]).filter((p) => p.length > 120));

/** mulberry32, as shared/random.ts (this worker is plain JavaScript and cannot import it): page n is the same on every request. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mixed(html, n) {
  const next = generator(n * 2654435761);
  return html.replace(PARAGRAPH, (p) => (p.length > 120 ? pool[Math.floor(next() * pool.length)] : p));
}

const server = createServer((req, res) => {
  const parts = new URL(req.url ?? '/', 'http://x').pathname.split('/');
  const file = parts.pop() ?? '';
  const page = pages.get(file);
  if (!page) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Not found</h1>');
    return;
  }
  const n = parts[1] === 'mixed' ? Number(parts[2]) : NaN;
  const body = Buffer.from(Number.isInteger(n) ? mixed(page, n) : page, 'utf8');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
});

server.listen(port, host, () => parentPort.postMessage({ port: server.address().port, files, paragraphs: pool.length }));
parentPort.on('message', (msg) => {
  if (msg !== 'close') return;
  server.closeAllConnections();
  server.close(() => parentPort.postMessage({ closed: true }));
});
