// Each analysed article's contribution to its day, as ONE DynamoDB item written once by the
// process stage, and the day read back by the digest build (DESIGN.md: the build reads no article).
//
//   pk = DAYC#<day>#<shard>, sk = <articleId>
//     seenAt  when the article was first submitted (the earlier of two copies is the original)
//     fp, sh  MinHash fingerprint and shingle count (absent for a text too short to compare)
//     c       binary: the line's JSON and {a: actors, r: relations, s: stances} as tuples, each
//             raw-DEFLATEd (encodeContribution)
// with shard = FNV-1a(articleId) % 16, so a day's items spread over 16 partitions that the build
// queries in parallel.
//
// Why one item: the earlier design added each article to per-actor, per-relation and per-list
// aggregate items, ~50 conditional updates per article, each guarded by an ever-growing set of
// article ids. A Put is idempotent by its key, is billed once by its size, and a reprocessed
// article replaces its own contribution instead of being skipped. Why compressed: DynamoDB bills a
// write per started KB; the JSON of a typical article is ~5.5 KB, 1.6 KB deflated (measured on
// the bench's fixture analyses), so 2 WRU instead of 6, for ~0.2 ms of CPU per article.
//
// The build reads the day once: it keeps each article's line and fingerprint and its still
// compressed bytes (~1.6 KB; 160 MB at 100,000 articles), decides the near-duplicates over all the
// heads, then inflates and adds the bodies one at a time (day-aggregate.ts).

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '../concurrency.js';
import { TABLE_KEYS } from '../store/table-schema.js';
import {
  EVIDENCE_PER_RELATION, TOP_STANCES_PER_ARTICLE,
  type ActorContribution, type ArticleLine, type Contribution, type EvidenceEntry, type StanceEntry,
} from '../digest/contribution.js';
import { DayAggregator, findCopies, type ContributionBody, type ContributionHead } from '../digest/day-aggregate.js';
import type { AggregateStore, DayAggregates } from '../digest/types.js';

/** Partitions of a day's contributions: the build reads them in parallel. */
export const CONTRIBUTION_SHARDS = 16;

export const contributionPk = (day: string, shard: number) => `DAYC#${day}#${String(shard).padStart(2, '0')}`;

/** FNV-1a of the id: spreads article ids (hex or not) evenly over the shards. */
export function shardOf(articleId: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < articleId.length; i++) h = Math.imul(h ^ articleId.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return (h >>> 0) % shards;
}

// ---- the stored body: tuples, each stance once ----

type ActorTuple = [id: string, name: string, type: string, country: string | null, mentions: number, salience: number,
  givenSum: number, givenCount: number, receivedSum: number, receivedCount: number];
type RelationTuple = [source: string, target: string, net: number, count: number];
type StanceTuple = [source: string, target: string, polarity: -1 | 0 | 1, sentence: number, text: string, score: number,
  category: string, plover: string | null, claim: string | null, confidence: number];
interface StoredBody { a: ActorTuple[]; r: RelationTuple[]; s: StanceTuple[] }

const byStrength = (a: { score: number; confidence: number; sentence: number }, b: { score: number; confidence: number; sentence: number }) =>
  Math.abs(b.score) - Math.abs(a.score) || b.confidence - a.confidence || a.sentence - b.sentence;

/**
 * The line, actors, relations and stances as tuples, each stance once (a relation's evidence and the
 * article's top stances overlap) and without the article's URL, title and site in every entry,
 * deflated.
 */
export function encodeContribution(c: Contribution): Buffer {
  const stances = new Map<string, StanceTuple>();
  for (const t of c.topStances) {
    stances.set(`${t.source}\u0000${t.target}\u0000${t.sentence}`, [t.source, t.target, t.polarity, t.sentence, t.text, t.score, t.category, t.plover ?? null, t.claim, t.confidence]);
  }
  for (const r of c.relations) {
    for (const e of r.evidence) {
      const k = `${r.source}\u0000${r.target}\u0000${e.sentence}`;
      // Evidence carries no polarity; it is read back as evidence only, unless it is also a top stance (set above).
      if (!stances.has(k)) stances.set(k, [r.source, r.target, 0, e.sentence, e.text, e.score, e.category, e.plover ?? null, e.claim, e.confidence]);
    }
  }
  const body: StoredBody = {
    a: c.actors.map((a) => [a.id, a.name, a.type, a.country ?? null, a.mentions, a.salience, a.givenSum, a.givenCount, a.receivedSum, a.receivedCount]),
    r: c.relations.map((r) => [r.source, r.target, r.net, r.count]),
    s: [...stances.values()],
  };
  // Two DEFLATE streams, the line's first behind its length, so the build's first step inflates
  // only the line (~300 bytes) of every article.
  const line = deflateRawSync(JSON.stringify(c.line));
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(line.length);
  return Buffer.concat([prefix, line, deflateRawSync(JSON.stringify(body))]);
}

const lineLength = (bytes: Uint8Array) => (bytes[0] << 8) | bytes[1];

/** The article's summary line, from its stored bytes. */
export function decodeLine(bytes: Uint8Array): ArticleLine {
  return JSON.parse(inflateRawSync(bytes.subarray(2, 2 + lineLength(bytes))).toString('utf8')) as ArticleLine;
}

