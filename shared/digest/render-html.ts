// The digest as one standalone HTML page (`GET /digests/{date}.html`): inline CSS, an inline SVG
// network laid out on the server, no script and nothing fetched from anywhere, so the page works
// offline, saved to disk or mailed, and a strict Content-Security-Policy costs nothing.
//
// Support and opposition differ without colour: support is a solid line with a filled
// arrowhead and a "+" badge, opposition a dashed line with an open arrowhead and a "−" badge
// (mixed: dotted, hollow arrowhead, "±"); colour (blue / vermilion, safe for the common colour
// blindnesses) only repeats it. Line width is |net|, circle area is salience.

import { layoutNetwork, labelText, type LayoutEdge, type LayoutNode, type NetworkLayout } from './network-layout.js';
import { formatSigned, isWebUrl, longDate, plural, polarityWord, shortTimestamp } from './render-markdown.js';
import type { Digest, DigestActor, DigestEvidence, DigestRelation } from './types.js';

export interface HtmlLinks {
  markdown?: string;
  json?: string;
  previous?: string;
  next?: string;
}

export interface HtmlOptions {
  title?: string;
  links?: HtmlLinks;
  /** Seed for the network layout (the default gives the same picture for the same digest). */
  layoutSeed?: number;
}

/** No script, no remote anything: styles inline, images (none today) only as data: URLs. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const MAX_EVIDENCE_PER_RELATION = 3;
/** Portrait frame and larger type for the picture a phone shows. */
const PHONE_LAYOUT = { aspect: 2.2, ink: 1.3 };
/** Radius of the sign badge on an edge, before the layout's ink factor. */
const BADGE_RADIUS = 8;
const STRONGEST_IN_LABEL = 3;
const MINUS = '\u2212';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A same-site path (`/digests/…`, `2026-11-27.html`) or an http(s) URL; anything else is no link. */
function safeHref(href: string | undefined): string | undefined {
  if (href === undefined || href === '') return undefined;
  if (isWebUrl(href)) return href;
  // Relative references only: no scheme (javascript:, data:) and no protocol-relative //host.
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || /[\s\\]/.test(href)) return undefined;
  return href;
}

/**
 * A link out to an article. `noreferrer` matters beyond politeness: the page may have been
 * opened through a signed link, and the Referer header would hand that link to the news site.
 */
function articleAnchor(url: string, text: string, className?: string): string {
  const href = isWebUrl(url) ? url : undefined;
  const cls = className ? ` class="${className}"` : '';
  return href ? `<a${cls} href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text)}</a>` : `<span${cls}>${escapeHtml(text)}</span>`;
}

function signedClass(v: number): string {
  return v > 0 ? 'pos' : v < 0 ? 'neg' : 'zero';
}

function signGlyph(polarity: number): string {
  return polarity > 0 ? '+' : polarity < 0 ? MINUS : '±';
}

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

// ---- the network ----

interface EdgeStyle { dash: string | undefined; arrow: 'filled' | 'open' | 'hollow' }

/** The non-colour encoding, in one place: dash pattern and arrowhead shape per polarity. */
function edgeStyle(polarity: number, width: number): EdgeStyle {
  if (polarity > 0) return { dash: undefined, arrow: 'filled' };
  if (polarity < 0) return { dash: `${num(width * 2 + 5)} ${num(width + 4)}`, arrow: 'open' };
  return { dash: `${num(Math.max(1, width * 0.6))} ${num(width + 3)}`, arrow: 'hollow' };
}

function arrowPoints(e: Pick<LayoutEdge, 'tipX' | 'tipY' | 'angle' | 'arrowLength'>, spread: number): string {
  const back = (side: number) => {
    const a = e.angle + Math.PI + side * spread;
    return `${num(e.tipX + Math.cos(a) * e.arrowLength)},${num(e.tipY + Math.sin(a) * e.arrowLength)}`;
  };
  return `${back(-1)} ${num(e.tipX)},${num(e.tipY)} ${back(1)}`;
}

