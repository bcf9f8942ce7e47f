// Page metadata: title, byline, site name, published time, language, canonical URL, description.
//
// Readability finds most of these itself; this module fills what it leaves empty and serves the
// degraded path, where Readability did not run. Sources, in the order each field prefers them:
//
//   title         og:title, JSON-LD headline, twitter:title, parsely-title, dc.title, <title>
//   byline        JSON-LD author, name=author, article:author (not a URL), parsely-author,
//                 sailthru.author, dc.creator
//   siteName      og:site_name, JSON-LD publisher.name, application-name, JSON-LD WebSite.name
//   publishedTime JSON-LD datePublished, article:published_time, parsely-pub-date,
//                 sailthru.date, dc.date(.issued), itemprop=datePublished, <time datetime> in
//                 the article header
//   lang          <html lang>, og:locale, Content-Language, JSON-LD inLanguage
//
// JSON-LD is preferred for byline and date because it is structured (an author list, a full
// timestamp) where meta tags are free text; og:title is preferred for the title because JSON-LD
// headlines are often cut at 110 characters for search engines.
//
// Finding (reading raw values) is separate from resolving (normalising them), so each
// normaliser is a pure function with its own tests.

import type { ArticleMetadata } from '../article.js';

export interface PageMetadata extends ArticleMetadata {
  canonicalUrl: string | null;
}

/** What one JSON-LD article node (plus the graph around it) says. */
export type JsonLdMetadata = ArticleMetadata;

// ---------------------------------------------------------------------------------------------
// Normalisers (pure)

/** Years outside this range are parsing accidents (a zero timestamp, a typo), not dates. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{4})?$/i;
const EPOCH = /^\d{10}(?:\d{3})?$/;
/** A zone at the end of a free-form date that `Date.parse` understands. */
const TRAILING_ZONE = /(?:\bZ|\bUTC?|\bGMT(?:[+-]\d{1,4})?|[+-]\d{2}:?\d{2}|\b[ECMP][SD]T)\s*$/i;

function utcIso(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  fraction = '',
  zone = '',
): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const z = zone.toUpperCase();
  if (z && z !== 'Z' && z !== 'UTC' && z !== 'GMT') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    t -= sign * offset * 60_000;
  }
  return checkedIso(t);
}

function checkedIso(t: number): string | null {
  if (!Number.isFinite(t)) return null;
  const d = new Date(t);
  const y = d.getUTCFullYear();
  return y >= MIN_YEAR && y <= MAX_YEAR ? d.toISOString() : null;
}

/**
 * Normalises a published-time value to ISO 8601 UTC. Times without a zone are taken as UTC
 * (the page gives nothing better, and the result must not depend on the machine's zone).
 * Returns null when the value is not a recognisable date.
 */
export function normalizePublishedTime(value: unknown): string | null {
  if (typeof value === 'number') return checkedIso(value < 1e11 ? value * 1000 : value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;

  let m = ISO_LIKE.exec(s);
  if (m) {
    return utcIso(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7] ?? '', m[8] ?? '');
  }
  if (EPOCH.test(s)) return checkedIso(s.length === 10 ? Number(s) * 1000 : Number(s));
  m = COMPACT_DATE.exec(s);
  if (m) return utcIso(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), '', m[7] ?? '');

  // Free-form ("Tue, 05 Mar 2024 10:15:00 GMT", "March 5, 2024 10:15 AM EST"). Only accept
  // strings that look like a date, so "yesterday" or "5 min read" do not become one.
  if (!/\d{4}/.test(s) || s.length > 80) return null;
  const withZone = TRAILING_ZONE.test(s) ? s : `${s} UTC`;
  return checkedIso(Date.parse(withZone));
}

/** Deprecated ISO 639 codes that pages still send. */
const LEGACY_LANGUAGE_CODES: Record<string, string> = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv', mo: 'ro' };

/**
 * Normalises a language tag (`en-US`, `en_GB`, `RU`, `zh-Hans-CN`) to its BCP-47 primary
 * subtag in lower case. Returns null for empty, `und`, `x-default` and malformed values.
 */
export function normalizeLang(value: string | null | undefined): string | null {
  if (!value) return null;
  const primary = value.trim().split(/[-_\s,;]/)[0]?.toLowerCase() ?? '';
  if (!/^[a-z]{2,3}$/.test(primary) || primary === 'und' || primary === 'mul' || primary === 'zxx') return null;
  return LEGACY_LANGUAGE_CODES[primary] ?? primary;
}

