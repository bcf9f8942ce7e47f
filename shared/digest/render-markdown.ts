// The digest as Markdown (`GET /digests/{date}.md`): the same data as the JSON, for reading in a
// terminal, a chat or a wiki. Every piece of text from an article is escaped, so a headline with
// `*`, `[` or `<` reads as written and cannot turn into a link, an image or raw HTML.

import type { Digest, DigestArticle, DigestEvidence } from './types.js';

/** What an article link points at: the article itself by default, or e.g. `/articles/{id}`. */
export interface ArticleRef {
  id: string;
  url: string;
  title?: string;
  site?: string;
}

export interface MarkdownOptions {
  articleLink?: (a: ArticleRef) => string;
}

const MAX_EVIDENCE_PER_RELATION = 3;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MINUS = '\u2212';

// ---- formatting shared by the renderings ----

/** `+6.5`, `−2.0`, `0.0`: a typographic minus, always one decimal. */
export function formatSigned(v: number, digits = 1): string {
  const s = Math.abs(v).toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return (v > 0 ? '+' : MINUS) + s;
}

/** `2026-11-28` → `28 November 2026`; anything else is returned as it is. */
export function longDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/** An ISO timestamp as `2026-11-29 00:05 UTC`; anything unparseable as it is. */
export function shortTimestamp(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 16)} UTC`;
}

export function polarityWord(p: number): 'support' | 'opposition' | 'mixed' {
  return p > 0 ? 'support' : p < 0 ? 'opposition' : 'mixed';
}

/** Only http(s) URLs become links; `javascript:` and friends are shown, not followed. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- Markdown ----

/**
 * Escapes text for inline Markdown (CommonMark and GitHub tables): backslash-escapes every
 * character that can start emphasis, code, a link, an image, HTML, a table cell or a
 * strikethrough, and an `&` that would start an entity, folds line breaks into spaces, and escapes what would start a block (heading,
 * list, quote) at the start of the text.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const inline = flat.replace(/[\\`*_[\]<>|~]|&(?=#?[A-Za-z0-9]+;)/g, (c) => `\\${c}`);
  return inline.replace(/^(\s*)([#+\-=>]|\d+(?=[.)]))/, (_, space: string, lead: string) => (/^\d/.test(lead) ? `${space}${lead}\\` : `${space}\\${lead}`));
}

/** A link destination: http(s) only, with the characters that would end it percent-encoded. */
function markdownUrl(url: string): string | undefined {
  if (!url.startsWith('/') && !isWebUrl(url)) return undefined;
  return url.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function link(text: string, url: string): string {
  const href = markdownUrl(url);
  return href ? `[${escapeMarkdown(text)}](${href})` : escapeMarkdown(text);
}

function evidenceRef(e: DigestEvidence): ArticleRef {
  return { id: e.articleId, url: e.url, ...(e.title ? { title: e.title } : {}), ...(e.site ? { site: e.site } : {}) };
}

function articleRef(a: DigestArticle): ArticleRef {
  return { id: a.id, url: a.url, ...(a.title ? { title: a.title } : {}), ...(a.site ? { site: a.site } : {}) };
}

export function digestToMarkdown(d: Digest, opts: MarkdownOptions = {}): string {
  const hrefFor = opts.articleLink ?? ((a: ArticleRef) => a.url);
  const sourceLabel = (r: ArticleRef) => r.site ?? r.title ?? 'article';
  const out: string[] = [];

  out.push(`# News digest — ${escapeMarkdown(longDate(d.date))}${d.feed ? ` — feed ${d.feed}` : ''}`, '');
  const counts = [
    `**${plural(d.articleCount, 'article')}**` + (d.duplicateCount > 0 ? ` (+${d.duplicateCount} duplicate${d.duplicateCount === 1 ? '' : 's'} not counted)` : ''),
    `from **${plural(d.sources.length, 'source')}**`,
    plural(d.topActors.length, 'top actor'),
    plural(d.relations.length, 'relation'),
  ];
  out.push(`${counts.join(' · ')}. Generated ${escapeMarkdown(shortTimestamp(d.generatedAt))}.`, '');

  if (d.sources.length > 0) {
    out.push('## Sources', '', d.sources.map((s) => `${escapeMarkdown(s.site)} (${s.count})`).join(' · '), '');
  }

  out.push('## Top actors', '');
  if (d.topActors.length === 0) {
    out.push('No actors today.', '');
  } else {
    out.push('| Actor | Type | Salience | Articles | Given | Received |', '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const a of d.topActors) {
      out.push(`| ${escapeMarkdown(a.name)} | ${escapeMarkdown(a.type)} | ${a.salience.toFixed(2)} | ${a.articles} | ${formatSigned(a.given)} (${a.givenCount}) | ${formatSigned(a.received)} (${a.receivedCount}) |`);
    }
    out.push('', '_Given and received: mean Goldstein score (−10 hostile … +10 cooperative) of the stances the actor took and met, with their count._', '');
  }

  out.push('## Strongest relations', '');
  if (d.relations.length === 0) out.push('No relations today.', '');
  for (const r of d.relations) {
    out.push(`### ${escapeMarkdown(r.sourceName)} → ${escapeMarkdown(r.targetName)}`, '');
    out.push(`**${polarityWord(r.polarity)}**, net ${formatSigned(r.net)} over ${plural(r.count, 'stance')}.`, '');
    for (const e of r.evidence.slice(0, MAX_EVIDENCE_PER_RELATION)) {
      const ref = evidenceRef(e);
      const claim = e.claim ? ' _(claim)_' : '';
      const plover = e.plover ? ` \`${e.plover}\`` : '';
      out.push(`> “${escapeMarkdown(e.text)}”${claim}${plover} — ${link(sourceLabel(ref), hrefFor(ref))}`, '');
    }
    const more = r.evidence.length - MAX_EVIDENCE_PER_RELATION;
    if (more > 0) out.push(`_and ${plural(more, 'more sentence')}_`, '');
  }

  out.push('## Top stances', '');
  if (d.topStances.length === 0) out.push('No stances today.', '');
  d.topStances.forEach((s, i) => {
    const ref = evidenceRef(s);
    out.push(`${i + 1}. **${escapeMarkdown(s.sourceName)} → ${escapeMarkdown(s.targetName)}** (${escapeMarkdown(s.category)}${s.plover ? `, ${s.plover}` : ''}, ${formatSigned(s.score)}${s.claim ? ', claim' : ''}): “${escapeMarkdown(s.text)}” — ${link(sourceLabel(ref), hrefFor(ref))}`);
  });
  if (d.topStances.length > 0) out.push('');

  out.push(d.changes.since ? `## What changed since ${escapeMarkdown(longDate(d.changes.since))}` : '## What changed', '');
  const c = d.changes;
  if (!c.since && c.newRelations.length + c.reversed.length + c.rising.length + c.falling.length === 0) {
    out.push('No earlier digest to compare with.', '');
  } else {
    const rel = (x: { sourceName: string; targetName: string }) => `${escapeMarkdown(x.sourceName)} → ${escapeMarkdown(x.targetName)}`;
    const items: string[] = [
      ...c.newRelations.map((x) => `- New: ${rel(x)} (${formatSigned(x.net)})`),
      ...c.reversed.map((x) => `- Reversed: ${rel(x)} (${x.previousNet === undefined ? '?' : formatSigned(x.previousNet)} → ${formatSigned(x.net)})`),
      ...c.rising.map((x) => `- Rising: ${escapeMarkdown(x.name)} (${x.previousArticles} → ${plural(x.articles, 'article')})`),
      ...c.falling.map((x) => `- Falling: ${escapeMarkdown(x.name)} (${x.previousArticles} → ${plural(x.articles, 'article')})`),
    ];
    out.push(...(items.length > 0 ? items : ['Nothing changed.']), '');
  }

  const more = d.articleCount > d.articles.length;
  out.push(more ? `## Top articles (${d.articles.length} of ${d.articleCount})` : '## Articles', '');
  if (d.articles.length === 0) out.push('No articles today.', '');
  for (const a of d.articles) {
    const ref = articleRef(a);
    const site = a.site ? ` — _${escapeMarkdown(a.site)}_` : '';
    const summary = a.summary ? `: ${escapeMarkdown(a.summary)}` : '';
    let line = `- ${link(a.title ?? a.url, hrefFor(ref))}${site}${summary}`;
    if (a.duplicates && a.duplicates.length > 0) {
      const copies = a.duplicates.map((dup) => link(dup.site ?? 'copy', hrefFor({ id: dup.id, url: dup.url, ...(dup.site ? { site: dup.site } : {}) })));
      line += ` (also as duplicate: ${copies.join(', ')})`;
    }
    out.push(line);
  }
  if (more) out.push('', d.feed ? `Every article of the feed that day: \`GET /articles?date=${d.date}&feed=${d.feed}\`.` : `Every article of the day: \`GET /digests/${d.date}/articles\` (${plural(d.articlePages ?? 1, 'page')}).`);
  return `${out.join('\n').trimEnd()}\n`;
}