function edgeSvg(e: LayoutEdge, ink: number): string {
  const kind = polarityWord(e.polarity);
  const style = edgeStyle(e.polarity, e.width);
  // Open arrowheads are strokes meeting at the tip, so the shaft runs nearly to the tip; a filled
  // head covers the shaft's end, which stops at the head's base (x2, y2).
  const shaftEnd = style.arrow === 'open'
    ? { x: e.tipX - Math.cos(e.angle) * e.width * 0.6, y: e.tipY - Math.sin(e.angle) * e.width * 0.6 }
    : { x: e.x2, y: e.y2 };
  const d = `M${num(e.x1)},${num(e.y1)} Q${num(e.cx)},${num(e.cy)} ${num(shaftEnd.x)},${num(shaftEnd.y)}`;
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const head = style.arrow === 'filled'
    ? `<polygon class="edge-head" points="${arrowPoints(e, 0.45)}"/>`
    : style.arrow === 'open'
      ? `<polyline class="edge-head" points="${arrowPoints(e, 0.55)}" fill="none" stroke-width="${num(Math.max(1.75 * ink, e.width * 0.7))}" stroke-linejoin="miter" stroke-linecap="butt"/>`
      : `<polygon class="edge-head" points="${arrowPoints(e, 0.45)}" stroke-width="${num(1.5 * ink)}"/>`;
  const title = `${e.sourceName} → ${e.targetName}: ${kind}, net ${formatSigned(e.net)} over ${plural(e.count, 'stance')}`;
  return `<g class="edge edge-${kind}" data-source="${escapeHtml(e.source)}" data-target="${escapeHtml(e.target)}">`
    + `<title>${escapeHtml(title)}</title>`
    + `<path class="edge-line" d="${d}" stroke-width="${num(e.width)}"${dash} fill="none"/>`
    + head
    + `<g class="edge-sign"><circle cx="${num(e.midX)}" cy="${num(e.midY)}" r="${num(BADGE_RADIUS * ink)}" stroke-width="${num(1.5 * ink)}"/>`
    + `<text x="${num(e.midX)}" y="${num(e.midY)}" dy="0.35em" text-anchor="middle" font-size="${num(14 * ink)}">${signGlyph(e.polarity)}</text></g>`
    + '</g>';
}

function nodeSvg(n: LayoutNode, actor: DigestActor | undefined, layout: NetworkLayout): string {
  const title = actor
    ? `${actor.name} (${actor.type}) — salience ${actor.salience.toFixed(2)}, ${plural(actor.articles, 'article')}; gave ${formatSigned(actor.given)} over ${plural(actor.givenCount, 'stance')}, received ${formatSigned(actor.received)} over ${plural(actor.receivedCount, 'stance')}`
    : n.name;
  return `<g class="node" data-id="${escapeHtml(n.id)}"><title>${escapeHtml(title)}</title>`
    + `<circle cx="${num(n.x)}" cy="${num(n.y)}" r="${num(n.r)}" stroke-width="${num(1.5 * layout.ink)}"/>`
    + `<text class="node-label" x="${num(n.x)}" y="${num(n.labelY)}" text-anchor="middle" font-size="${num(layout.fontSize)}" stroke-width="${num(4 * layout.ink)}">${escapeHtml(labelText(n.name))}</text>`
    + '</g>';
}

function networkLabel(d: Digest, layout: NetworkLayout): string {
  const strongest = [...d.relations]
    .sort((a, b) => Math.abs(b.net) - Math.abs(a.net))
    .slice(0, STRONGEST_IN_LABEL)
    .map((r) => `${r.sourceName} to ${r.targetName}, ${polarityWord(r.polarity)}, net ${formatSigned(r.net)}`);
  return `Network of ${plural(layout.nodes.length, 'actor')} and ${plural(layout.edges.length, 'relation')}.`
    + (strongest.length > 0 ? ` Strongest: ${strongest.join('; ')}.` : '')
    + ' The table below lists every relation.';
}

export function networkSvg(d: Digest, layout: NetworkLayout, className = 'network'): string {
  const actors = new Map(d.topActors.map((a) => [a.id, a]));
  const { x, y, width, height } = layout.viewBox;
  return `<svg class="${className}" viewBox="${num(x)} ${num(y)} ${num(width)} ${num(height)}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="${escapeHtml(networkLabel(d, layout))}">`
    + `<g class="edges">${layout.edges.map((e) => edgeSvg(e, layout.ink)).join('')}</g>`
    + `<g class="nodes">${layout.nodes.map((n) => nodeSvg(n, actors.get(n.id), layout)).join('')}</g>`
    + '</svg>';
}

