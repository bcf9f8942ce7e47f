import { describe, expect, it } from 'vitest';
import { parseWithLinkedom } from '../../shared/extract/dom.js';
import {
  cleanByline,
  extractMetadata,
  normalizeLang,
  normalizePublishedTime,
  parseJsonLdBlock,
  readJsonLd,
} from '../../shared/extract/metadata.js';

const URL = 'https://news.example/world/2024/05/story';

function metadataOf(head: string, body = '<p>x</p>', jsonLd: string[] = [], htmlAttrs = '') {
  const { document } = parseWithLinkedom(`<html${htmlAttrs}><head>${head}</head><body>${body}</body></html>`, URL);
  return extractMetadata(document, jsonLd, URL);
}

describe('normalizePublishedTime', () => {
  it.each([
    ['2024-03-05T18:42:00+00:00', '2024-03-05T18:42:00.000Z'],
    ['2024-03-05T18:42:00Z', '2024-03-05T18:42:00.000Z'],
    ['2023-11-14T07:30:00-05:00', '2023-11-14T12:30:00.000Z'],
    ['2024-10-01T09:15:00+0300', '2024-10-01T06:15:00.000Z'],
    ['2024-10-01T09:15:00.250+03:00', '2024-10-01T06:15:00.250Z'],
    ['2022-08-09 21:40:00', '2022-08-09T21:40:00.000Z'], // sailthru.date: no zone, taken as UTC
    ['2024-03-05T18:42', '2024-03-05T18:42:00.000Z'],
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['20240305', '2024-03-05T00:00:00.000Z'],
    ['1709664120', '2024-03-05T18:42:00.000Z'],
    ['1709664120000', '2024-03-05T18:42:00.000Z'],
    ['Tue, 05 Mar 2024 18:42:00 GMT', '2024-03-05T18:42:00.000Z'],
    ['Tue, 05 Mar 2024 13:42:00 -0500', '2024-03-05T18:42:00.000Z'],
    ['March 5, 2024', '2024-03-05T00:00:00.000Z'],
    ['  2024-03-05T18:42:00Z  ', '2024-03-05T18:42:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizePublishedTime(input)).toBe(expected);
  });

  it.each([[''], ['yesterday'], ['5 min read'], ['2024-13-40'], ['0000-00-00'], ['1492-10-12'], [null], [undefined], [{}]])(
    'rejects %j',
    (input) => {
      expect(normalizePublishedTime(input)).toBeNull();
    },
  );

  it('accepts epoch numbers in seconds or milliseconds', () => {
    expect(normalizePublishedTime(1709664120)).toBe('2024-03-05T18:42:00.000Z');
    expect(normalizePublishedTime(1709664120000)).toBe('2024-03-05T18:42:00.000Z');
  });
});

describe('normalizeLang', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['RU', 'ru'],
    ['zh-Hans-CN', 'zh'],
    [' pt-br ', 'pt'],
    ['iw', 'he'],
    ['fil', 'fil'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeLang(input)).toBe(expected);
  });

  it.each([[''], [null], [undefined], ['und'], ['x-default'], ['english'], ['1']])('rejects %j', (input) => {
    expect(normalizeLang(input)).toBeNull();
  });
});

describe('cleanByline', () => {
  it.each([
    ['By Jane Doe', 'Jane Doe'],
    ['by: Jane Doe', 'Jane Doe'],
    ['  BY  Jane\n Doe ', 'Jane Doe'],
    ['Jane Doe', 'Jane Doe'],
    ['Byron Smith', 'Byron Smith'],
    ['By', null],
    ['', null],
    [null, null],
  ])('%j -> %j', (input, expected) => {
    expect(cleanByline(input)).toBe(expected);
  });
});

