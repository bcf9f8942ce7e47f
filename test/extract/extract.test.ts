import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../shared/article.js';
import { ExtractionError } from '../../shared/errors.js';
import type { Block } from '../../shared/extract/blocks.js';
import { parseWithLinkedom, type DomParser } from '../../shared/extract/dom.js';
import { articleParagraphs } from '../../shared/extract/paragraphs.js';
import { countWords, extractArticle } from '../../shared/extract/index.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');

interface Expected {
  url: string;
  extractor?: 'readability' | 'degraded';
  error?: string;
  errorMessage?: string;
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  minParagraphs?: number;
  minWords?: number;
  mustContain?: string[];
  mustNotContain?: string[];
}

const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((name) => ['source.html', 'expected.json'].every((f) => fs.existsSync(path.join(FIXTURES, name, f))))
  .sort()
  .map((name) => ({
    name,
    html: fs.readFileSync(path.join(FIXTURES, name, 'source.html'), 'utf8'),
    expected: JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected,
  }));

const fixture = (name: string) => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`fixture ${name} missing`);
  return f;
};

/** Invariants every extraction result must hold, whatever the page. */
function expectWellFormed(a: ExtractedArticle): void {
  expect(a.paragraphs.length).toBeGreaterThan(0);
  expect(a.text).toBe(a.paragraphs.join('\n\n'));
  for (const p of a.paragraphs) {
    expect(p).toBe(p.trim());
    expect(p).not.toMatch(/\s{2,}|\n/);
    expect(p.length).toBeGreaterThan(0);
  }
  expect(a.wordCount).toBe(countWords(a.text));
}

function expectMatchesFixture(a: ExtractedArticle, e: Expected): void {
  expectWellFormed(a);
  if (e.extractor) expect(a.extractor).toBe(e.extractor);
  for (const key of ['title', 'byline', 'siteName', 'publishedTime', 'lang'] as const) {
    if (key in e) expect(a[key], key).toBe(e[key]);
  }
  if (e.minParagraphs) expect(a.paragraphs.length).toBeGreaterThanOrEqual(e.minParagraphs);
  if (e.minWords) expect(a.wordCount).toBeGreaterThanOrEqual(e.minWords);
  for (const s of e.mustContain ?? []) expect(a.text).toContain(s);
  for (const s of e.mustNotContain ?? []) expect(a.text).not.toContain(s);
}

describe('golden fixtures (test/fixtures/pages)', () => {
  it('has the fixture pages the team agreed on', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining([
      'heavy-assets-broken-css',
      'jsonld-graph-only',
      'malformed-markup',
      'news-site-full',
      'russian-utf8',
      'site-index',
    ]));
  });

  for (const dom of ['linkedom', 'jsdom'] as const) {
    describe(`over ${dom}`, () => {
      for (const { name, html, expected } of fixtures) {
        it(name, () => {
          if (expected.error) {
            let thrown: unknown;
            try {
              extractArticle(html, expected.url, { dom });
            } catch (err: unknown) {
              thrown = err;
            }
            expect(thrown).toBeInstanceOf(ExtractionError);
            expect((thrown as ExtractionError).name).toBe(expected.error);
            expect((thrown as ExtractionError).message).toContain(expected.errorMessage ?? '');
            expect((thrown as ExtractionError).retryable).toBe(false);
            return;
          }
          expectMatchesFixture(extractArticle(html, expected.url, { dom }), expected);
        });
      }
    });
  }

  it('gives the same text over linkedom and jsdom', () => {
    for (const { html, expected } of fixtures.filter((f) => !f.expected.error)) {
      expect(extractArticle(html, expected.url).text).toBe(extractArticle(html, expected.url, { dom: 'jsdom' }).text);
    }
  });

  it('survives the broken calc() that makes jsdom itself throw', () => {
    const { html, expected } = fixture('heavy-assets-broken-css');
    // The reason preclean strips <style>: jsdom >= 27.4 throws from its constructor here.
    expect(() => new JSDOM(html)).toThrow();
    expect(extractArticle(html, expected.url, { dom: 'jsdom' }).extractor).toBe('readability');
  });
});

