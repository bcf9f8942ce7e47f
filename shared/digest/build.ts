// Builds one day's digest from its aggregates (day-aggregate.ts) and the previous digest. Pure: the
// same inputs give the same digest, byte for byte (every ordering ends with an id tie-break). The
// digest carries the day's top articles; the whole list (articleList) is stored beside it in pages.

import type { EvidenceEntry, StanceEntry } from './contribution.js';
import type {
  ActorAggregate, ActorChange, DayAggregates, Digest, DigestActor, DigestArticle, DigestBasis, DigestEvidence,
  DigestRelation, DigestStance, PreviousDigest, RelationAggregate, RelationChange,
} from './types.js';

export const DIGEST_LIMITS = {
  topActors: 15,
  relations: 30,
  evidencePerRelation: 3,
  topStances: 10,
  /** Articles in the digest itself; the full list is paged (GET /digests/{date}/articles). */
  topArticles: 20,
  /** Articles per page of the full list. */
  articlesPerPage: 200,
  /** Per list of changes (new, reversed, rising, falling). */
  changes: 5,
  /** Relations and actors kept as the next day's comparison basis. */
  basis: 200,
} as const;

export interface BuildOptions {
  /** ISO time stamped on the digest; defaults to now. */
  generatedAt?: string;
  /** The day's article list, when the caller already made it with articleList (it stores the pages). */
  articleList?: ArticleList;
}

export interface ArticleList {
  /** Every counted article, newest first, each with the copies that were not counted. */
  articles: DigestArticle[];
  duplicateCount: number;
}