/** The inverse of encodeContribution, for the parts the build adds up (the line is decoded apart). */
export function decodeContribution(articleId: string, bytes: Uint8Array, line: ArticleLine = decodeLine(bytes)): ContributionBody {
  const stored = JSON.parse(inflateRawSync(bytes.subarray(2 + lineLength(bytes))).toString('utf8')) as StoredBody;
  // Plain object literals (no spreads, no rest destructuring): this runs once per article of a
  // 100,000-article day and was the build's hottest step.
  const { url, title, site } = line;
  const byPair = new Map<string, StanceEntry[]>();
  const stances: StanceEntry[] = [];
  for (const [source, target, polarity, sentence, text, score, category, plover, claim, confidence] of stored.s) {
    const s: StanceEntry = { key: `${articleId}:${sentence}`, articleId, url, sentence, text, score, category, claim, confidence, source, target, polarity };
    if (title) s.title = title;
    if (site) s.site = site;
    if (plover) s.plover = plover;
    stances.push(s);
    const pair = `${source}\u0000${target}`;
    const list = byPair.get(pair);
    if (list) list.push(s); else byPair.set(pair, [s]);
  }
  const evidenceOf = (s: StanceEntry): EvidenceEntry => {
    const e: EvidenceEntry = { key: s.key, articleId, url, sentence: s.sentence, text: s.text, score: s.score, category: s.category, claim: s.claim, confidence: s.confidence };
    if (title) e.title = title;
    if (site) e.site = site;
    if (s.plover) e.plover = s.plover;
    return e;
  };
  return {
    articleId,
    actors: stored.a.map(([id, name, type, country, mentions, salience, givenSum, givenCount, receivedSum, receivedCount]): ActorContribution => ({
      id, name, type, ...(country ? { country } : {}), mentions, salience, givenSum, givenCount, receivedSum, receivedCount,
    })),
    // A relation's evidence: its strongest stances, as contributionOf chose them.
    relations: stored.r.map(([source, target, net, count]) => ({
      source, target, net, count,
      evidence: (byPair.get(`${source}\u0000${target}`) ?? []).sort(byStrength).slice(0, EVIDENCE_PER_RELATION).map(evidenceOf),
    })),
    topStances: stances.sort(byStrength).slice(0, TOP_STANCES_PER_ARTICLE),
  };
}

// ---- the store ----

/** The item one article's contribution is stored as. */
export function contributionItem(day: string, c: Contribution): Record<string, string | number | Uint8Array> {
  return {
    [TABLE_KEYS.partitionKey]: contributionPk(day, shardOf(c.articleId, CONTRIBUTION_SHARDS)),
    [TABLE_KEYS.sortKey]: c.articleId,
    seenAt: c.seenAt,
    // Outside the packed bytes, so a feed's digest can filter on it in the Query.
    ...(c.feedId ? { feed: c.feedId } : {}),
    ...(c.fingerprint ? { fp: c.fingerprint.minhash, sh: c.fingerprint.shingles } : {}),
    c: encodeContribution(c),
  };
}

/** DynamoDB's size of an item: attribute names plus values (UTF-8 strings, raw binary, numbers ~ their digits). */
export function itemSize(item: Record<string, string | number | Uint8Array>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name) + (value instanceof Uint8Array ? value.byteLength : Buffer.byteLength(String(value)));
  }
  return bytes;
}

type Item = Record<string, unknown>;

/** Queries of the shards in flight at once: all of them, the build waits on the slowest. */
const SHARD_READ_CONCURRENCY = CONTRIBUTION_SHARDS;

export class DynamoContributionStore implements AggregateStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async addArticle(day: string, c: Contribution): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: contributionItem(day, c) }));
  }

  /** The day's contributions as aggregates; with `feedId`, only those of articles from that feed. */
  async readDay(day: string, opts: { feedId?: string } = {}): Promise<DayAggregates> {
    const stats = { items: 0, requests: 0, bytes: 0 };
    const heads = new Map<string, ContributionHead>();
    const packed = new Map<string, Uint8Array>();
    await this.readAll(day, opts.feedId, stats, (item) => {
      const id = item[TABLE_KEYS.sortKey] as string;
      const bytes = item.c as Uint8Array;
      heads.set(id, {
        articleId: id,
        seenAt: item.seenAt as string,
        line: decodeLine(bytes),
        ...(typeof item.fp === 'string' ? { fingerprint: { minhash: item.fp, shingles: item.sh as number } } : {}),
      });
      packed.set(id, bytes);
    });
    const copies = findCopies(heads.values());
    const aggregator = new DayAggregator(day, heads, copies);
    for (const [id, bytes] of packed) {
      if (!copies.has(id)) aggregator.add(decodeContribution(id, bytes, heads.get(id)!.line));
      packed.delete(id); // let each article's bytes go as soon as it is counted
    }
    return { ...aggregator.result(), stats };
  }

  /** Every item of the day's shards, in parallel. */
  private async readAll(day: string, feedId: string | undefined, stats: { items: number; requests: number; bytes: number }, onItem: (item: Item) => void): Promise<void> {
    const shards = Array.from({ length: CONTRIBUTION_SHARDS }, (_, i) => i);
    await mapLimit(shards, SHARD_READ_CONCURRENCY, async (shard) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          // The filter saves the transfer, not the read capacity: a feed's digest reads the whole day.
          ...(feedId ? { FilterExpression: '#feed = :feed' } : {}),
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, ...(feedId ? { '#feed': 'feed' } : {}) },
          ExpressionAttributeValues: { ':pk': contributionPk(day, shard), ...(feedId ? { ':feed': feedId } : {}) },
          ExclusiveStartKey: start,
        }));
        stats.requests++;
        for (const item of page.Items ?? []) {
          stats.items++;
          stats.bytes += itemSize(item as Record<string, string | number | Uint8Array>);
          onItem(item);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    });
  }
}