describe('paragraphs and text', () => {
  const page = (body: string): string =>
    `<html><head><title>T</title></head><body><article><h1>T</h1>${body}</article></body></html>`;
  const sentence = (n: number): string =>
    `This is sentence number ${n} of a paragraph that is long enough for Readability to count it as content.`;

  it('keeps block elements as separate paragraphs even with no whitespace between them', () => {
    const a = extractArticle(page(`<p>${sentence(1)}</p><p>${sentence(2)}</p><blockquote>${sentence(3)}</blockquote>`), 'https://x.example/a');
    expect(a.paragraphs).toEqual([sentence(1), sentence(2), sentence(3)]);
    expect(a.text).toBe([sentence(1), sentence(2), sentence(3)].join('\n\n'));
  });

  it('splits at <br> and normalises whitespace inside a paragraph, leaving inline elements joined', () => {
    const a = extractArticle(
      page(`<div>${sentence(1)}<br><br>\n  ${sentence(2).replace('paragraph', '<em>para</em>graph')}\u00a0 \t<b>End.</b></div><p>${sentence(3)}</p>`),
      'https://x.example/a',
    );
    expect(a.paragraphs).toEqual([sentence(1), `${sentence(2)} End.`, sentence(3)]);
  });

  it('keeps list items and table cells as their own paragraphs', () => {
    const a = extractArticle(
      page(`<p>${sentence(1)}</p><ul><li>First point made in the list.</li><li>Second point made in the list.</li></ul><p>${sentence(2)}</p>`),
      'https://x.example/a',
    );
    expect(a.paragraphs).toEqual([sentence(1), 'First point made in the list.', 'Second point made in the list.', sentence(2)]);
  });

  it('drops captions, advertisement labels, "Read more" links, related-link lists and datelines', () => {
    const a = extractArticle(
      page(
        `<p>Updated 5 March 2024, 18:42 GMT</p><p>${sentence(1)}</p>` +
          `<figure><img src="a.jpg"><figcaption>A caption describing the photo. Photograph: Agency</figcaption></figure>` +
          `<p>Advertisement</p><p>${sentence(2)}</p>` +
          `<p>Read more: <a href="/x">A headline about something else entirely</a></p>` +
          `<p>${sentence(3)}</p><h3>You may also like</h3>` +
          `<ul><li><a href="/1">Other story one</a></li><li><a href="/2">Other story two</a></li></ul>`,
      ),
      'https://x.example/a',
    );
    expect(a.paragraphs).toEqual([sentence(1), sentence(2), sentence(3)]);
  });

  it('keeps a single linked paragraph (it may be a quoted link, not a list of them)', () => {
    const a = extractArticle(page(`<p>${sentence(1)}</p><p><a href="/doc">The full report is published on the ministry website</a></p><p>${sentence(2)}</p>`), 'https://x.example/a');
    expect(a.paragraphs).toContain('The full report is published on the ministry website');
  });
});

describe('metadata precedence', () => {
  const body = `<article><p>${'Council members discussed the plan for hours before voting on it late at night. '.repeat(6)}</p></article>`;

  it("uses Readability's fields first and fills the gaps from the page metadata", () => {
    const html =
      '<html><head><title>Headline | Site</title>' +
      '<meta property="og:title" content="Headline">' +
      '<meta property="og:locale" content="de_DE">' +
      '<meta name="author" content="Meta Author">' +
      '<meta name="sailthru.date" content="2024-05-01 10:00:00">' +
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","author":{"@type":"Person","name":"LD Author"},"publisher":{"@type":"Organization","name":"LD Publisher"}}</script>' +
      `</head><body>${body}</body></html>`;
    const a = extractArticle(html, 'https://x.example/a');
    expect(a.extractor).toBe('readability');
    expect(a.title).toBe('Headline'); // Readability: og:title
    expect(a.byline).toBe('LD Author'); // Readability: JSON-LD author beats meta author
    expect(a.siteName).toBe('LD Publisher'); // Readability: JSON-LD publisher
    expect(a.publishedTime).toBe('2024-05-01T10:00:00.000Z'); // Readability has none: sailthru.date
    expect(a.lang).toBe('de'); // no <html lang>: og:locale
  });

  it("normalises Readability's own date and language", () => {
    const html =
      '<html lang="EN-us"><head><meta property="article:published_time" content="2024-05-01T12:00:00+02:00"></head>' +
      `<body>${body}</body></html>`;
    const a = extractArticle(html, 'https://x.example/a');
    expect(a.publishedTime).toBe('2024-05-01T10:00:00.000Z');
    expect(a.lang).toBe('en');
  });

  it('prefers the metadata title when Readability fell back to "<title>" with the site name added', () => {
    const a = extractArticle(fixture('jsonld-graph-only').html, fixture('jsonld-graph-only').expected.url);
    expect(a.title).toBe('Storm knocks out power to 40,000 homes across the valley');
  });

  it('returns null, not empty strings, for fields no source has', () => {
    const a = extractArticle(`<html><body>${body}</body></html>`, 'https://x.example/a');
    expect(a.byline).toBeNull();
    expect(a.siteName).toBeNull();
    expect(a.publishedTime).toBeNull();
    expect(a.lang).toBeNull();
  });
});

