// newsdigest feeds, in-process against a running local pipeline: add, list, show, poll, remove,
// and import of an OPML subscription list, with the exit codes the README documents.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../local/cli.js';
import { startLocalPipeline, type LocalPipeline } from '../../local/runtime.js';
import { createLogger } from '../../shared/log.js';
import { htmlPage, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsdigest-cli-feeds-'));
const KEY = 'cli-feeds-test-key-0000000';

function capture() {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  return { get out() { return out; }, get err() { return err; }, restore() { o.mockRestore(); e.mockRestore(); } };
}

async function run(...args: string[]) {
  const io = capture();
  try {
    const code = await main(['feeds', ...args, '--api', pipeline.url, '--key', KEY]);
    return { code, out: io.out, err: io.err };
  } finally {
    io.restore();
  }
}

let server: FixtureServer;
let pipeline: LocalPipeline;

beforeAll(async () => {
  const atom = (host: string) => `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<id>urn:x</id><updated>${new Date().toISOString()}</updated>
<entry><title>One</title><id>urn:1</id><link href="http://${host}/story"/><updated>${new Date().toISOString()}</updated></entry></feed>`;
  server = await startFixtureServer({
    '/atom.xml': (req, res) => { res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom(req.headers.host!)); },
    '/rss.xml': (_req, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>Empty</title></channel></rss>'); },
    '/story': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('Peru and Bolivia open a border crossing', [
        'Peru and Bolivia opened a new border crossing on Lake Titicaca on Friday, the two foreign ministries said in Lima and La Paz.',
        'Traders in Puno welcomed the crossing, which cuts the trip to El Alto by three hours for trucks carrying quinoa.',
      ]));
    },
  });
  pipeline = await startLocalPipeline({
    dataDir: join(tmp, 'data'), port: 0, apiKey: KEY, allowHosts: [server.hostPort], env: {}, log: createLogger({}, { level: 'silent' }), feedPollIntervalMs: 0,
  });
}, 60_000);

afterAll(async () => {
  await pipeline?.stop();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('newsdigest feeds', () => {
  let id: string;

  it('add subscribes and says so; adding it again says it already is', async () => {
    const added = await run('add', `${server.origin}/atom.xml`, '--interval', '20');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^subscribed: [0-9a-f]{16} /);
    id = /[0-9a-f]{16}/.exec(added.out)![0];
    expect(added.out).toContain('every 20 min');
    const again = await run('add', `${server.origin}/atom.xml`);
    expect(again.out).toMatch(/^already subscribed: /);
  });

  it('poll reads the feed now and queues its entry; list shows the feed with its title', async () => {
    const polled = await run('poll', id);
    expect(polled.code).toBe(0);
    expect(polled.out).toBe('1 entries, 1 new; 1 article(s) queued\n');
    await pipeline.idle();
    const listed = await run('list');
    expect(listed.out).toContain(`${id}  ${server.origin}/atom.xml  every 20 min  1 articles  ok  "Atom wire"`);
    const shown = await run('show', id, '--json');
    expect(JSON.parse(shown.out)).toMatchObject({ id, format: 'atom', itemsSeen: 1 });
  });

  it('import subscribes to every feed of an OPML file, reports the ones refused, and exits 1 for them', async () => {
    const opml = join(tmp, 'subscriptions.opml');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News"><outline type="rss" text="Atom wire" xmlUrl="${server.origin}/atom.xml"/>
<outline type="rss" text="Empty" xmlUrl="${server.origin}/rss.xml"/></outline>
<outline type="rss" text="Metadata" xmlUrl="http://169.254.169.254/feed"/></body></opml>`);
    const imported = await run('import', opml);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain(`3 feeds in ${opml}: 1 subscribed, 1 already subscribed, 1 refused`);
    expect(imported.out).toMatch(/refused .*169\.254\.169\.254/);
    expect((await run('list', '--json')).out).toContain(`${server.origin}/rss.xml`);
  });

  it('a file that is not OPML fails with the reason (exit 1)', async () => {
    const notOpml = join(tmp, 'not.opml');
    writeFileSync(notOpml, '<rss version="2.0"><channel/></rss>');
    const r = await run('import', notOpml);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not an OPML document/);
  });

  it('remove unsubscribes; removing it again is a failure with the API\'s reason', async () => {
    expect((await run('remove', id)).out).toBe(`removed ${id} (its articles stay)\n`);
    const again = await run('remove', id);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/404: no feed with id/);
  });

  it('usage errors exit 2 with the usage: no action, an unknown one, a missing argument, a bad interval', async () => {
    for (const args of [[], ['subscribe'], ['add'], ['list', 'extra'], ['add', 'http://x.example/f', '--interval', '2'], ['poll', id, '--interval', '10']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('newsdigest feeds add URL | list');
    }
  });
});