function legendSample(kind: 'support' | 'opposition' | 'mixed'): string {
  const polarity = kind === 'support' ? 1 : kind === 'opposition' ? -1 : 0;
  const width = 3;
  const e = { tipX: 70, tipY: 12, angle: 0, arrowLength: 8 + width * 1.6 };
  const style = edgeStyle(polarity, width);
  const end = style.arrow === 'open' ? 70 - width * 0.6 : 70 - e.arrowLength * 0.7;
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const head = style.arrow === 'open'
    ? `<polyline class="edge-head" points="${arrowPoints(e, 0.55)}" fill="none" stroke-width="2.1"/>`
    : `<polygon class="edge-head" points="${arrowPoints(e, 0.45)}" stroke-width="${style.arrow === 'hollow' ? '1.5' : '0'}"/>`;
  return `<svg class="legend-sample edge-${kind}" viewBox="0 0 76 24" width="76" height="24" aria-hidden="true" focusable="false">`
    + `<path class="edge-line" d="M4,12 L${num(end)},12" stroke-width="${width}"${dash} fill="none"/>${head}`
    + `<g class="edge-sign"><circle cx="30" cy="12" r="8" stroke-width="1.5"/><text x="30" y="12" dy="0.35em" text-anchor="middle" font-size="13">${signGlyph(polarity)}</text></g></svg>`;
}

function legend(layout: NetworkLayout): string {
  const hasMixed = layout.edges.some((e) => e.polarity === 0);
  return '<ul class="legend">'
    + `<li>${legendSample('support')}<span><b>Support</b> (agree, aid, praise, defend): solid line, filled arrowhead, “+”.</span></li>`
    + `<li>${legendSample('opposition')}<span><b>Opposition</b> (criticise, accuse, sanction, attack): dashed line, open arrowhead, “${MINUS}”.</span></li>`
    + (hasMixed ? `<li>${legendSample('mixed')}<span><b>Mixed</b> (support and opposition cancel out): dotted line, hollow arrowhead, “±”.</span></li>` : '')
    + '<li><svg class="legend-sample" viewBox="0 0 76 24" width="76" height="24" aria-hidden="true" focusable="false"><path class="legend-width" d="M4,12 L26,12" stroke-width="1.5"/><path class="legend-width" d="M34,12 L72,12" stroke-width="7"/></svg>'
    + '<span><b>Line width</b>: strength, the size of the net score of all stances in that direction.</span></li>'
    + '<li><svg class="legend-sample" viewBox="0 0 76 24" width="76" height="24" aria-hidden="true" focusable="false"><g class="node" stroke-width="1.5"><circle cx="14" cy="12" r="5"/><circle cx="48" cy="12" r="11"/></g></svg>'
    + '<span><b>Circle size</b>: how prominent the actor was. Arrows point from the actor who acted or spoke to the one it concerned.</span></li>'
    + '</ul>';
}

function relationsTable(relations: readonly DigestRelation[]): string {
  if (relations.length === 0) return '';
  const rows = relations.map((r) => `<tr><td>${escapeHtml(r.sourceName)}</td><td>${escapeHtml(r.targetName)}</td>`
    + `<td>${polarityWord(r.polarity)}</td><td class="num ${signedClass(r.net)}">${formatSigned(r.net)}</td><td class="num">${r.count}</td></tr>`);
  return '<details class="network-table"><summary>The network as a table</summary><div class="table-wrap"><table>'
    + '<caption>Relations: who acted on whom</caption>'
    + '<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Relation</th><th scope="col" class="num">Net</th>'
    + `<th scope="col" class="num">${shortOnPhone('Stances', 'No.')}</th></tr></thead>`
    + `<tbody>${rows.join('')}</tbody></table></div></details>`;
}

// ---- sections ----

