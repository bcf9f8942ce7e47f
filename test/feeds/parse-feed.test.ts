import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewsdigestError } from '../../shared/errors.js';
import { DEFAULT_MAX_ENTRIES, FeedParseError, MAX_FEED_BYTES, parseFeed, parseOpml } from '../../shared/feeds/parse-feed.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const fixtureBytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

function parseError(run: () => unknown): FeedParseError {
  try {
    run();
  } catch (err: unknown) {
    expect(err).toBeInstanceOf(FeedParseError);
    return err as FeedParseError;
  }
  throw new Error('expected a FeedParseError');
}

function rssWith(items: number): string {
  const item = (i: number) =>
    `<item><title>Story ${i}</title><link>https://ex.com/s/${i}</link><guid>id-${i}</guid>` +
    `<pubDate>Tue, 01 Dec 2026 10:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate>` +
    `<description><![CDATA[<p>Body ${i} text text text</p>]]></description></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://ex.com/</link>${Array.from({ length: items }, (_, i) => item(i)).join('')}</channel></rss>`;
}

function atomWith(entries: number): string {
  const entry = (i: number) =>
    `<entry><title>Story ${i}</title><link rel="alternate" href="/s/${i}"/><id>tag:ex.com,2026:${i}</id>` +
    `<updated>2026-12-01T10:00:00Z</updated><summary>Body ${i} text text</summary></entry>`;
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link href="https://ex.com/"/>${Array.from({ length: entries }, (_, i) => entry(i)).join('')}</feed>`;
}

function medianMs(run: () => void): number {
  run(); // warm-up: the first call pays for JIT compilation
  const times = Array.from({ length: 5 }, () => {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return times.sort((a, b) => a - b)[2];
}

describe('parseFeed: formats, detected from the content', () => {
  it('reads RSS 2.0: CDATA titles, relative links, permalink guids, dc:date; skips linkless and non-http items', () => {
    const feed = parseFeed(fixture('rss2.xml'), 'https://news.example.com/feed.xml');
    expect(feed.format).toBe('rss2');
    expect(feed.title).toBe('Example & Daily');
    expect(feed.siteUrl).toBe('https://news.example.com/');
    expect(feed.entries).toEqual([
      {
        url: 'https://news.example.com/politics/minister-resigns',
        title: 'Minister resigns <b>after</b> vote',
        publishedAt: '2026-12-01T09:30:00.000Z',
        id: 'story-1',
      },
      { url: 'https://news.example.com/world/relative-story', title: 'Relative link', publishedAt: '2026-12-01T08:00:00.000Z' },
      { url: 'https://news.example.com/guid-story', title: 'Permalink guid only', id: 'https://news.example.com/guid-story' },
      { url: 'https://news.example.com/bad-date', title: 'Bad date' },
    ]);
    expect(feed.skipped).toEqual({ noLink: 1, invalidLink: 1, overLimit: 0 });
  });

  it('reads RSS 1.0 (RDF) with rdf:about ids and links relative to the feed URL', () => {
    const feed = parseFeed(fixture('rss1.rdf'), 'https://rdf.example.org/index.rdf');
    expect(feed).toEqual({
      format: 'rss1',
      title: 'RDF Example',
      siteUrl: 'https://rdf.example.org/',
      entries: [
        { url: 'https://rdf.example.org/a', title: 'First RDF item', publishedAt: '2026-11-30T10:00:00.000Z', id: 'https://rdf.example.org/a' },
        { url: 'https://rdf.example.org/b', title: 'Second RDF item', id: 'https://rdf.example.org/b' },
      ],
      skipped: { noLink: 0, invalidLink: 0, overLimit: 0 },
    });
  });

  it('reads Atom: the alternate link, xml:base on feed and entry, xhtml titles, published before updated', () => {
    const feed = parseFeed(fixture('atom.xml'), 'https://atom.example.net/feed.atom');
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Atom Example');
    expect(feed.siteUrl).toBe('https://atom.example.net/');
    expect(feed.entries).toEqual([
      {
        url: 'https://atom.example.net/blog/posts/1',
        title: 'Atom entry with alternate',
        publishedAt: '2026-12-01T14:00:00.000Z',
        id: 'tag:atom.example.net,2026:1',
      },
      {
        url: 'https://other.example.net/base/entry-2',
        title: 'XHTML title',
        publishedAt: '2026-11-30T18:30:02.000Z',
        id: 'tag:atom.example.net,2026:2',
      },
    ]);
    expect(feed.skipped.noLink).toBe(1); // only a rel="self" link
  });

  it('reads JSON Feed 1.1: numeric ids, external_url for link posts, date_modified as a fallback', () => {
    const feed = parseFeed(fixture('feed.json'), 'https://json.example.org/feed.json');
    expect(feed.format).toBe('json-feed');
    expect(feed.title).toBe('JSON Example');
    expect(feed.siteUrl).toBe('https://json.example.org/');
    expect(feed.entries).toEqual([
      { url: 'https://json.example.org/one', title: 'One', publishedAt: '2026-12-01T10:00:00.000Z', id: '1' },
      { url: 'https://json.example.org/two', title: 'Two', publishedAt: '2026-12-02T09:00:00.000Z', id: '2' },
      { url: 'https://elsewhere.example.com/three', title: 'Link post', id: '3' },
    ]);
    expect(feed.skipped).toEqual({ noLink: 1, invalidLink: 1, overLimit: 0 });
  });

  it('accepts the JSON Feed 1.0 version URL', () => {
    const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'Old', items: [{ id: 'a', url: 'https://x.example/a' }] });
    expect(parseFeed(body, 'https://x.example/feed.json').entries).toEqual([{ url: 'https://x.example/a', id: 'a' }]);
  });

  it('reads a sitemap: loc and lastmod, counting locs that are missing or invalid', () => {
    const feed = parseFeed(fixture('sitemap.xml'), 'https://site.example.com/sitemap.xml');
    expect(feed).toEqual({
      format: 'sitemap',
      entries: [
        { url: 'https://site.example.com/', publishedAt: '2026-11-01T00:00:00.000Z' },
        { url: 'https://site.example.com/about' },
      ],
      skipped: { noLink: 1, invalidLink: 2, overLimit: 0 }, // an unparseable URL and a mailto:
    });
  });

  it('reads a Google news sitemap: news:title and news:publication_date', () => {
    const feed = parseFeed(fixture('news-sitemap.xml'), 'https://paper.example.com/news-sitemap.xml');
    expect(feed.format).toBe('news-sitemap');
    expect(feed.entries).toEqual([
      { url: 'https://paper.example.com/business/merger', title: 'Companies A and B agree to merge', publishedAt: '2026-12-01T07:15:00.000Z' },
      { url: 'https://paper.example.com/sport/final', title: 'Cup final tonight', publishedAt: '2026-12-01T00:00:00.000Z' },
    ]);
  });

  it('reads a news sitemap whose news: prefix was never declared', () => {
    const feed = parseFeed(fixture('undeclared-news-prefix.xml'), 'https://paper.example.com/s.xml');
    expect(feed.format).toBe('news-sitemap');
    expect(feed.entries).toEqual([{ url: 'https://paper.example.com/a', title: 'Undeclared prefix', publishedAt: '2026-12-01T07:15:00.000Z' }]);
  });

  it('reads a sitemap index: entries are child sitemaps, marked as such and listed in childSitemaps', () => {
    const feed = parseFeed(fixture('sitemap-index.xml'), 'https://site.example.com/sitemap.xml');
    expect(feed.format).toBe('sitemap-index');
    expect(feed.entries).toEqual([
      { url: 'https://site.example.com/sitemap-news.xml', publishedAt: '2026-12-01T06:00:00.000Z', childSitemap: true },
      { url: 'https://site.example.com/sitemap-2026-11.xml', childSitemap: true },
    ]);
    expect(feed.childSitemaps).toEqual(['https://site.example.com/sitemap-news.xml', 'https://site.example.com/sitemap-2026-11.xml']);
  });

  it('ignores the file name: an Atom body behind a .json URL is still Atom', () => {
    expect(parseFeed(fixture('atom.xml'), 'https://atom.example.net/feed.json').format).toBe('atom');
  });

  it('decodes bytes by the XML declaration (ISO-8859-1) and by a UTF-8 BOM', () => {
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\xe9</title><item><title>Cr\xe8me</title><link>https://x.example/c</link></item></channel></rss>',
      'latin1',
    );
    const feed = parseFeed(new Uint8Array(latin1), 'https://x.example/');
    expect(feed.title).toBe('Café');
    expect(feed.entries[0].title).toBe('Crème');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture('rss1.rdf'))]);
    expect(parseFeed(new Uint8Array(bom), 'https://rdf.example.org/').format).toBe('rss1');
    expect(parseFeed(fixtureBytes('atom.xml'), 'https://atom.example.net/').entries).toHaveLength(2);
  });
});

describe('parseFeed: limits', () => {
  it(`keeps at most ${DEFAULT_MAX_ENTRIES} entries by default and counts the rest as overLimit`, () => {
    const feed = parseFeed(rssWith(DEFAULT_MAX_ENTRIES + 7), 'https://ex.com/feed');
    expect(feed.entries).toHaveLength(DEFAULT_MAX_ENTRIES);
    expect(feed.entries.at(-1)?.url).toBe(`https://ex.com/s/${DEFAULT_MAX_ENTRIES - 1}`);
    expect(feed.skipped.overLimit).toBe(7);
  });

  it('honours maxEntries', () => {
    const feed = parseFeed(atomWith(10), 'https://ex.com/feed', { maxEntries: 3 });
    expect(feed.entries.map((e) => e.url)).toEqual(['https://ex.com/s/0', 'https://ex.com/s/1', 'https://ex.com/s/2']);
    expect(feed.skipped.overLimit).toBe(7);
  });

  it('refuses a body over 10 MB before parsing', () => {
    const huge = new Uint8Array(MAX_FEED_BYTES + 1).fill(0x3c); // all '<': would be invalid XML if parsed
    const start = performance.now();
    expect(parseError(() => parseFeed(huge, 'https://ex.com/')).message).toMatch(/^feed too large: 10485761 bytes, the limit is 10485760 bytes/);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('parses 1,000-entry RSS and Atom feeds quickly (median of 5 logged)', () => {
    const rss = rssWith(1000);
    const atom = atomWith(1000);
    const rssMs = medianMs(() => parseFeed(rss, 'https://ex.com/feed'));
    const atomMs = medianMs(() => parseFeed(atom, 'https://ex.com/feed'));
    console.log(`parseFeed 1,000 entries, median of 5: RSS ${rssMs.toFixed(1)} ms (${(rss.length / 1024).toFixed(0)} KiB), Atom ${atomMs.toFixed(1)} ms (${(atom.length / 1024).toFixed(0)} KiB)`);
    // Generous bounds: this guards against a quadratic slip, not a few milliseconds.
    expect(rssMs).toBeLessThan(250);
    expect(atomMs).toBeLessThan(250);
  });
});