describe('degraded mode', () => {
  const news = fixture('news-site-full');
  const crash: DomParser = () => {
    throw new Error('simulated parser crash');
  };
  /** A parser whose document Readability finds nothing in. */
  const emptyPage: DomParser = (_html, url) => parseWithLinkedom('<html><head></head><body></body></html>', url);
  /** A parser whose document makes Readability itself throw. */
  const brokenDocument: DomParser = () => ({ document: {} as Document, close: () => undefined });

  it.each([
    ['the parser throws', crash],
    ['Readability returns null', emptyPage],
    ['Readability throws', brokenDocument],
  ])('takes over when %s', (_case, parser) => {
    const a = extractArticle(news.html, news.expected.url, { parser });
    expectWellFormed(a);
    expect(a.extractor).toBe('degraded');
    expect(a.text).toContain(news.expected.mustContain![0]);
    expect(a.text).toContain('A public consultation on the exact location of the stops will open next month.');
    for (const s of ['Share on Facebook', 'New ferry timetable', 'Most read', 'All rights reserved', 'Advertisement']) {
      expect(a.text).not.toContain(s);
    }
    // Metadata comes from the degraded pass's own parse.
    expect(a.title).toBe(news.expected.title);
    expect(a.byline).toBe('Marta Okafor');
    expect(a.publishedTime).toBe('2024-03-05T18:42:00.000Z');
    expect(a.lang).toBe('en');
  });

  it('throws ExtractionError when even the degraded pass finds no text', () => {
    for (const html of ['', '<html><body></body></html>', '<html><head><title>Only a title</title></head><body><img src="a.png"></body></html>']) {
      expect(() => extractArticle(html, 'https://x.example/')).toThrow(ExtractionError);
    }
  });

  it('keeps the parser crash as the cause when nothing could be extracted', () => {
    let thrown: unknown;
    try {
      extractArticle('<html><body><img src="a.png"></body></html>', 'https://x.example/', { parser: crash });
    } catch (err: unknown) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ExtractionError);
    expect((thrown as ExtractionError).cause).toBeInstanceOf(Error);
    expect(((thrown as ExtractionError).cause as Error).message).toBe('simulated parser crash');
  });

  it('never throws anything but ExtractionError, whatever the input', () => {
    const inputs = [
      '<'.repeat(5000),
      '<div>'.repeat(3000) + 'deeply nested text that is still text',
      '</div></p></body></html>'.repeat(100) + '<p>stray end tags before the text</p>',
      '\u0000\u0001\ufffd binary-looking \u0000 text',
      '<html><body><p>unclosed <b><i><a href="x">everything',
      '<!-- unclosed comment <p>text</p>',
      '<table><td>cell outside a row<td>another</table>',
      'plain text without any markup at all',
      '<svg><p>text inside svg</svg>',
    ];
    for (const html of inputs) {
      for (const dom of ['linkedom', 'jsdom'] as const) {
        try {
          const a = extractArticle(html, 'https://x.example/', { dom });
          expect(a.wordCount).toBeGreaterThan(0);
        } catch (err: unknown) {
          expect(err).toBeInstanceOf(ExtractionError);
        }
      }
    }
  });

  it('sends absurdly deep pages straight to the degraded extractor instead of spending minutes in Readability', () => {
    const paragraph = '<div><p>Every one of these unclosed wrappers holds a sentence of real text in it.</p>';
    const started = performance.now();
    const a = extractArticle(`<html><body>${paragraph.repeat(5000)}</body></html>`, 'https://x.example/');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(a.extractor).toBe('degraded');
    expect(a.paragraphs.length).toBeGreaterThan(1000);
  });

  it('accepts a page URL that is not a valid URL', () => {
    const a = extractArticle(news.html, 'not a url', { dom: 'jsdom' });
    expect(a.extractor).toBe('readability');
    expect(extractArticle(news.html, 'not a url').extractor).toBe('readability');
  });
});