function evidenceItem(e: DigestEvidence, withCategory: boolean): string {
  const source = e.site && e.title ? `${e.site}: ${e.title}` : (e.title ?? e.site ?? 'article');
  const claim = e.claim ? ' <span class="tag">claim</span>' : '';
  const category = withCategory ? ` <span class="tag">${escapeHtml(e.category)} ${formatSigned(e.score)}</span>` : '';
  const plover = e.plover ? ` <span class="tag" title="PLOVER event type">${escapeHtml(e.plover)}</span>` : '';
  return `<blockquote class="evidence-text">“${escapeHtml(e.text)}”</blockquote>`
    + `<p class="cite">— ${articleAnchor(e.url, source)}${category}${plover}${claim}</p>`;
}

/** A column heading that a phone shows abbreviated, so the table fits 375 px without scrolling. */
function shortOnPhone(long: string, short: string): string {
  return `<span class="long">${long}</span><span class="short">${short}</span>`;
}

function actorsSection(actors: readonly DigestActor[]): string {
  if (actors.length === 0) return '<section id="actors"><h2>Top actors</h2><p class="empty">No actors today.</p></section>';
  const rows = actors.map((a) => {
    const pct = Math.round(Math.min(1, Math.max(0, a.salience)) * 100);
    return `<tr><th scope="row"><span class="actor-name">${escapeHtml(a.name)}</span> <span class="muted">${escapeHtml(a.type)}</span></th>`
      + `<td class="num"><span class="bar" aria-hidden="true"><span style="width:${pct}%"></span></span>${a.salience.toFixed(2)}</td>`
      + `<td class="num">${a.articles}</td>`
      + `<td class="num ${signedClass(a.given)}">${formatSigned(a.given)} <span class="count">(${a.givenCount})</span></td>`
      + `<td class="num ${signedClass(a.received)}">${formatSigned(a.received)} <span class="count">(${a.receivedCount})</span></td></tr>`;
  });
  return '<section id="actors"><h2>Top actors</h2><div class="table-wrap"><table class="actors">'
    + '<thead><tr><th scope="col">Actor</th>'
    + `<th scope="col" class="num">${shortOnPhone('Salience', 'Sal.')}</th><th scope="col" class="num">${shortOnPhone('Articles', 'Art.')}</th>`
    + `<th scope="col" class="num">Given</th><th scope="col" class="num">${shortOnPhone('Received', 'Rec’d')}</th></tr></thead>`
    + `<tbody>${rows.join('')}</tbody></table></div>`
    + `<p class="note">Given and received: mean score of the stances the actor took and met (${MINUS}10 most hostile … +10 most cooperative), with their count.</p></section>`;
}

function relationsSection(relations: readonly DigestRelation[]): string {
  const items = relations.map((r) => {
    const kind = polarityWord(r.polarity);
    const shown = r.evidence.slice(0, MAX_EVIDENCE_PER_RELATION);
    const more = r.evidence.length - shown.length;
    return `<li class="relation relation-${kind}"><h3>${escapeHtml(r.sourceName)} <span aria-label="to">→</span> ${escapeHtml(r.targetName)}</h3>`
      + `<p class="meta"><span class="badge badge-${kind}">${signGlyph(r.polarity)} ${kind}</span> net ${formatSigned(r.net)} · ${plural(r.count, 'stance')}</p>`
      + `<ul class="evidence">${shown.map((e) => `<li>${evidenceItem(e, true)}</li>`).join('')}</ul>`
      + (more > 0 ? `<p class="muted">and ${plural(more, 'more sentence')}</p>` : '')
      + '</li>';
  });
  return '<section id="relations"><h2>Strongest relations</h2>'
    + (items.length > 0 ? `<ol class="relations">${items.join('')}</ol>` : '<p class="empty">No relations today.</p>')
    + '</section>';
}

function stancesSection(d: Digest): string {
  const items = d.topStances.map((s) => `<li><p class="stance-head"><b>${escapeHtml(s.sourceName)} → ${escapeHtml(s.targetName)}</b> `
    + `<span class="badge badge-${polarityWord(s.polarity)}">${signGlyph(s.polarity)} ${escapeHtml(s.category)} ${formatSigned(s.score)}</span></p>`
    + evidenceItem(s, false) + '</li>');
  return '<section id="stances"><h2>Top stance sentences</h2>'
    + (items.length > 0 ? `<ol class="stances">${items.join('')}</ol>` : '<p class="empty">No stances today.</p>')
    + '</section>';
}

