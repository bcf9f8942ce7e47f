import { describe, expect, it } from 'vitest';
import { digestToMarkdown, escapeMarkdown, formatSigned } from '../../shared/digest/render-markdown.js';
import type { Digest } from '../../shared/digest/types.js';
import { generatedDigest, sampleDigest } from '../support/sample-digest.js';

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}`);
  expect(start, `section "${heading}"`).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

describe('digestToMarkdown', () => {
  const d = sampleDigest();
  const md = digestToMarkdown(d);

  it('opens with the date and the counts', () => {
    expect(md.split('\n')[0]).toBe('# News digest — 28 November 2026');
    expect(md).toContain('**8 articles** (+1 duplicate not counted) · from **8 sources** · 12 top actors · 18 relations.');
  });

  it('lists the sources with their counts', () => {
    expect(section(md, 'Sources')).toContain('Reuters (1)');
  });

  it('has a top actors table with salience, articles, given and received', () => {
    const actors = section(md, 'Top actors');
    expect(actors).toContain('| Actor | Type | Salience | Articles | Given | Received |');
    expect(actors).toContain('| United States | country | 0.86 | 9 | −2.6 (4) | −3.0 (2) |');
    expect(actors.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| Actor'))).toHaveLength(12);
  });

  it('gives each relation its direction, net, count and up to 3 linked evidence quotes', () => {
    const relations = section(md, 'Strongest relations');
    expect(relations).toContain('### United States → Russia\n\n**opposition**, net −9.8 over 2 stances.');
    expect(relations).toContain('> “The United States threatened Russia with new sanctions on its largest banks if the strikes on grain ports continue.” — [Reuters](https://news.example/news/us-sanctions-threat)');
    expect(relations).toContain('### China → Russia\n\n**support**, net +8.0 over 1 stance.');

    const typed: Digest = { ...d, relations: [{ ...d.relations[0], evidence: [{ ...d.relations[0].evidence[0], plover: 'THREATEN' }] }] };
    expect(section(digestToMarkdown(typed), 'Strongest relations')).toContain('” `THREATEN` — [');

    const many: Digest = { ...d, relations: [{ ...d.relations[0], evidence: Array.from({ length: 5 }, (_, i) => ({ ...d.relations[0].evidence[0], text: `Sentence ${i}.` })) }] };
    const out = section(digestToMarkdown(many), 'Strongest relations');
    expect(out.match(/^> “Sentence/gm)).toHaveLength(3);
    expect(out).toContain('_and 2 more sentences_');
  });

  it('lists the top stances with category, score and article link', () => {
    const stances = section(md, 'Top stances');
    expect(stances).toContain('1. **Russia → Ukraine** (attack, −10.0): “Russia launched 40 drones');
    expect(stances.match(/^\d+\. /gm)).toHaveLength(d.topStances.length);
  });

  it('says what changed since the previous digest', () => {
    const changes = section(md, 'What changed since 27 November 2026');
    expect(changes).toContain('- New: China → Russia (+8.0)');
    expect(changes).toContain('- Reversed: United Kingdom → Russia (+2.5 → −4.0)');
    expect(changes).toContain('- Rising: Venezuela (0 → 3 articles)');
    expect(changes).toContain('- Falling: Iran (4 → 1 article)');
    const first = digestToMarkdown({ ...d, changes: { newRelations: [], reversed: [], rising: [], falling: [] } });
    expect(section(first, 'What changed')).toContain('No earlier digest to compare with.');
  });

  it('has one line per article, title linked, with site and summary, and notes duplicates', () => {
    const articles = section(md, 'Articles');
    const lines = articles.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(d.articles.length);
    expect(lines[0]).toBe('- [US threatens Russia with new sanctions over Black Sea strikes](https://news.example/news/us-sanctions-threat) — _Reuters_: '
      + 'Washington said new sanctions on Russian banks were ready if strikes on Ukrainian grain ports continued. (also as duplicate: [Yahoo News](https://news.example/news/us-sanctions-threat-wire))');
  });

  it('names the top articles of a day with more, and where the whole list is', () => {
    const busy: Digest = { ...d, articleCount: 4_321, articlePages: 22 };
    const out = digestToMarkdown(busy);
    const top = section(out, `Top articles (${d.articles.length} of 4321)`);
    expect(top.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(d.articles.length);
    expect(top).toContain('Every article of the day: `GET /digests/2026-11-28/articles` (22 pages).');
    expect(md).not.toContain('Every article of the day');
  });

  it('links through articleLink when given', () => {
    const out = digestToMarkdown(d, { articleLink: (a) => `/articles/${a.id}` });
    expect(out).toContain(`— [Reuters](/articles/${d.relations[1].evidence[0].articleId})`);
    expect(out).not.toContain('https://news.example');
  });

  it('escapes Markdown in article text, so it cannot become a link, an image, HTML or emphasis', () => {
    const hostile: Digest = {
      ...d,
      articles: [{ id: 'x', url: 'https://news.example/x', site: 'Site_Name', title: '[click](https://evil.example) *now*', summary: '![img](https://evil.example/i.png) <script>alert(1)</script> a|b `code` &amp;\nnext line' }],
      relations: [{ ...d.relations[0], sourceName: '# Heading', evidence: [{ ...d.relations[0].evidence[0], text: '**bold** _it_ ~~gone~~' }] }],
    };
    const out = digestToMarkdown(hostile);
    expect(out).toContain('- [\\[click\\](https://evil.example) \\*now\\*](https://news.example/x) — _Site\\_Name_: !\\[img\\](https://evil.example/i.png) \\<script\\>alert(1)\\</script\\> a\\|b \\`code\\` \\&amp; next line');
    expect(out).toContain('### \\# Heading → Ukraine');
    expect(out).toContain('“\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~”');
    expect(out).not.toContain('<script>');
  });

  it('does not link URLs that are not http(s), and percent-encodes what would end a link', () => {
    const out = digestToMarkdown({ ...d, articles: [
      { id: 'a', url: 'javascript:alert(1)', title: 'Evil', summary: 's' },
      { id: 'b', url: 'https://news.example/a (b)', title: 'Parens', summary: 's' },
    ] });
    expect(out).toContain('- Evil: s');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('[Parens](https://news.example/a%20%28b%29)');
  });

  it('escapes what would start a block at the start of a text', () => {
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('+ plus')).toBe('\\+ plus');
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
    expect(escapeMarkdown('U.S. sanctions, 5% - 3.5 & more!')).toBe('U.S. sanctions, 5% - 3.5 & more!');
  });

  it('formats scores with a sign and a typographic minus', () => {
    expect([formatSigned(6.5), formatSigned(-2), formatSigned(0), formatSigned(-0.04)]).toEqual(['+6.5', '−2.0', '0.0', '0.0']);
  });

  it('renders an empty day', () => {
    const empty = generatedDigest(0, 0);
    const out = digestToMarkdown({ ...empty, articles: [], sources: [], articleCount: 0 });
    expect(out).toContain('**0 articles** · from **0 sources** · 0 top actors · 0 relations.');
    expect(out).toContain('No actors today.');
    expect(out).toContain('No relations today.');
    expect(out).toContain('No articles today.');
  });
});