describe('linkedom adapter', () => {
  it('gives Readability the page URL as documentURI and baseURI, honouring <base href>', () => {
    const plain = parseWithLinkedom('<p>x</p>', 'https://x.example/news/a.html').document;
    expect(plain.documentURI).toBe('https://x.example/news/a.html');
    expect(plain.baseURI).toBe('https://x.example/news/a.html');
    const based = parseWithLinkedom('<head><base href="/static/"></head><p>x</p>', 'https://x.example/news/a.html').document;
    expect(based.baseURI).toBe('https://x.example/static/');
  });

  it('builds a browser-shaped document from fragments and pages without <head> or <body>', () => {
    for (const html of ['<p>text</p>', '<html><meta charset="utf-8"><title>T</title><p>text</p>', '<html><body><p>text</p></body></html><p>after</p>']) {
      const { document } = parseWithLinkedom(html, 'https://x.example/');
      expect(document.body.textContent).toContain('text');
      expect(document.documentElement.localName).toBe('html');
    }
  });
});

describe('paragraph rules (articleParagraphs)', () => {
  const block = (text: string, tag = 'p', ancestors: string[] = [tag], linkChars = 0): Block => ({
    text,
    tag,
    ancestors,
    linkChars,
    element: null,
  });
  const prose = block('The minister said the budget would be published in full on Thursday morning.');

  it.each([
    ['a caption', block('The bridge at dusk. Photograph: Agency', 'figcaption', ['figcaption', 'figure'])],
    ['a breadcrumb', block('Home', 'li', ['li', 'ol', 'nav'], 4)],
    ['a labelled link', block('Related: Budget talks stall again', 'p', ['p'], 24)],
    ['an ad label', block('ADVERTISEMENT')],
    ['a reading-time line', block('Tempo de leitura: 2 minutos')],
    ['a section heading', block('More Great WIRED Stories', 'h3')],
    ['a photo credit', block('Jane Doe | Getty Images')],
    ['a dateline', block('Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM')],
    ['a cookie notice', block("This website uses cookies to improve your experience. We'll assume you're ok with this.")],
    ['a newsletter prompt', block("Get the latest updates right in your inbox. Subscribe to our newsletters.")],
  ])('drops %s', (_what, b) => {
    expect(articleParagraphs([prose, b, prose])).toEqual([prose.text, prose.text]);
  });

  it.each([
    ['a number in a table cell', block('2019', 'td', ['td', 'tr', 'table'])],
    ['prose that mentions cookies', block('Regulators said websites that use cookies must ask first.')],
    ['prose that mentions subscribing', block('Subscribers who sign up before March keep the old price, the company said.')],
    ['one linked paragraph', block('Read the full ruling', 'p', ['p'], 21)],
    ['a list item with text', block('Wages rose 4% in the year to March.', 'li', ['li', 'ul'])],
  ])('keeps %s', (_what, b) => {
    expect(articleParagraphs([prose, b, prose])).toEqual([prose.text, b.text, prose.text]);
  });

  it('drops runs of bare links but not a bare URL someone quoted', () => {
    const links = [block('Other story one', 'li', ['li', 'ul'], 15), block('Other story two', 'li', ['li', 'ul'], 15)];
    expect(articleParagraphs([prose, ...links, prose])).toEqual([prose.text, prose.text]);
    const urls = [block('http://example.com/a', 'p', ['p'], 20), block('http://example.com/b', 'p', ['p'], 20)];
    expect(articleParagraphs([prose, ...urls])).toEqual([prose.text, ...urls.map((u) => u.text)]);
  });
});