function changesSection(d: Digest): string {
  const c = d.changes;
  const heading = c.since ? `What changed since ${escapeHtml(longDate(c.since))}` : 'What changed';
  const rel = (x: { sourceName: string; targetName: string }) => `${escapeHtml(x.sourceName)} → ${escapeHtml(x.targetName)}`;
  const groups: [string, string[]][] = [
    ['New relations', c.newRelations.map((x) => `${rel(x)} <span class="num ${signedClass(x.net)}">${formatSigned(x.net)}</span>`)],
    ['Reversed', c.reversed.map((x) => `${rel(x)} <span class="num">${x.previousNet === undefined ? '?' : formatSigned(x.previousNet)} → ${formatSigned(x.net)}</span>`)],
    ['Rising', c.rising.map((x) => `${escapeHtml(x.name)} <span class="num">${x.previousArticles} → ${plural(x.articles, 'article')}</span>`)],
    ['Falling', c.falling.map((x) => `${escapeHtml(x.name)} <span class="num">${x.previousArticles} → ${plural(x.articles, 'article')}</span>`)],
  ];
  const filled = groups.filter(([, xs]) => xs.length > 0);
  const body = filled.length > 0
    ? `<div class="changes">${filled.map(([name, xs]) => `<div><h3>${name}</h3><ul>${xs.map((x) => `<li>${x}</li>`).join('')}</ul></div>`).join('')}</div>`
    : `<p class="empty">${c.since ? 'Nothing changed.' : 'No earlier digest to compare with.'}</p>`;
  return `<section id="changes"><h2>${heading}</h2>${body}</section>`;
}

function articlesSection(d: Digest): string {
  const items = d.articles.map((a) => {
    const meta = [a.site ? escapeHtml(a.site) : '', a.publishedTime ? `<time datetime="${escapeHtml(a.publishedTime)}">${escapeHtml(shortTimestamp(a.publishedTime))}</time>` : '']
      .filter((x) => x !== '').join(' · ');
    const dups = a.duplicates && a.duplicates.length > 0
      ? `<p class="muted">Also as duplicate: ${a.duplicates.map((dup) => articleAnchor(dup.url, dup.site ?? 'copy')).join(', ')}</p>`
      : '';
    return `<li><h3>${articleAnchor(a.url, a.title ?? a.url)}</h3>${meta ? `<p class="meta">${meta}</p>` : ''}`
      + (a.summary ? `<p>${escapeHtml(a.summary)}</p>` : '') + dups + '</li>';
  });
  const more = d.articleCount > d.articles.length;
  return `<section id="articles"><h2>${more ? `Top articles <span class="muted">(${d.articles.length} of ${d.articleCount})</span>` : 'Articles'}</h2>`
    + (items.length > 0 ? `<ol class="articles">${items.join('')}</ol>` : '<p class="empty">No articles today.</p>')
    + (more ? (d.feed ? `<p class="muted">Every article of the feed that day: <code>GET /articles?date=${escapeHtml(d.date)}&amp;feed=${escapeHtml(d.feed)}</code>.</p>`
      : `<p class="muted">Every article of the day: <code>GET /digests/${escapeHtml(d.date)}/articles</code>, ${plural(d.articlePages ?? 1, 'page')}.</p>`) : '')
    + '</section>';
}

function navLinks(links: HtmlLinks | undefined): string {
  const parts: string[] = [];
  const add = (href: string | undefined, text: string, rel?: string) => {
    const safe = safeHref(href);
    if (safe) parts.push(`<a href="${escapeHtml(safe)}"${rel ? ` rel="${rel}"` : ''}>${text}</a>`);
  };
  add(links?.previous, '← Previous day', 'prev');
  add(links?.next, 'Next day →', 'next');
  add(links?.markdown, 'Markdown', 'alternate');
  add(links?.json, 'JSON', 'alternate');
  return parts.length > 0 ? `<nav aria-label="Digest formats and days">${parts.join('')}</nav>` : '';
}

