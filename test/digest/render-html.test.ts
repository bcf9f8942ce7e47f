import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { layoutNetwork, type NetworkLayout } from '../../shared/digest/network-layout.js';
import { CONTENT_SECURITY_POLICY, digestToHtml, escapeHtml } from '../../shared/digest/render-html.js';
import type { Digest } from '../../shared/digest/types.js';
import { generatedDigest, sampleDigest } from '../support/sample-digest.js';

function parse(html: string): Document {
  return (parseHTML(html) as unknown as { document: Document }).document;
}

const d = sampleDigest();
const html = digestToHtml(d, { links: { markdown: '/digests/2026-11-28.md', json: '/digests/2026-11-28', previous: '/digests/2026-11-27.html' } });
const doc = parse(html);
/** The landscape picture; the portrait one for phones draws the same graph. */
const svg = doc.querySelector('svg.network-wide')!;

describe('digestToHtml: the document', () => {
  it('is one standalone document with a strict CSP and no script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(doc.querySelector('meta[name="viewport"]')?.getAttribute('content')).toBe('width=device-width, initial-scale=1');
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('link[rel="stylesheet"], iframe, object, embed, img')).toHaveLength(0);
    expect(doc.querySelector('title')?.textContent).toBe('News digest — 28 November 2026');
    expect(parse(digestToHtml(d, { title: 'Daily <b>' })).querySelector('title')?.textContent).toBe('Daily <b>');
  });

  it('loads nothing from anywhere: every src and href is a same-site path or an article link', () => {
    const articleUrls = new Set([
      ...d.articles.flatMap((a) => [a.url, ...(a.duplicates ?? []).map((x) => x.url)]),
      ...d.relations.flatMap((r) => r.evidence.map((e) => e.url)),
      ...d.topStances.map((s) => s.url),
    ]);
    const refs = [...doc.querySelectorAll('[src], [href], [xlink\\:href]')].map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? '');
    expect(refs.length).toBeGreaterThan(d.articles.length);
    for (const ref of refs) {
      if (/^\s*(https?:)?\/\//i.test(ref)) expect(articleUrls.has(ref), `external ${ref}`).toBe(true);
      else expect(ref).toMatch(/^\/digests\//);
    }
    const css = [...doc.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    expect(css).not.toMatch(/@import|url\(|@font-face/i);
    expect(css).toMatch(/prefers-color-scheme:\s*dark/);
    expect(css).toMatch(/system-ui/);
  });

  it('has the sections in order', () => {
    const ids = [...doc.querySelectorAll('main > section')].map((s) => s.id);
    expect(ids).toEqual(['network', 'actors', 'relations', 'stances', 'changes', 'articles']);
    expect([...doc.querySelectorAll('nav a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['← Previous day', '/digests/2026-11-27.html'], ['Markdown', '/digests/2026-11-28.md'], ['JSON', '/digests/2026-11-28'],
    ]);
  });

  it('lists the top actors with salience, articles, given and received', () => {
    const rows = [...doc.querySelectorAll('#actors tbody tr')];
    expect(rows).toHaveLength(d.topActors.length);
    const us = rows[0].textContent!.replace(/\s+/g, ' ');
    expect(us).toContain('United States');
    expect(us).toContain('0.86');
    expect(us).toContain('−2.6 (4)');
    expect(us).toContain('−3.0 (2)');
  });

  it('shows each relation with its evidence sentences, linked to the article without a referrer', () => {
    const items = [...doc.querySelectorAll('#relations li.relation')];
    expect(items).toHaveLength(d.relations.length);
    const usRus = items.find((li) => li.querySelector('h3')?.textContent === 'United States → Russia')!;
    expect(usRus.className).toContain('relation-opposition');
    expect(usRus.textContent).toContain('net −9.8 · 2 stances');
    const quotes = [...usRus.querySelectorAll('blockquote')].map((q) => q.textContent);
    expect(quotes[0]).toBe(`“${d.relations[1].evidence[0].text}”`);
    const links = [...usRus.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://news.example/news/us-sanctions-threat', 'https://news.example/news/us-sanctions-threat']);
    for (const a of doc.querySelectorAll('main a[href^="http"]')) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(doc.querySelector('meta[name="referrer"]')?.getAttribute('content')).toBe('no-referrer');
  });

  it('shows the PLOVER event type beside the evidence it was read from', () => {
    const typed: Digest = { ...d, relations: [{ ...d.relations[0], evidence: [{ ...d.relations[0].evidence[0], plover: 'THREATEN' }] }] };
    const tag = parse(digestToHtml(typed)).querySelector('#relations li.relation span.tag[title="PLOVER event type"]');
    expect(tag?.textContent).toBe('THREATEN');
    expect(doc.querySelector('#relations span.tag[title="PLOVER event type"]')).toBeNull(); // the sample has none
  });

  it('shows top stances, changes and one entry per article with duplicates', () => {
    expect(doc.querySelectorAll('#stances ol.stances > li')).toHaveLength(d.topStances.length);
    const changes = doc.querySelector('#changes')!.textContent!;
    expect(doc.querySelector('#changes h2')?.textContent).toBe('What changed since 27 November 2026');
    expect(changes).toContain('United Kingdom → Russia +2.5 → −4.0');
    expect(changes).toContain('Venezuela 0 → 3 articles');
    const articles = [...doc.querySelectorAll('#articles ol.articles > li')];
    expect(articles).toHaveLength(d.articles.length);
    expect(articles[0].querySelector('h3 a')?.getAttribute('href')).toBe(d.articles[0].url);
    expect(articles[0].textContent).toContain('Also as duplicate: Yahoo News');
    expect(doc.querySelector('#articles h2')?.textContent).toBe('Articles');
    const busy = parse(digestToHtml({ ...d, articleCount: 4_321, articlePages: 22 }));
    expect(busy.querySelector('#articles h2')?.textContent).toBe(`Top articles (${d.articles.length} of 4321)`);
    expect(busy.querySelector('#articles > p.muted')?.textContent).toBe('Every article of the day: GET /digests/2026-11-28/articles, 22 pages.');
  });
});

describe('digestToHtml: the network', () => {
  it('is an SVG image with an accessible name, scaled by its view box', () => {
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toMatch(/^Network of 12 actors and 18 relations\. Strongest: Russia to Ukraine, opposition, net −10\.0;/);
    expect(svg.getAttribute('viewBox')).toMatch(/^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);
    expect(svg.hasAttribute('width')).toBe(false);
    expect(doc.querySelectorAll('svg.network')).toHaveLength(2);
  });

  it('labels every actor and gives nodes and edges hover text', () => {
    const labels = [...svg.querySelectorAll('.node text')].map((t) => t.textContent);
    for (const a of d.topActors) expect(labels).toContain(a.name);
    for (const g of svg.querySelectorAll('g.node, g.edge')) expect(g.querySelector('title')?.textContent).toBeTruthy();
    const usRus = svg.querySelector('g.edge[data-source="USA"][data-target="RUS"] title')?.textContent;
    expect(usRus).toBe('United States → Russia: opposition, net −9.8 over 2 stances');
  });

  it('draws support and opposition differently without colour: dash, arrowhead shape and sign', () => {
    const support = [...svg.querySelectorAll('g.edge-support')];
    const opposition = [...svg.querySelectorAll('g.edge-opposition')];
    expect(support.length).toBe(d.relations.filter((r) => r.polarity > 0).length);
    expect(opposition.length).toBe(d.relations.filter((r) => r.polarity < 0).length);
    for (const g of support) {
      expect(g.querySelector('path.edge-line')?.hasAttribute('stroke-dasharray')).toBe(false);
      expect(g.querySelector('.edge-head')?.tagName.toLowerCase()).toBe('polygon');
      expect(g.querySelector('.edge-sign text')?.textContent).toBe('+');
    }
    for (const g of opposition) {
      expect(g.querySelector('path.edge-line')?.getAttribute('stroke-dasharray')).toMatch(/^[\d.]+ [\d.]+$/);
      expect(g.querySelector('.edge-head')?.tagName.toLowerCase()).toBe('polyline');
      expect(g.querySelector('.edge-sign text')?.textContent).toBe('−');
    }
  });

  it('draws stronger relations with wider lines', () => {
    const width = (s: string, t: string) => Number(svg.querySelector(`g.edge[data-source="${s}"][data-target="${t}"] path.edge-line`)?.getAttribute('stroke-width'));
    expect(width('RUS', 'UKR')).toBeGreaterThan(width('CHN', 'RUS'));
    expect(width('CHN', 'RUS')).toBeGreaterThan(width('RUS', 'USA'));
  });

  it('explains the encoding in a legend', () => {
    const legend = doc.querySelector('figcaption .legend')!.textContent!;
    expect(legend).toContain('Support');
    expect(legend).toContain('solid line, filled arrowhead, “+”');
    expect(legend).toContain('Opposition');
    expect(legend).toContain('dashed line, open arrowhead, “−”');
    expect(legend).toContain('Line width');
    expect(legend).toContain('Circle size');
    expect(legend).toContain('Arrows point from the actor who acted');
    // The samples in the legend use the same marks as the picture.
    expect(doc.querySelector('.legend-sample.edge-opposition path')?.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(doc.querySelector('.legend-sample.edge-support path')?.hasAttribute('stroke-dasharray')).toBe(false);
    expect(legend).not.toContain('Mixed');
  });

  it('has a text table of every relation as a fallback', () => {
    const rows = [...doc.querySelectorAll('details.network-table tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toHaveLength(d.relations.length);
    expect(rows).toContainEqual(['United States', 'Russia', 'opposition', '−9.8', '2']);
    expect(rows).toContainEqual(['China', 'Russia', 'support', '+8.0', '1']);
  });

  it('draws a mixed relation dotted, with its own legend line', () => {
    const mixed: Digest = { ...d, relations: [...d.relations, { ...d.relations[0], source: 'GBR', target: 'CHN', sourceName: 'United Kingdom', targetName: 'China', net: 0, polarity: 0 }] };
    const m = parse(digestToHtml(mixed));
    const g = m.querySelector('svg.network-wide g.edge-mixed')!;
    expect(g.querySelector('.edge-sign text')?.textContent).toBe('±');
    expect(g.querySelector('path.edge-line')?.getAttribute('stroke-dasharray')).not.toBe(m.querySelector('svg.network-wide g.edge-opposition path.edge-line')?.getAttribute('stroke-dasharray'));
    expect(m.querySelector('.legend')!.textContent).toContain('Mixed');
  });
});

describe('digestToHtml: escaping', () => {
  const evil = '<script>alert("x")</script>';
  const hostile: Digest = {
    ...d,
    topActors: [{ ...d.topActors[0], name: `"><img src=x onerror=alert(1)>` }, ...d.topActors.slice(1)],
    relations: [{ ...d.relations[0], sourceName: '<b>bold</b>', evidence: [{ ...d.relations[0].evidence[0], text: `They said ${evil} & left.`, url: 'javascript:alert(1)' }] }],
    topStances: [{ ...d.topStances[0], text: evil }],
    articles: [{ ...d.articles[0], title: `</title>${evil}`, summary: `<style>body{display:none}</style>`, url: 'https://news.example/a?x=1&y="2"' }],
    sources: [{ site: '<i>site</i>', count: 1 }],
  };
  const out = digestToHtml(hostile, { links: { markdown: 'javascript:alert(1)', json: '//evil.example/x', previous: 'data:text/html,x' } });
  const h = parse(out);

  it('renders an evidence sentence containing <script> as text', () => {
    expect(h.querySelectorAll('script')).toHaveLength(0);
    expect(out).not.toContain('<script>');
    expect(h.querySelector('#relations blockquote')?.textContent).toBe(`“They said ${evil} & left.”`);
    expect(h.querySelector('#stances blockquote')?.textContent).toBe(`“${evil}”`);
  });

  it('escapes names, titles, summaries and sites in content and attributes', () => {
    expect(h.querySelectorAll('img, i, main style, #relations h3 b')).toHaveLength(0);
    expect([...h.querySelectorAll('*')].some((el) => el.hasAttribute('onerror'))).toBe(false);
    // The picture cuts long names (with an ellipsis); the full name is in the hover text.
    expect([...h.querySelectorAll('svg.network-wide .node text')].map((t) => t.textContent)).toContain('"><img src=x onerror=al…');
    expect(h.querySelector('svg.network-wide .node title')?.textContent).toMatch(/^"><img src=x onerror=alert\(1\)> \(country\)/);
    expect(h.querySelector('#articles h3 a')?.textContent).toBe(`</title>${evil}`);
    expect(h.querySelector('#articles h3 a')?.getAttribute('href')).toBe('https://news.example/a?x=1&y="2"');
    expect(h.querySelector('#relations h3')?.textContent).toContain('<b>bold</b>');
  });

  it('does not link anything but http(s) articles and same-site paths', () => {
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('//evil.example');
    expect(out).not.toContain('data:text/html');
    expect(h.querySelectorAll('nav a')).toHaveLength(0);
    expect(h.querySelector('#relations .cite span')?.textContent).toContain('Kyiv Independent');
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

// ---- the layout ----

function checkLayout(layout: NetworkLayout): void {
  const { viewBox: vb, nodes, edges } = layout;
  for (const v of [vb.x, vb.y, vb.width, vb.height]) expect(Number.isFinite(v)).toBe(true);
  expect(vb.width).toBeGreaterThan(0);
  expect(vb.height).toBeGreaterThan(0);
  for (const n of nodes) {
    for (const v of [n.x, n.y, n.r, n.labelY]) expect(Number.isFinite(v)).toBe(true);
    // Circle and label inside the view box.
    expect(n.x - Math.max(n.r, n.labelWidth / 2)).toBeGreaterThanOrEqual(vb.x);
    expect(n.x + Math.max(n.r, n.labelWidth / 2)).toBeLessThanOrEqual(vb.x + vb.width);
    expect(Math.min(n.y - n.r, n.labelY - layout.fontSize)).toBeGreaterThanOrEqual(vb.y);
    expect(Math.max(n.y + n.r, n.labelY)).toBeLessThanOrEqual(vb.y + vb.height);
  }
  // No two circles overlap, nor two labels.
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.id} / ${b.id}`).toBeGreaterThan(a.r + b.r);
      const labelsOverlapX = Math.abs(a.x - b.x) < (a.labelWidth + b.labelWidth) / 2;
      const labelsOverlapY = Math.abs(a.labelY - b.labelY) < layout.fontSize;
      expect(labelsOverlapX && labelsOverlapY, `labels of ${a.id} and ${b.id}`).toBe(false);
    }
  }
  // Arrow tips touch the target's circle (2 units off it).
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const e of edges) {
    const t = byId.get(e.target)!;
    expect(Math.hypot(e.tipX - t.x, e.tipY - t.y)).toBeCloseTo(t.r + 2 * layout.ink, 0);
    expect(e.width).toBeGreaterThan(0);
  }
}

describe('layoutNetwork', () => {
  it('is deterministic: the same digest gives the same layout and the same page', () => {
    const a = layoutNetwork(d.topActors, d.relations);
    const b = layoutNetwork(structuredClone(d.topActors), structuredClone(d.relations));
    expect(b).toEqual(a);
    expect(digestToHtml(sampleDigest())).toBe(digestToHtml(sampleDigest()));
    const other = layoutNetwork(d.topActors, d.relations, { seed: 99 });
    expect(other.nodes.map((n) => [n.x, n.y])).not.toEqual(a.nodes.map((n) => [n.x, n.y]));
  });

  it('draws every actor and relation of the sample within bounds, without overlaps', () => {
    const layout = layoutNetwork(d.topActors, d.relations);
    expect(layout.nodes).toHaveLength(12);
    expect(layout.edges).toHaveLength(18);
    checkLayout(layout);
    checkLayout(layoutNetwork(d.topActors, d.relations, { aspect: 2.2, ink: 1.3 }));
  });

  it('sizes nodes by salience and edges by |net|', () => {
    const layout = layoutNetwork(d.topActors, d.relations);
    const r = new Map(layout.nodes.map((n) => [n.id, n.r]));
    expect(r.get('USA')!).toBeGreaterThan(r.get('united-nations')!);
    const strongest = layout.edges[layout.edges.length - 1];
    expect(Math.abs(strongest.net)).toBe(10);
    expect(strongest.width).toBe(Math.max(...layout.edges.map((e) => e.width)));
  });

  it('bows reciprocal relations apart and keeps one-way relations straight', () => {
    const layout = layoutNetwork(d.topActors, d.relations);
    const edge = (s: string, t: string) => layout.edges.find((e) => e.source === s && e.target === t)!;
    const there = edge('CHN', 'RUS');
    const back = edge('RUS', 'CHN');
    expect(Math.hypot(there.midX - back.midX, there.midY - back.midY)).toBeGreaterThan(10);
    const oneWay = edge('USA', 'VEN');
    // A straight edge's control point lies on the line between its ends.
    const cross = (oneWay.cx - oneWay.x1) * (oneWay.tipY - oneWay.y1) - (oneWay.cy - oneWay.y1) * (oneWay.tipX - oneWay.x1);
    expect(Math.abs(cross) / Math.hypot(oneWay.tipX - oneWay.x1, oneWay.tipY - oneWay.y1)).toBeLessThan(0.5);
  });

  it('adds actors that only relations name, and skips loops', () => {
    const layout = layoutNetwork([], [
      { source: 'A', target: 'B', sourceName: 'Alpha', targetName: 'Beta', net: 3, count: 1, polarity: 1 },
      { source: 'A', target: 'A', sourceName: 'Alpha', targetName: 'Alpha', net: -3, count: 1, polarity: -1 },
    ]);
    expect(layout.nodes.map((n) => n.name)).toEqual(['Alpha', 'Beta']);
    expect(layout.edges).toHaveLength(1);
    checkLayout(layout);
  });

  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [2, 2],
    [5, 0],
    [60, 90],
    [90, 40],
  ])('handles %i actors and %i relations', (actors, relations) => {
    const g = generatedDigest(actors, relations);
    const layout = layoutNetwork(g.topActors, g.relations);
    expect(layout.nodes).toHaveLength(actors);
    checkLayout(layout);
    // Overlap removal must not blow the picture up: about as big as the nodes need.
    const area = layout.viewBox.width * layout.viewBox.height;
    expect(area).toBeLessThan(Math.max(1, actors) * 60_000 + 200_000);
    expect(parse(digestToHtml(g)).querySelectorAll('svg.network-wide g.node')).toHaveLength(actors);
  });

  it('says so when there is nothing to draw', () => {
    const empty = generatedDigest(0, 0);
    const page = parse(digestToHtml(empty));
    expect(page.querySelectorAll('svg')).toHaveLength(0);
    expect(page.querySelector('#network')?.textContent).toContain('No actors or relations to draw today.');
  });
});