describe('JSON-LD', () => {
  it('reads a plain NewsArticle with a string author', () => {
    const ld = readJsonLd([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'Headline',
        author: 'Jo Bloggs',
        datePublished: '2024-01-02T03:04:05+01:00',
        publisher: { '@type': 'Organization', name: 'Daily Example' },
        inLanguage: 'de-DE',
        description: 'Summary.',
      }),
    ]);
    expect(ld).toEqual({
      title: 'Headline',
      byline: 'Jo Bloggs',
      siteName: 'Daily Example',
      publishedTime: '2024-01-02T02:04:05.000Z',
      lang: 'de',
      excerpt: 'Summary.',
    });
  });

  it('resolves @graph nodes and @id references for authors and publisher', () => {
    const ld = readJsonLd([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', '@id': '#site', name: 'Site Name From WebSite' },
          { '@type': 'Organization', '@id': '#org', name: 'Publisher Org' },
          {
            '@type': ['ReportageNews'],
            headline: 'From the graph',
            author: [{ '@id': '#p1' }, { '@id': '#p2' }],
            publisher: { '@id': '#org' },
            datePublished: '2024-02-03',
          },
          { '@type': 'Person', '@id': '#p1', name: 'Ann One' },
          { '@type': 'Person', '@id': '#p2', name: 'Ben Two' },
        ],
      }),
    ]);
    expect(ld.title).toBe('From the graph');
    expect(ld.byline).toBe('Ann One, Ben Two');
    expect(ld.siteName).toBe('Publisher Org');
    expect(ld.publishedTime).toBe('2024-02-03T00:00:00.000Z');
  });

  it('finds the article in a top-level array, after other nodes, and in mainEntity', () => {
    const arr = readJsonLd([
      JSON.stringify([
        { '@type': 'BreadcrumbList', itemListElement: [] },
        { '@type': 'BlogPosting', headline: 'Post', author: { '@type': 'Person', name: 'Cat Three' } },
      ]),
    ]);
    expect(arr).toMatchObject({ title: 'Post', byline: 'Cat Three' });

    const nested = readJsonLd([
      JSON.stringify({ '@type': 'WebPage', mainEntity: { '@type': 'Article', headline: 'Inner', author: ['Dee', 'Eve', 'Dee'] } }),
    ]);
    expect(nested).toMatchObject({ title: 'Inner', byline: 'Dee, Eve' });
  });

  it('takes the first article across several blocks and skips broken ones', () => {
    const ld = readJsonLd([
      '{ this is not json',
      JSON.stringify({ '@type': 'Organization', name: 'Org' }),
      JSON.stringify({ '@type': 'NewsArticle', headline: 'First' }),
      JSON.stringify({ '@type': 'NewsArticle', headline: 'Second' }),
    ]);
    expect(ld.title).toBe('First');
  });

  it('drops author names that are URLs and falls back to the WebSite name for the site', () => {
    const ld = readJsonLd([
      JSON.stringify({
        '@graph': [
          { '@type': 'WebSite', name: 'The Site' },
          { '@type': 'Article', headline: 'H', author: [{ name: 'https://facebook.com/someone' }, { name: 'Real Name' }] },
        ],
      }),
    ]);
    expect(ld.byline).toBe('Real Name');
    expect(ld.siteName).toBe('The Site');
  });

  it('parses blocks wrapped in comments or CDATA and with raw newlines in strings', () => {
    expect(parseJsonLdBlock('<!-- {"a": 1} -->')).toEqual({ a: 1 });
    expect(parseJsonLdBlock('/*<![CDATA[*/ {"a": 2} /*]]>*/')).toEqual({ a: 2 });
    expect(parseJsonLdBlock('{"headline": "line one\nline two"}')).toEqual({ headline: 'line one line two' });
    expect(parseJsonLdBlock('   ')).toBeUndefined();
  });

  it('returns all nulls when there is no article node', () => {
    expect(readJsonLd([])).toEqual({ title: null, byline: null, siteName: null, publishedTime: null, lang: null, excerpt: null });
  });
});

