import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { AtomInputError, digestsToAtom, escapeXml, type AtomDigestEntry } from '../../shared/digest/render-atom.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const { DOMParser } = new JSDOM('').window;

/** jsdom's XML parser (saxes) is strict: a document that is not well-formed gives <parsererror>. */
function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return doc;
}

function child(el: Element | Document, name: string): Element | undefined {
  const parent = 'documentElement' in el ? el.documentElement : el;
  return [...parent.children].find((c) => c.localName === name && c.namespaceURI === ATOM_NS);
}

const entries: AtomDigestEntry[] = [
  { date: '2026-11-27', articleCount: 30, generatedAt: '2026-11-28T00:05:00Z', topActors: ['Russia', 'Ukraine'] },
  { date: '2026-11-28', articleCount: 42, generatedAt: '2026-11-29T00:05:00.000Z', topActors: ['United States', 'Russia', 'Ukraine', 'China'],
    summaryHtml: '<p>Russia → Ukraine: <b>attack</b> &amp; more</p>' },
];
const opts = {
  feedUrl: 'https://digest.example.org/digests.atom',
  siteUrl: 'https://digest.example.org/',
  linkFor: (date: string) => `https://digest.example.org/digests/${date}.html?expires=1&sig=abc`,
};

describe('digestsToAtom', () => {
  it('is checked by a strict XML parser', () => {
    expect(() => parseXml('<feed><entry></feed>')).toThrow(/not well-formed/);
    expect(() => parseXml('<feed>a & b</feed>')).toThrow(/not well-formed/);
  });

  const xml = digestsToAtom(entries, opts);
  const doc = parseXml(xml);

  it('is a well-formed Atom 1.0 feed with id, title, updated, author and a self link', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(doc.documentElement.localName).toBe('feed');
    expect(doc.documentElement.namespaceURI).toBe(ATOM_NS);
    expect(child(doc, 'id')?.textContent).toBe(opts.feedUrl);
    expect(child(doc, 'title')?.textContent).toBe('newsdigest: daily news digests');
    expect(child(doc, 'updated')?.textContent).toBe('2026-11-29T00:05:00.000Z');
    expect(child(doc, 'author') && child(child(doc, 'author')!, 'name')?.textContent).toBe('newsdigest');
    const links = [...doc.documentElement.children].filter((c) => c.localName === 'link');
    expect(links.map((l) => [l.getAttribute('rel'), l.getAttribute('href')])).toEqual([
      ['self', opts.feedUrl], ['alternate', opts.siteUrl],
    ]);
  });

  it('has one entry per digest, newest first, each with a tag: id, title, updated, link and summary', () => {
    const items = [...doc.getElementsByTagNameNS(ATOM_NS, 'entry')];
    expect(items).toHaveLength(2);
    const [newest, older] = items;
    expect(child(newest, 'id')?.textContent).toBe('tag:digest.example.org,2026-11-28:digest/2026-11-28');
    expect(child(older, 'id')?.textContent).toBe('tag:digest.example.org,2026-11-27:digest/2026-11-27');
    expect(child(newest, 'title')?.textContent).toBe('News digest 2026-11-28: 42 articles — United States, Russia, Ukraine');
    expect(child(newest, 'updated')?.textContent).toBe('2026-11-29T00:05:00.000Z');
    expect(child(older, 'updated')?.textContent).toBe('2026-11-28T00:05:00.000Z');
    const link = child(newest, 'link')!;
    expect([link.getAttribute('rel'), link.getAttribute('type'), link.getAttribute('href')]).toEqual(['alternate', 'text/html', opts.linkFor('2026-11-28')]);
    expect(child(newest, 'summary')?.textContent).toBe('42 articles on 2026-11-28 (UTC). Top actors: United States, Russia, Ukraine, China.');
    // type="html": the HTML travels escaped and comes back out as the same markup.
    expect(child(newest, 'content')?.getAttribute('type')).toBe('html');
    expect(child(newest, 'content')?.textContent).toBe(entries[1].summaryHtml);
    expect(child(older, 'content')).toBeUndefined();
  });

  it('keeps the same entry id when a day is rebuilt', () => {
    const rebuilt = parseXml(digestsToAtom([{ ...entries[1], generatedAt: '2026-11-29T06:00:00Z', articleCount: 45 }], opts));
    expect(child(rebuilt.getElementsByTagNameNS(ATOM_NS, 'entry')[0], 'id')?.textContent).toBe('tag:digest.example.org,2026-11-28:digest/2026-11-28');
  });

  it('XML-escapes everything, so hostile names and URLs stay well-formed', () => {
    const hostile = digestsToAtom(
      [{ date: '2026-11-28', articleCount: 1, generatedAt: '2026-11-29T00:05:00Z', topActors: ['<Tom & "Jerry">', "O'Brien", 'bad\u0001char\uD800'], summaryHtml: ']]><script>x</script>' }],
      { ...opts, title: 'A & B <feed>', linkFor: (date) => `https://digest.example.org/d?date=${date}&sig="x"<` },
    );
    const h = parseXml(hostile);
    expect(child(h, 'title')?.textContent).toBe('A & B <feed>');
    const entry = h.getElementsByTagNameNS(ATOM_NS, 'entry')[0];
    expect(child(entry, 'title')?.textContent).toBe('News digest 2026-11-28: 1 article — <Tom & "Jerry">, O\'Brien, badchar');
    expect(child(entry, 'link')?.getAttribute('href')).toBe('https://digest.example.org/d?date=2026-11-28&sig="x"<');
    expect(child(entry, 'content')?.textContent).toBe(']]><script>x</script>');
    expect(h.getElementsByTagName('script')).toHaveLength(0);
    expect(escapeXml(`<a b="c" d='e'>&</a>`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&lt;/a&gt;');
  });

  it('is a valid feed with no entries', () => {
    const empty = parseXml(digestsToAtom([], { ...opts, now: new Date('2026-11-29T01:00:00Z') }));
    expect(child(empty, 'updated')?.textContent).toBe('2026-11-29T01:00:00.000Z');
    expect(empty.getElementsByTagNameNS(ATOM_NS, 'entry')).toHaveLength(0);
  });

  it('refuses bad dates and timestamps with a clear error', () => {
    expect(() => digestsToAtom([{ ...entries[0], date: '28/11/2026' }], opts)).toThrow(AtomInputError);
    expect(() => digestsToAtom([{ ...entries[0], generatedAt: 'yesterday' }], opts)).toThrow(/generatedAt of 2026-11-27 is not a timestamp/);
    expect(() => digestsToAtom(entries, { ...opts, siteUrl: 'not a url' })).toThrow(/siteUrl/);
  });
});