/**
 * Tidies a byline for display: collapses whitespace and drops a leading "By" ("By Jane Doe",
 * "by: Jane Doe"), which pages and Readability leave in. Returns null when nothing is left.
 */
export function cleanByline(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const s = value.replace(/\s+/g, ' ').trim().replace(/^by\b\s*:?\s*/i, '').trim();
  return s ? s : null;
}

const looksLikeUrl = (s: string): boolean => /^(?:https?:)?\/\//i.test(s.trim());

function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.replace(/\s+/g, ' ').trim();
  return s ? s : null;
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** schema.org types whose node describes the article itself. */
const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenews',
  'blogposting',
  'liveblogposting',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'askpublicnewsarticle',
  'report',
  'scholarlyarticle',
  'techarticle',
  'socialmediaposting',
]);

function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.replace(/^(?:https?:\/\/)?schema\.org\//i, '').toLowerCase());
}

const isArticleNode = (node: JsonObject): boolean => typesOf(node).some((t) => ARTICLE_TYPES.has(t));

/**
 * Parses a JSON-LD block leniently: pages wrap it in HTML comments or CDATA markers and leave raw
 * newlines inside strings, none of which JSON.parse accepts.
 */
export function parseJsonLdBlock(raw: string): unknown {
  const stripped = raw
    .trim()
    .replace(/^(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)$/, '')
    .trim();
  if (!stripped) return undefined;
  try {
    return JSON.parse(stripped);
  } catch {
    try {
      // Raw control characters inside strings are the usual culprit; outside strings they are
      // whitespace, so replacing them with a space is safe either way.
      return JSON.parse(stripped.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

/** Walks arrays, `@graph` and `mainEntity` wrappers, yielding every object node once. */
function collectNodes(value: unknown, out: JsonObject[], depth = 0): void {
  if (depth > 6) return;
  if (Array.isArray(value)) {
    for (const v of value) collectNodes(v, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  out.push(value);
  if ('@graph' in value) collectNodes(value['@graph'], out, depth + 1);
  for (const key of ['mainEntity', 'mainEntityOfPage']) {
    const inner = value[key];
    if (isObject(inner) || Array.isArray(inner)) collectNodes(inner, out, depth + 1);
  }
}

function resolveRef(value: unknown, byId: Map<string, JsonObject>): unknown {
  if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
    return byId.get(value['@id']) ?? value;
  }
  return value;
}

function nameOf(value: unknown, byId: Map<string, JsonObject>): string | null {
  const v = resolveRef(value, byId);
  if (typeof v === 'string') return cleanText(v);
  if (isObject(v)) return cleanText(v.name) ?? cleanText(v.alternateName);
  return null;
}

function authorsOf(value: unknown, byId: Map<string, JsonObject>): string | null {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list) {
    const name = nameOf(item, byId);
    if (name && !looksLikeUrl(name) && !names.includes(name)) names.push(name);
  }
  return names.length ? names.join(', ') : null;
}

/** Reads article metadata from the page's JSON-LD blocks; the first article node wins. */
export function readJsonLd(blocks: readonly string[]): JsonLdMetadata {
  const nodes: JsonObject[] = [];
  for (const raw of blocks) collectNodes(parseJsonLdBlock(raw), nodes);
  const byId = new Map<string, JsonObject>();
  for (const n of nodes) if (typeof n['@id'] === 'string' && Object.keys(n).length > 1) byId.set(n['@id'], n);

  const article = nodes.find(isArticleNode);
  const website = nodes.find((n) => typesOf(n).includes('website'));
  const empty: JsonLdMetadata = { title: null, byline: null, siteName: null, publishedTime: null, lang: null, excerpt: null };
  if (!article) return { ...empty, siteName: website ? nameOf(website, byId) : null };

  const publisher = resolveRef(article.publisher, byId);
  const publisherName = Array.isArray(publisher) ? nameOf(publisher[0], byId) : nameOf(publisher, byId);
  const inLanguage = resolveRef(article.inLanguage, byId);
  return {
    title: cleanText(article.headline) ?? cleanText(article.name),
    byline: authorsOf(article.author, byId) ?? authorsOf(article.creator, byId),
    siteName: publisherName ?? (website ? nameOf(website, byId) : null),
    publishedTime: normalizePublishedTime(article.datePublished) ?? normalizePublishedTime(article.dateCreated),
    lang: normalizeLang(typeof inLanguage === 'string' ? inLanguage : isObject(inLanguage) ? cleanText(inLanguage.alternateName) : null),
    excerpt: cleanText(article.description),
  };
}

// ---------------------------------------------------------------------------------------------
// The document

/** `<meta>` values by lower-cased `property`, `name`, `itemprop` and `http-equiv` key; first wins. */
function readMetaTags(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const meta = metas[i];
    const content = meta.getAttribute('content');
    if (content === null || !content.trim()) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const keys = meta.getAttribute(attr);
      if (!keys) continue;
      // `property` may hold several space-separated values ("og:title twitter:title").
      for (const key of keys.toLowerCase().split(/\s+/)) {
        if (key && !values.has(key)) values.set(key, content.trim());
      }
    }
  }
  return values;
}

function first<T>(...candidates: Array<() => T | null>): T | null {
  for (const c of candidates) {
    const v = c();
    if (v !== null) return v;
  }
  return null;
}

/** The first `<time datetime>` that dates the article itself, not a comment or a related link. */
function articleHeadTime(doc: Document): string | null {
  const selectors = [
    '[itemprop="datePublished"][datetime]',
    '[itemprop="datePublished"][content]',
    'time[pubdate][datetime]',
    'article header time[datetime]',
    'header time[datetime]',
    'article time[datetime]',
  ];
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const value = el?.getAttribute('datetime') ?? el?.getAttribute('content');
    const iso = normalizePublishedTime(value);
    if (iso) return iso;
  }
  return null;
}

function canonicalOf(doc: Document, pageUrl: string | undefined, meta: Map<string, string>): string | null {
  const links = doc.getElementsByTagName('link');
  let href: string | null = null;
  for (let i = 0; i < links.length && !href; i++) {
    const rel = (links[i].getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) href = links[i].getAttribute('href');
  }
  href = href?.trim() || meta.get('og:url') || null;
  if (!href) return null;
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return null;
  }
}

