// Serves the bundled sample pages on a worker thread, so that in the demo and the benchmark the
// "web" does not take CPU from the pipeline it feeds. Plain JavaScript: loads without a TS loader.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { dir, host, port } = workerData;
const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));

// /feed.xml: an RSS 2.0 feed of the samples, dated when the server started, with an ETag so a
// second poll gets a 304, as from a real news site.
const startedAt = new Date();
const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const titleOf = (html) => /<title[^>]*>([^<]*)<\/title>/i.exec(html.toString('utf8'))?.[1].trim() || 'Untitled';
function feedXml(origin) {
  const items = files.map((f, i) => `<item><title>${escapeXml(titleOf(pages.get(f)))}</title><link>${origin}/${f}</link>`
    + `<guid>${origin}/${f}</guid><pubDate>${new Date(startedAt.getTime() - i * 60_000).toUTCString()}</pubDate></item>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>newsdigest sample wire</title>`
    + `<link>${origin}/</link><description>The bundled sample pages</description>${items.join('')}</channel></rss>\n`;
}
const FEED_ETAG = `"samples-${startedAt.getTime()}"`;

// Any path ending in a sample's file name serves it: /copies/<n>/<file> gives distinct URLs.
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/feed.xml') {
    if (req.headers['if-none-match'] === FEED_ETAG) { res.writeHead(304, { etag: FEED_ETAG }).end(); return; }
    const body = Buffer.from(feedXml(`http://${req.headers.host}`));
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length, etag: FEED_ETAG }).end(body);
    return;
  }
  const file = path.split('/').pop() ?? '';
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
