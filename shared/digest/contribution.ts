// What one analysed article adds to its day's digest. Pure: the process stage stores each
// article's Contribution as one item (dynamo-contribution-store.ts), and the digest build
// aggregates a day's contributions in memory (day-aggregate.ts) without reading any article again.
//
// Near-duplicates (the same agency story on several sites) are found with MinHash over word
// 3-shingles (Broder 1997): the lower-cased, NFKC-normalised letter/digit tokens, three at a time.
// Three words keep the word order, so two reports of one event in the same vocabulary stay apart,
// while one edited word changes only three shingles. Measured on the 12 fixture articles
// (test/fixtures/analysis): a copy with a new headline and dateline has Jaccard >= 0.86, with three
// more words edited >= 0.82, cut to its first 80% >= 0.81; two different articles at most 0.011.
// The threshold (Jaccard >= 0.5, or >= 80% of the shorter one contained in the longer) sits in
// that gap. A 64-bit SimHash with Hamming distance <= 3 (the usual web-page setting) was tried
// first and rejected: on these 350-500 word articles a new headline alone moved it up to 15 bits
// (9 of 12 copies missed), because a short text has too few features to keep the bits stable.
//
// The fingerprint is 32 MinHash values (32-bit each; the estimate's standard deviation is <= 0.09,
// small next to the 0.5 gap). Candidates are found by LSH: the first 16 values in 8 bands of 2; a
// pair with Jaccard s shares a band with probability 1 - (1 - s^2)^8: 0.9997 at 0.8, 0.90 at 0.5,
// 0.0008 at 0.01.

import type { ArticleRecord } from '../article.js';
import type { Actor, Analysis, Stance } from '../analysis/types.js';

/** Words per shingle: see the header. */
export const SHINGLE_WORDS = 3;
export const MINHASH_SIZE = 32;
export const LSH_BANDS = 8;
export const LSH_ROWS = 2;
export const DUPLICATE_MIN_JACCARD = 0.5;
export const DUPLICATE_MIN_CONTAINMENT = 0.8;
/** Containment alone makes a duplicate only if the shorter text is this long: a one-paragraph brief is not a copy of the story it quotes. */
const CONTAINMENT_MIN_SHINGLES = 60;
/** Fewer shingles than this and a fingerprint says nothing: the article is never called a duplicate. */
export const MIN_SHINGLES = 25;
/** Evidence sentences one article offers each relation (the digest shows the 3 strongest overall). */
export const EVIDENCE_PER_RELATION = 3;
/** Stances one article offers the day's "top stances" (the digest shows 10; offering as many keeps the top exact). */
export const TOP_STANCES_PER_ARTICLE = 10;

// Lines are stored once per article in its contribution and listed in the digest's pages: caps keep them short.
const MAX_SUMMARY_CHARS = 240;
const MAX_TITLE_CHARS = 160;
const MAX_SITE_CHARS = 60;
/** An evidence sentence longer than this is cut (a run-on paragraph the splitter did not break). */
const MAX_EVIDENCE_CHARS = 400;

export interface ActorContribution {
  id: string;
  name: string;
  type: string;
  country?: string;
  /** Mention spans in this article. */
  mentions: number;
  /** In [0, 1]. */
  salience: number;
  /** Sum and number of the Goldstein scores of the stances this actor took in the article. */
  givenSum: number;
  givenCount: number;
  /** Same, for stances toward the actor. */
  receivedSum: number;
  receivedCount: number;
}

/** An evidence sentence: where a stance was read, with a link to the article. */
export interface EvidenceEntry {
  /** `<articleId>:<sentence>`: identifies the entry, so offering it twice is a no-op. */
  key: string;
  articleId: string;
  url: string;
  title?: string;
  site?: string;
  sentence: number;
  text: string;
  score: number;
  category: string;
  /** PLOVER event type of the stance ("DISAPPROVE"), when a dictionary entry gave it. */
  plover?: string | null;
  claim: string | null;
  confidence: number;
}

export interface StanceEntry extends EvidenceEntry {
  source: string;
  target: string;
  polarity: -1 | 0 | 1;
}

export interface RelationContribution {
  source: string;
  target: string;
  /** Sum of the Goldstein scores of the article's stances source -> target. */
  net: number;
  /** Number of those stances. */
  count: number;
  /** The strongest few, strongest first. */
  evidence: EvidenceEntry[];
}

/** One line of the digest's article list. */
export interface ArticleLine {
  id: string;
  url: string;
  title?: string;
  site?: string;
  publishedTime?: string;
  summary: string;
  /** Stances read in the article (ranks the digest's top articles). */
  stances?: number;
}