/**
 * Reads metadata from a parsed page and its JSON-LD blocks. Run it before Readability, which
 * mutates the document.
 */
export function extractMetadata(doc: Document, jsonLd: readonly string[], pageUrl?: string): PageMetadata {
  const meta = readMetaTags(doc);
  const ld = readJsonLd(jsonLd);
  const m = (key: string) => (): string | null => cleanText(meta.get(key));
  const date = (key: string) => (): string | null => normalizePublishedTime(meta.get(key));
  const lang = (value: string | null | undefined) => (): string | null => normalizeLang(value);

  const articleAuthor = (): string | null => {
    const v = cleanText(meta.get('article:author'));
    return v && !looksLikeUrl(v) ? v : null;
  };
  const titleTag = (): string | null => cleanText(doc.getElementsByTagName('title')[0]?.textContent);

  return {
    title: first(m('og:title'), () => ld.title, m('twitter:title'), m('parsely-title'), m('dc.title'), titleTag),
    byline: cleanByline(
      first(
        () => ld.byline,
        m('author'),
        articleAuthor,
        m('parsely-author'),
        m('sailthru.author'),
        m('dc.creator'),
        m('dcterms.creator'),
      ),
    ),
    siteName: first(m('og:site_name'), () => ld.siteName, m('application-name')),
    publishedTime: first(
      () => ld.publishedTime,
      date('article:published_time'),
      date('parsely-pub-date'),
      date('sailthru.date'),
      date('dc.date.issued'),
      date('dc.date'),
      date('dcterms.date'),
      date('dcterms.created'),
      date('datepublished'),
      () => articleHeadTime(doc),
    ),
    lang: first(
      lang(doc.documentElement?.getAttribute('lang')),
      lang(doc.documentElement?.getAttribute('xml:lang')),
      lang(meta.get('og:locale')),
      lang(meta.get('content-language')),
      () => ld.lang,
    ),
    canonicalUrl: canonicalOf(doc, pageUrl, meta),
    excerpt: first(m('og:description'), m('description'), () => ld.excerpt, m('twitter:description')),
  };
}