const round = (n: number, digits = 2) => {
  const f = 10 ** digits;
  const r = Math.round(n * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
const sign = (n: number): -1 | 0 | 1 => (n > 1e-9 ? 1 : n < -1e-9 ? -1 : 0);
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const relKey = (source: string, target: string) => `${source}\u0000${target}`;

/** Ranking of actors: total salience (prominence times coverage), then articles, then id. */
const actorOrder = (a: ActorAggregate, b: ActorAggregate) =>
  b.salienceSum - a.salienceSum || b.articles - a.articles || cmpStr(a.id, b.id);
const relationOrder = (a: RelationAggregate, b: RelationAggregate) =>
  Math.abs(b.net) - Math.abs(a.net) || b.count - a.count || cmpStr(a.source, b.source) || cmpStr(a.target, b.target);
const stanceOrder = (a: StanceEntry, b: StanceEntry) =>
  Math.abs(b.score) - Math.abs(a.score) || b.confidence - a.confidence || cmpStr(a.key, b.key);

function evidenceOut(e: EvidenceEntry): DigestEvidence {
  return {
    articleId: e.articleId, url: e.url, ...(e.title ? { title: e.title } : {}), ...(e.site ? { site: e.site } : {}),
    text: e.text, score: e.score, category: e.category, ...(e.plover ? { plover: e.plover } : {}), claim: e.claim, confidence: e.confidence, sentence: e.sentence,
  };
}

const meanSalience = (a: ActorAggregate) => (a.articles ? a.salienceSum / a.articles : 0);

/**
 * The digest of `day`. `previous` is the latest earlier digest (or its stored summary), for the
 * changes; `names` overrides actor display names (e.g. from the gazetteer).
 */
export function buildDigest(
  day: string,
  agg: DayAggregates,
  previous?: PreviousDigest,
  names?: Readonly<Record<string, string>>,
  opts: BuildOptions = {},
): Digest {
  const actorsById = new Map(agg.actors.map((a) => [a.id, a]));
  const nameOf = (id: string) => names?.[id] ?? actorsById.get(id)?.name ?? id;

  const rankedActors = [...agg.actors].sort(actorOrder);
  const topActors: DigestActor[] = rankedActors.slice(0, DIGEST_LIMITS.topActors).map((a) => ({
    id: a.id, name: nameOf(a.id), type: a.type, ...(a.country ? { country: a.country } : {}),
    salience: round(meanSalience(a), 3), articles: a.articles, mentions: a.mentions,
    given: round(a.givenCount ? a.givenSum / a.givenCount : 0), received: round(a.receivedCount ? a.receivedSum / a.receivedCount : 0),
    givenCount: a.givenCount, receivedCount: a.receivedCount,
  }));

  const rankedRelations = [...agg.relations].sort(relationOrder);
  const relations: DigestRelation[] = rankedRelations.slice(0, DIGEST_LIMITS.relations).map((r) => ({
    source: r.source, target: r.target, sourceName: nameOf(r.source), targetName: nameOf(r.target),
    net: round(r.net), count: r.count, polarity: sign(r.net), articles: r.articles,
    evidence: [...r.evidence].sort(stanceOrder as (a: EvidenceEntry, b: EvidenceEntry) => number)
      .slice(0, DIGEST_LIMITS.evidencePerRelation).map(evidenceOut),
  }));

  // The same sentence quoted by two articles (not copies as a whole) is shown once.
  const seenText = new Set<string>();
  const topStances: DigestStance[] = [];
  for (const s of [...agg.topStances].sort(stanceOrder)) {
    const norm = s.text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (seenText.has(norm)) continue;
    seenText.add(norm);
    topStances.push({ ...evidenceOut(s), source: s.source, target: s.target, sourceName: nameOf(s.source), targetName: nameOf(s.target), polarity: s.polarity });
    if (topStances.length === DIGEST_LIMITS.topStances) break;
  }

  const { articles, duplicateCount } = opts.articleList ?? articleList(agg);

  const sources = [...agg.sources].sort((a, b) => b.count - a.count || cmpStr(a.site, b.site));

  const basis: DigestBasis = {
    articleCount: agg.articleCount,
    relations: rankedRelations.slice(0, DIGEST_LIMITS.basis).map((r) => [r.source, r.target, round(r.net), r.count]),
    actors: rankedActors.slice(0, DIGEST_LIMITS.basis).map((a) => [a.id, nameOf(a.id), a.articles, round(meanSalience(a), 3)]),
  };

  return {
    date: day,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    articleCount: agg.articleCount,
    duplicateCount,
    sources,
    topActors,
    relations,
    topStances,
    articles: topArticles(articles),
    articlePages: Math.ceil(articles.length / DIGEST_LIMITS.articlesPerPage),
    changes: changesSince(agg, rankedRelations, previous, nameOf),
    basis,
  };
}

/**
 * The articles the digest shows: the stories most sites carried (the most copies), then those with
 * the most stances, then the newest.
 */
function topArticles(articles: DigestArticle[]): DigestArticle[] {
  return [...articles]
    .sort((a, b) => (b.duplicates?.length ?? 0) - (a.duplicates?.length ?? 0) || (b.stances ?? 0) - (a.stances ?? 0)
      || cmpStr(b.publishedTime ?? '', a.publishedTime ?? '') || cmpStr(a.id, b.id))
    .slice(0, DIGEST_LIMITS.topArticles);
}

/** One page (0-based) of the full list, as GET /digests/{date}/articles serves it. */
export function articlePage(list: DigestArticle[], page: number): DigestArticle[] {
  return list.slice(page * DIGEST_LIMITS.articlesPerPage, (page + 1) * DIGEST_LIMITS.articlesPerPage);
}

/** Article lines, newest first, each with the copies that were not counted. */
export function articleList(agg: DayAggregates): ArticleList {
  const lines = new Map<string, DigestArticle>();
  for (const l of agg.lines) if (!lines.has(l.id)) lines.set(l.id, { ...l });
  const dups = new Map(agg.duplicates.map((d) => [d.id, d]));
  // A copy of a copy belongs to the original (findCopies already points copies at the original;
  // a digest's aggregates from elsewhere may not), and a chain that loops has none.
  const originalOf = (id: string): string | undefined => {
    const seen = new Set<string>();
    let at = id;
    while (!lines.has(at)) {
      const d = dups.get(at);
      if (!d || seen.has(at)) return undefined;
      seen.add(at);
      at = d.duplicateOf;
    }
    return at;
  };
  for (const d of [...dups.values()].sort((a, b) => cmpStr(a.id, b.id))) {
    if (lines.has(d.id)) continue; // counted after all: listed as an article, not as a copy
    const original = originalOf(d.duplicateOf);
    if (!original) continue;
    const line = lines.get(original)!;
    (line.duplicates ??= []).push({ id: d.id, url: d.url, ...(d.site ? { site: d.site } : {}) });
  }
  const articles = [...lines.values()].sort((a, b) =>
    cmpStr(b.publishedTime ?? '', a.publishedTime ?? '') || cmpStr(a.id, b.id));
  return { articles, duplicateCount: [...dups.keys()].filter((id) => !lines.has(id)).length };
}

function basisOf(previous: PreviousDigest): DigestBasis {
  if (previous.basis) return previous.basis;
  // An older digest without a basis: compare with what it shows.
  return {
    articleCount: previous.articleCount,
    relations: (previous.relations ?? []).map((r) => [r.source, r.target, r.net, r.count]),
    actors: (previous.topActors ?? []).map((a) => [a.id, a.name, a.articles, a.salience]),
  };
}

/**
 * New relations (not in the previous basis), reversed ones (net changed sign) and actors rising or
 * falling. An actor moves by its share of the day's articles, so a quiet day after a busy one does
 * not make everyone fall; it must also gain or lose at least one article.
 */
function changesSince(agg: DayAggregates, rankedRelations: RelationAggregate[], previous: PreviousDigest | undefined, nameOf: (id: string) => string): Digest['changes'] {
  const empty = { newRelations: [], reversed: [], rising: [], falling: [] };
  if (!previous) return empty;
  const before = basisOf(previous);
  const prevNet = new Map(before.relations.map(([s, t, net]) => [relKey(s, t), net]));
  const relChange = (r: RelationAggregate, previousNet?: number): RelationChange => ({
    source: r.source, target: r.target, sourceName: nameOf(r.source), targetName: nameOf(r.target), net: round(r.net),
    ...(previousNet !== undefined ? { previousNet } : {}),
  });
  const newRelations = rankedRelations.filter((r) => !prevNet.has(relKey(r.source, r.target)) && sign(r.net) !== 0)
    .slice(0, DIGEST_LIMITS.changes).map((r) => relChange(r));
  const reversed = rankedRelations
    .filter((r) => { const p = prevNet.get(relKey(r.source, r.target)); return p !== undefined && sign(p) !== 0 && sign(r.net) === -sign(p); })
    .map((r) => ({ r, p: prevNet.get(relKey(r.source, r.target))! }))
    .sort((a, b) => Math.abs(b.r.net - b.p) - Math.abs(a.r.net - a.p) || relationOrder(a.r, b.r))
    .slice(0, DIGEST_LIMITS.changes).map(({ r, p }) => relChange(r, p));

  const prevActors = new Map(before.actors.map(([id, name, articles, salience]) => [id, { name, articles, salience }]));
  const nowActors = new Map(agg.actors.map((a) => [a.id, a]));
  const prevTotal = Math.max(1, before.articleCount ?? Math.max(0, ...before.actors.map(([, , n]) => n)));
  const nowTotal = Math.max(1, agg.articleCount);
  const moves: (ActorChange & { shareDelta: number })[] = [];
  for (const id of new Set([...prevActors.keys(), ...nowActors.keys()])) {
    const p = prevActors.get(id);
    const a = nowActors.get(id);
    const articles = a?.articles ?? 0;
    const previousArticles = p?.articles ?? 0;
    if (articles === previousArticles) continue;
    moves.push({
      id, name: a ? nameOf(id) : p?.name ?? id,
      articles, previousArticles,
      salience: a ? round(meanSalience(a), 3) : 0, previousSalience: p?.salience ?? 0,
      shareDelta: articles / nowTotal - previousArticles / prevTotal,
    });
  }
  const strip = ({ shareDelta: _d, ...c }: ActorChange & { shareDelta: number }): ActorChange => c;
  const rising = moves.filter((m) => m.shareDelta > 0 && m.articles > m.previousArticles)
    .sort((a, b) => b.shareDelta - a.shareDelta || (b.articles - b.previousArticles) - (a.articles - a.previousArticles) || cmpStr(a.id, b.id))
    .slice(0, DIGEST_LIMITS.changes).map(strip);
  const falling = moves.filter((m) => m.shareDelta < 0 && m.articles < m.previousArticles)
    .sort((a, b) => a.shareDelta - b.shareDelta || (a.articles - a.previousArticles) - (b.articles - b.previousArticles) || cmpStr(a.id, b.id))
    .slice(0, DIGEST_LIMITS.changes).map(strip);
  return { since: previous.date, newRelations, reversed, rising, falling };
}