const CSS = `
:root{color-scheme:light dark;--bg:#fcfcfb;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f3f4f6;--node:#e7edf5;--node-stroke:#44505c;
--support:#0a64a8;--opposition:#c43d0a;--mixed:#6b7280;--link:#0550ae;--pos:#0a64a8;--neg:#b3370a}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e6e8eb;--muted:#9aa4ae;--line:#313842;--panel:#1a1f25;--node:#25303c;--node-stroke:#a9b4bf;
--support:#5aa9e6;--opposition:#f2874a;--mixed:#9ca3af;--link:#79b8ff;--pos:#5aa9e6;--neg:#f2874a}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;overflow-wrap:anywhere}
.page{max-width:72rem;margin:0 auto;padding:1rem clamp(.75rem,3vw,2rem) 3rem}
a{color:var(--link)}
h1{font-size:clamp(1.5rem,4.5vw,2.25rem);line-height:1.2;margin:.5rem 0 .25rem}
h2{font-size:1.35rem;margin:2.25rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:0 0 .25rem}
header .counts{margin:.25rem 0;color:var(--muted)}
header .counts b{color:var(--fg)}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.5rem 0}
.sources{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;padding:0;margin:.75rem 0 0}
.sources li{background:var(--panel);border:1px solid var(--line);border-radius:999px;padding:.05rem .6rem;font-size:.875rem}
.muted,.note,.meta,.cite,.count{color:var(--muted)}
.count{font-size:.8rem}
.note{font-size:.875rem}
figure{margin:0}
.network-frame{overflow:hidden;border:1px solid var(--line);border-radius:.5rem;background:var(--panel)}
svg.network{display:block;width:100%;height:auto;max-height:80vh}
svg.network-tall{display:none}
.edge-line{stroke:var(--mixed)}
.edge-head{stroke:var(--mixed);fill:var(--mixed)}
.edge-support .edge-line,.edge-support .edge-head{stroke:var(--support)}
.edge-support .edge-head{fill:var(--support)}
.edge-opposition .edge-line,.edge-opposition .edge-head{stroke:var(--opposition)}
polyline.edge-head{fill:none}
.edge-mixed .edge-head{fill:var(--panel)}
.edge-sign circle{fill:var(--bg);stroke:currentColor}
.edge-sign text{font-weight:700;fill:currentColor}
.edge-support{color:var(--support)}.edge-opposition{color:var(--opposition)}.edge-mixed{color:var(--mixed)}
.node circle{fill:var(--node);stroke:var(--node-stroke)}
.node-label{fill:var(--fg);font-weight:600;paint-order:stroke;stroke:var(--panel);stroke-linejoin:round}
.legend{list-style:none;padding:0;margin:.75rem 0;display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.5rem 1.5rem;font-size:.9rem}
.legend li{display:flex;gap:.6rem;align-items:flex-start}
.legend-sample{flex:none;margin-top:.05rem}

.legend-width{stroke:var(--muted)}
details.network-table{margin:.5rem 0}
summary{cursor:pointer;color:var(--link)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.925rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;overflow-wrap:normal}
.actors .muted{display:block;font-size:.8rem;font-weight:400}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pos{color:var(--pos)}.neg{color:var(--neg)}
.actor-name{font-weight:600}
.bar{display:inline-block;width:3rem;height:.45rem;background:var(--panel);border:1px solid var(--line);border-radius:2px;margin-right:.4rem;vertical-align:middle}
.bar span{display:block;height:100%;background:var(--muted)}
ol.relations,ol.stances,ol.articles{padding-left:0;list-style:none;margin:0}
.relation{border-left:4px solid var(--mixed);padding:.25rem 0 .25rem .9rem;margin:0 0 1.5rem}
.relation-support{border-left-style:solid;border-left-color:var(--support)}
.relation-opposition{border-left-style:dashed;border-left-color:var(--opposition)}
.relation-mixed{border-left-style:dotted}
.meta{margin:0 0 .5rem;font-size:.9rem}
.badge{display:inline-block;font-weight:700;font-size:.8rem;padding:0 .5rem;border-radius:999px;border:1.5px solid currentColor;margin-right:.35rem;white-space:nowrap}
.badge-support{color:var(--support)}.badge-opposition{color:var(--opposition);border-style:dashed}.badge-mixed{color:var(--mixed);border-style:dotted}
ul.evidence{list-style:none;padding:0;margin:0}
ul.evidence li{margin:0 0 .75rem}
blockquote{margin:0;font-size:1.02rem}
.cite{margin:.1rem 0 0;font-size:.875rem}
.tag{display:inline-block;font-size:.75rem;background:var(--panel);border:1px solid var(--line);border-radius:.25rem;padding:0 .35rem;color:var(--muted);white-space:nowrap}
ol.stances>li{margin:0 0 1.1rem}
.stance-head{margin:0 0 .2rem}
.changes{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.5rem 1.5rem}
.changes ul{padding-left:1.1rem;margin:.25rem 0}
ol.articles>li{margin:0 0 1.25rem}
ol.articles p{margin:.15rem 0}
footer{margin-top:3rem;padding-top:.75rem;border-top:1px solid var(--line);font-size:.85rem;color:var(--muted)}
table.actors{max-width:52rem}
.short{display:none}
@media (min-width:64rem){.relations{display:grid;grid-template-columns:1fr 1fr;gap:0 2.5rem;align-items:start}}
@media (max-width:36rem){svg.network-wide{display:none}svg.network-tall{display:block;max-height:none}.bar{display:none}.count{display:block}thead th{text-transform:none;letter-spacing:0}.long{display:none}.short{display:inline}th,td{padding:.35rem .3rem}table{font-size:.875rem}}
@media print{.network-frame{border:none}svg.network{max-height:none}}
`.trim();