describe('parseFeed: hostile and broken input', () => {
  it('refuses a billion-laughs document quickly, without expanding anything', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const err = parseError(() => parseFeed(fixture('billion-laughs.xml'), 'https://x.example/'));
    expect(err.message).toBe('feed declares entities (DOCTYPE ENTITY): refused');
    expect(err.retryable).toBe(false);
    expect(err).toBeInstanceOf(NewsdigestError);
    expect(performance.now() - start).toBeLessThan(100);
    // Expanded, lol9 is 10^9 characters; anything near that would show here.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses an XXE document (external entity) without reading the file', () => {
    const err = parseError(() => parseFeed(fixture('xxe.xml'), 'https://x.example/'));
    expect(err.message).toBe('feed declares entities (DOCTYPE ENTITY): refused');
    expect(err.message).not.toContain('root:');
  });

  it('refuses an entity reference with no declaration (no HTML entities beyond the XML built-ins)', () => {
    const body = '<rss version="2.0"><channel><title>A&nbsp;B</title></channel></rss>';
    expect(parseError(() => parseFeed(body, 'https://x.example/')).message).toMatch(/^invalid XML at line 1, column \d+: undefined entity/);
  });

  it('accepts a DOCTYPE that declares no entities, and the XML built-in entities', () => {
    const body = '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>A &lt;&amp;&gt; B &#233;</title></channel></rss>';
    expect(parseFeed(body, 'https://x.example/').title).toBe('A <&> B é');
  });

  it('names the problem in malformed XML, with line and column', () => {
    const body = '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</item></channel></rss>';
    const err = parseError(() => parseFeed(body, 'https://x.example/'));
    expect(err.message).toMatch(/^invalid XML at line 2, column \d+: unexpected close tag/);
  });

  it('names the problem in invalid JSON', () => {
    expect(parseError(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', 'https://x.example/')).message).toMatch(
      /^invalid JSON: /,
    );
  });

  it('says "not a feed" for an HTML page, for JSON that is not a JSON Feed, and for plain text', () => {
    expect(parseError(() => parseFeed(fixture('not-a-feed.html'), 'https://x.example/')).message).toBe('not a feed: the root element is <html>');
    expect(parseError(() => parseFeed('{"hello": "world"}', 'https://x.example/')).message).toMatch(/^not a feed: JSON without a JSON Feed "version"/);
    expect(parseError(() => parseFeed('User-agent: *\nDisallow: /', 'https://x.example/')).message).toBe(
      `not a feed: the body starts with neither '<' nor '{': "User-agent: * Disallow: /"`,
    );
    expect(parseError(() => parseFeed('<feed><entry/></feed>', 'https://x.example/')).message).toBe('not a feed: the root element is <feed>');
  });

  it('says what is wrong with an empty body', () => {
    expect(parseError(() => parseFeed('', 'https://x.example/')).message).toMatch(/^not a feed/);
  });
});

describe('parseOpml', () => {
  it('flattens nested outlines and keeps only absolute http(s) xmlUrls', () => {
    expect(parseOpml(fixture('subscriptions.opml'))).toEqual({
      title: 'My subscriptions',
      feeds: [
        { url: 'https://news.example.com/feed.xml', title: 'Example & Daily' },
        { url: 'https://atom.example.net/feed.atom', title: 'Atom Example' },
        { url: 'https://json.example.org/feed.json', title: 'JSON Example' },
      ],
    });
  });

  it('applies the same hostile-input rules', () => {
    const laughs = fixture('billion-laughs.xml').replace(/<rss[\s\S]*$/, '<opml version="2.0"><head><title>&lol9;</title></head><body/></opml>');
    expect(parseError(() => parseOpml(laughs)).message).toBe('feed declares entities (DOCTYPE ENTITY): refused');
    expect(parseError(() => parseOpml(fixture('rss2.xml'))).message).toBe('not an OPML document: the root element is <rss>');
    expect(parseError(() => parseOpml('<opml><body><outline></body></opml>')).message).toMatch(/^invalid XML at line 1/);
  });
});
