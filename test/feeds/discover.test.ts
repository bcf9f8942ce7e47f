import { describe, expect, it } from 'vitest';
import { discoverFeedLinks } from '../../shared/feeds/discover.js';

describe('discoverFeedLinks', () => {
  it('finds RSS, Atom and JSON Feed alternates in page order, resolved, without repeats or non-feeds', () => {
    const html = `<!doctype html><html><head>
      <link rel="alternate" type="application/rss+xml" href="/rss">
      <link rel="Alternate Home" type="application/atom+xml; charset=utf-8" href="https://other.example/atom.xml">
      <link rel="alternate" type="application/feed+json" href="feed.json">
      <link rel="alternate" type="application/rss+xml" href="/rss">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="stylesheet" type="text/css" href="/s.css">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-tag">x</a></body></html>`;
    expect(discoverFeedLinks(html, 'https://news.example/section/page')).toEqual([
      'https://news.example/rss', 'https://other.example/atom.xml', 'https://news.example/section/feed.json',
    ]);
  });

  it('resolves against <base href>, and finds nothing on a page without feed links', () => {
    expect(discoverFeedLinks('<head><base href="https://cdn.example/x/"><link rel="alternate" type="application/rss+xml" href="f.xml"></head>', 'https://news.example/'))
      .toEqual(['https://cdn.example/x/f.xml']);
    expect(discoverFeedLinks('<p>no head at all</p>', 'https://news.example/')).toEqual([]);
  });
});