export function digestToHtml(d: Digest, opts: HtmlOptions = {}): string {
  const title = opts.title ?? `News digest — ${longDate(d.date)}${d.feed ? ` — feed ${d.feed}` : ''}`;
  // Two pictures of the same graph, and CSS shows one: landscape for wide screens, portrait with
  // larger labels for a phone held upright (one landscape picture shrunk to 375 px would make
  // its labels unreadably small).
  const seed = opts.layoutSeed === undefined ? {} : { seed: opts.layoutSeed };
  const layout = layoutNetwork(d.topActors, d.relations, seed);
  const tall = layoutNetwork(d.topActors, d.relations, { ...seed, ...PHONE_LAYOUT });
  const counts = `<b>${plural(d.articleCount, 'article')}</b>`
    + (d.duplicateCount > 0 ? ` (+${d.duplicateCount} duplicate${d.duplicateCount === 1 ? '' : 's'} not counted)` : '')
    + ` from <b>${plural(d.sources.length, 'source')}</b> · ${plural(d.topActors.length, 'top actor')} · ${plural(d.relations.length, 'relation')}`;
  const sources = d.sources.length > 0
    ? `<ul class="sources" aria-label="Sources">${d.sources.map((s) => `<li>${escapeHtml(s.site)} <span class="muted">${s.count}</span></li>`).join('')}</ul>`
    : '';
  const network = layout.nodes.length > 0
    ? '<figure><div class="network-frame">' + networkSvg(d, layout, 'network network-wide') + networkSvg(d, tall, 'network network-tall') + '</div>'
      + `<figcaption>${legend(layout)}</figcaption></figure>` + relationsTable(d.relations)
    : '<p class="empty">No actors or relations to draw today.</p>';

  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`
    + '<meta name="referrer" content="no-referrer">'
    + '<meta name="color-scheme" content="light dark">'
    + `<title>${escapeHtml(title)}</title><style>${CSS}</style></head>\n`
    + '<body><div class="page">'
    + `<header><h1>${escapeHtml(title)}</h1><p class="counts">${counts}</p>${navLinks(opts.links)}${sources}</header>\n<main>`
    + `<section id="network"><h2>Who did what to whom</h2>${network}</section>\n`
    + actorsSection(d.topActors) + '\n'
    + relationsSection(d.relations) + '\n'
    + stancesSection(d) + '\n'
    + changesSection(d) + '\n'
    + articlesSection(d)
    + `</main>\n<footer>Digest for ${escapeHtml(d.date)} (UTC day), generated ${escapeHtml(shortTimestamp(d.generatedAt))}. `
    + `Scores on the Goldstein scale, ${MINUS}10 most hostile to +10 most cooperative. Quoted sentences are what the articles report, not established fact.</footer>`
    + '</div></body></html>\n';
}