describe('extractMetadata', () => {
  it('reads the Open Graph, article and name=author tags', () => {
    const m = metadataOf(
      '<title>Page title | Site</title>' +
        '<meta property="og:title" content="OG title">' +
        '<meta property="og:site_name" content="OG Site">' +
        '<meta property="article:published_time" content="2024-05-01T10:00:00+02:00">' +
        '<meta name="author" content="Meta Author">' +
        '<meta name="description" content="Desc">' +
        '<link rel="canonical" href="/world/2024/05/story-canonical">',
      '<p>x</p>',
      [],
      ' lang="en-GB"',
    );
    expect(m).toEqual({
      title: 'OG title',
      byline: 'Meta Author',
      siteName: 'OG Site',
      publishedTime: '2024-05-01T08:00:00.000Z',
      lang: 'en',
      canonicalUrl: 'https://news.example/world/2024/05/story-canonical',
      excerpt: 'Desc',
    });
  });

  it('prefers JSON-LD for byline and date, og:title for the title', () => {
    const m = metadataOf(
      '<meta property="og:title" content="OG title"><meta name="author" content="Meta Author">' +
        '<meta property="article:published_time" content="2024-05-01T10:00:00Z">',
      '<p>x</p>',
      [JSON.stringify({ '@type': 'NewsArticle', headline: 'LD headline', author: { name: 'LD Author' }, datePublished: '2024-05-01T09:00:00Z' })],
    );
    expect(m.title).toBe('OG title');
    expect(m.byline).toBe('LD Author');
    expect(m.publishedTime).toBe('2024-05-01T09:00:00.000Z');
  });

  it('skips an article:author that is a profile URL and uses parsely-author', () => {
    const m = metadataOf('<meta property="article:author" content="https://www.facebook.com/x"><meta name="parsely-author" content="Parsely Person">');
    expect(m.byline).toBe('Parsely Person');
  });

  it.each([
    ['<meta name="parsely-pub-date" content="2024-05-01T10:00:00Z">', ''],
    ['<meta name="sailthru.date" content="2024-05-01 10:00:00">', ''],
    ['<meta name="DC.date.issued" content="2024-05-01T10:00:00Z">', ''],
    ['<meta name="dc.date" content="2024-05-01T10:00:00Z">', ''],
    ['<meta itemprop="datePublished" content="2024-05-01T10:00:00Z">', ''],
    ['', '<span itemprop="datePublished" content="2024-05-01T10:00:00Z">May 1</span>'],
    ['', '<article><header><h1>H</h1><time datetime="2024-05-01T10:00:00Z">May 1</time></header><p>x</p></article>'],
  ])('finds the published time in %s%s', (head, body) => {
    expect(metadataOf(head, body || '<p>x</p>').publishedTime).toBe('2024-05-01T10:00:00.000Z');
  });

  it('ignores a <time> outside the article head (a comment timestamp)', () => {
    expect(metadataOf('', '<p>x</p><div class="comments"><time datetime="2024-05-09T10:00:00Z">later</time></div>').publishedTime).toBeNull();
  });

  it('skips an unparseable date and takes the next source', () => {
    const m = metadataOf(
      '<meta property="article:published_time" content="sometime last week"><meta name="sailthru.date" content="2024-05-01 10:00:00">',
    );
    expect(m.publishedTime).toBe('2024-05-01T10:00:00.000Z');
  });

  it('takes the language from <html lang>, then og:locale, then Content-Language, then JSON-LD', () => {
    expect(metadataOf('<meta property="og:locale" content="fr_FR">', '<p>x</p>', [], ' lang="ru"').lang).toBe('ru');
    expect(metadataOf('<meta property="og:locale" content="fr_FR">').lang).toBe('fr');
    expect(metadataOf('<meta http-equiv="Content-Language" content="es-ES">').lang).toBe('es');
    expect(metadataOf('', '<p>x</p>', [JSON.stringify({ '@type': 'Article', inLanguage: 'pt-BR' })]).lang).toBe('pt');
    expect(metadataOf('').lang).toBeNull();
  });

  it('falls back to <title> for the title and og:url for the canonical URL', () => {
    const m = metadataOf('<title> Only the title </title><meta property="og:url" content="https://news.example/og">');
    expect(m.title).toBe('Only the title');
    expect(m.canonicalUrl).toBe('https://news.example/og');
  });

  it('returns nulls for an empty page', () => {
    expect(metadataOf('', '')).toEqual({
      title: null,
      byline: null,
      siteName: null,
      publishedTime: null,
      lang: null,
      canonicalUrl: null,
      excerpt: null,
    });
  });
});