/** MinHash signature of an article's shingles: MINHASH_SIZE values as 8 hex characters each. */
export interface Fingerprint {
  minhash: string;
  /** Distinct shingles in the text (for the containment estimate). */
  shingles: number;
}

export interface Contribution {
  articleId: string;
  url: string;
  /** The feed subscription the article came from: GET /digests/{date}?feed= builds from these only. */
  feedId?: string;
  site?: string;
  /** When the article was first submitted: of two copies, the earlier one is the original. */
  seenAt: string;
  line: ArticleLine;
  /** For near-duplicate detection; absent when the text is too short to compare. */
  fingerprint?: Fingerprint;
  actors: ActorContribution[];
  relations: RelationContribution[];
  topStances: StanceEntry[];
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

function cut(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const head = t.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.6 ? head.slice(0, space) : head}…`;
}

/** The site an article is credited to: its own name when the page gives one, else the host. */
export function siteOf(record: Pick<ArticleRecord, 'siteName' | 'finalUrl' | 'canonicalUrl'>): string | undefined {
  const name = record.siteName?.trim();
  if (name) return cut(name, MAX_SITE_CHARS);
  try {
    return new URL(record.finalUrl ?? record.canonicalUrl).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

const byStrength = (a: { score: number; confidence: number; sentence: number }, b: { score: number; confidence: number; sentence: number }) =>
  Math.abs(b.score) - Math.abs(a.score) || b.confidence - a.confidence || a.sentence - b.sentence;

/**
 * What one article adds to its day. `text` defaults to the record's clean text; pass it when the
 * record keeps the text in S3 (stages.process.textKey). Without any text the fingerprint comes from
 * the title and summary, which still catches verbatim wire copies.
 */
export function contributionOf(record: ArticleRecord, analysis: Analysis, text: string | undefined = record.text): Contribution {
  const url = record.finalUrl ?? record.canonicalUrl;
  const site = siteOf(record);
  const title = record.title ? cut(record.title, MAX_TITLE_CHARS) : undefined;
  const base = { articleId: record.id, url, ...(title ? { title } : {}), ...(site ? { site } : {}) };

  const actors = new Map<string, ActorContribution>();
  const actorOf = (id: string, a?: Actor): ActorContribution => {
    let c = actors.get(id);
    if (!c) {
      c = {
        id, name: a?.name ?? id, type: a?.type ?? 'unknown', ...(a?.country ? { country: a.country } : {}),
        mentions: a?.mentions.length ?? 0, salience: round4(a?.salience ?? 0),
        givenSum: 0, givenCount: 0, receivedSum: 0, receivedCount: 0,
      };
      actors.set(id, c);
    }
    return c;
  };
  for (const a of analysis.actors) actorOf(a.id, a);

  const evidenceOf = (s: Stance): EvidenceEntry => ({
    key: `${record.id}:${s.sentence}`, ...base, sentence: s.sentence, text: cut(s.text, MAX_EVIDENCE_CHARS),
    score: round4(s.score), category: s.category, ...(s.plover ? { plover: s.plover } : {}), claim: s.claim ?? null, confidence: round4(s.confidence),
  });

  const relations = new Map<string, { source: string; target: string; net: number; count: number; stances: Stance[] }>();
  // A stance of an actor toward itself says nothing about relations between actors.
  const stances = analysis.stances.filter((s) => s.source !== s.target);
  for (const s of stances) {
    const src = actorOf(s.source);
    src.givenSum += s.score; src.givenCount += 1;
    const tgt = actorOf(s.target);
    tgt.receivedSum += s.score; tgt.receivedCount += 1;
    const k = `${s.source}\u0000${s.target}`;
    let r = relations.get(k);
    if (!r) { r = { source: s.source, target: s.target, net: 0, count: 0, stances: [] }; relations.set(k, r); }
    r.net += s.score; r.count += 1; r.stances.push(s);
  }
  for (const a of actors.values()) { a.givenSum = round4(a.givenSum); a.receivedSum = round4(a.receivedSum); }

  const summary = cut(analysis.summary[0] ?? record.excerpt ?? firstSentence(text ?? '') ?? title ?? '', MAX_SUMMARY_CHARS);
  const line: ArticleLine = {
    id: record.id, url, ...(title ? { title } : {}), ...(site ? { site } : {}),
    ...(record.publishedTime ? { publishedTime: record.publishedTime } : {}), summary, stances: stances.length,
  };

  const fpText = text && text.trim() ? text : [record.title ?? '', ...analysis.summary].join('\n');
  const fingerprint = fingerprintOf(fpText);

  return {
    articleId: record.id,
    url,
    ...(record.feedId ? { feedId: record.feedId } : {}),
    ...(site ? { site } : {}),
    seenAt: record.createdAt,
    line,
    ...(fingerprint ? { fingerprint } : {}),
    actors: [...actors.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    relations: [...relations.values()]
      .map((r) => ({
        source: r.source, target: r.target, net: round4(r.net), count: r.count,
        evidence: [...r.stances].sort(byStrength).slice(0, EVIDENCE_PER_RELATION).map(evidenceOf),
      }))
      .sort((a, b) => (a.source + '\u0000' + a.target < b.source + '\u0000' + b.target ? -1 : 1)),
    topStances: [...stances].sort(byStrength).slice(0, TOP_STANCES_PER_ARTICLE)
      .map((s) => ({ ...evidenceOf(s), source: s.source, target: s.target, polarity: s.polarity })),
  };
}

function firstSentence(text: string): string | undefined {
  const m = /^\s*(.+?[.!?])(\s|$)/s.exec(text);
  return m?.[1] ?? (text.trim() ? text.trim() : undefined);
}

// ---- MinHash ----

/** murmur3's 32-bit finaliser: spreads every input bit over the output (FNV-1a alone leaves the low bits weak). */
function fmix32(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two independent 32-bit hashes of a string (FNV-1a from two offset bases, each finalised). */
function hashPair(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return [fmix32(a), fmix32(b ^ 0x9e3779b9) | 1];
}

export function tokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The distinct word shingles of a text. */
export function shingles(text: string, words = SHINGLE_WORDS): Set<string> {
  const w = tokens(text);
  const out = new Set<string>();
  for (let i = 0; i + words <= w.length; i++) out.add(w.slice(i, i + words).join(' '));
  return out;
}

/**
 * The MinHash fingerprint of a text, or undefined when it has fewer than MIN_SHINGLES shingles (an
 * empty or near-empty text must not match every other). The i-th value is the minimum over the
 * shingles of h_i = fmix32(a + i*b), (a, b) being two hashes of the shingle (Kirsch-Mitzenmacher).
 */
export function fingerprintOf(text: string): Fingerprint | undefined {
  const set = shingles(text);
  if (set.size < MIN_SHINGLES) return undefined;
  const mins = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const s of set) {
    const [a, b] = hashPair(s);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = fmix32((a + Math.imul(i, b)) >>> 0);
      if (h < mins[i]) mins[i] = h;
    }
  }
  let minhash = '';
  for (const m of mins) minhash += m.toString(16).padStart(8, '0');
  return { minhash, shingles: set.size };
}

const valueAt = (minhash: string, i: number) => minhash.slice(i * 8, i * 8 + 8);

/** The LSH band keys of a fingerprint: band b is values [b*ROWS, (b+1)*ROWS) concatenated. */
export function bandsOf(fp: Fingerprint): string[] {
  const out: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) out.push(fp.minhash.slice(b * LSH_ROWS * 8, (b + 1) * LSH_ROWS * 8));
  return out;
}

/** Estimated Jaccard similarity of the two shingle sets: the share of equal MinHash values. */
export function estimatedJaccard(a: Fingerprint, b: Fingerprint): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (valueAt(a.minhash, i) === valueAt(b.minhash, i)) same++;
  return same / MINHASH_SIZE;
}

/**
 * How similar two articles are and whether one is a copy of the other: Jaccard >= 0.5, or the
 * shorter one's shingles lying >= 80% inside the longer one (a wire story cut short by a site).
 * Containment follows from the Jaccard estimate and the set sizes: |A n B| = J (|A| + |B|) / (1 + J).
 */
export function compareFingerprints(a: Fingerprint, b: Fingerprint): { jaccard: number; containment: number; duplicate: boolean } {
  const jaccard = estimatedJaccard(a, b);
  const smaller = Math.min(a.shingles, b.shingles);
  const containment = smaller > 0 ? Math.min(1, (jaccard * (a.shingles + b.shingles)) / ((1 + jaccard) * smaller)) : 0;
  const duplicate = jaccard >= DUPLICATE_MIN_JACCARD
    || (smaller >= CONTAINMENT_MIN_SHINGLES && containment >= DUPLICATE_MIN_CONTAINMENT);
  return { jaccard, containment, duplicate };
}
