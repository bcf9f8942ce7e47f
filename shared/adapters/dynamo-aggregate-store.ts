// Per-day aggregates in DynamoDB: each processed article adds its Contribution once, and a day's
// digest is built from these items without reading the articles (DESIGN.md: the build's cost must
// not grow with the number of articles that day).
//
// ## Key layout (single table, pk/sk)
//
// Read by the build, one Query on `pk = DAYAGG#<day>` (paged):
//   ACTOR#<actor>#<s>          n, mentions, salience, givenSum, givenCount, receivedSum, receivedCount,
//                              name, actorType, country, articleIds
//   REL#<source>#<target>#<s>  n (articles), stances, net, evidence (<= 3, strongest), ver, articleIds
//   TOP#<s>                    entries (<= 10 strongest stances), ver
//   LINE#<l>                   n, entries (one line per counted article), articleIds
//   DUPS#<l>                   entries (one per near-duplicate, with the article it copies), articleIds
// with s = hash(articleId) % 16 and l = hash(articleId) % 64. Key segments are URI-encoded, so an
// id can never contain the `#` separator. LINE doubles as the day's META item: its `n` is the
// article count, ADDed under the same condition as the line, and the lines give the sources (one
// site per line); separate META and SRC items would cost two more writes per article and say
// nothing the lines do not.
//
// Near-duplicate detection, under `pk = DAYDUP#<day>` so the build's Query never reads it:
//   FP#<articleId>             minhash, shingles: the fingerprint (the first processing's wins)
//   LSH#<band>#<value>         ids: the articles with that band value, in the order they arrived
//
// ## Counting once without transactions (dynalite has none)
//
// Every counted item is updated with one UpdateItem `ADD n :1, ..., articleIds :{id}` under
// `NOT contains(articleIds, :id)`. DynamoDB applies an update and its condition atomically per
// item, so the article's numbers and its id land together or not at all; a redelivered or
// reprocessed article fails the condition (ConditionalCheckFailed: already counted here) and
// that item is skipped, while an item the first attempt never reached (a crash half-way) is
// counted now. Each item is thus counted exactly once per article, whatever the retries and in
// whatever order they run. Reprocessing never subtracts: an article's numbers are those of the
// first processing that reached each item. The LINE (the count) is written last, so a counted
// article's actors and relations are in place before it shows in the count.
//
// Bounded lists (relation evidence, top stances) are not counters: they are replaced as a whole
// with optimistic concurrency (`ver = :seen`, re-read and retry on a conflict), merging by entry
// key (`<articleId>:<sentence>`), so offering the same entry twice changes nothing. Keeping the
// strongest 3 per shard keeps the strongest 3 overall, since the overall top 3 are each in their
// shard's top 3; the same holds for the top stances with 10. A full list only gets stronger, so
// the store remembers each list's weakest entry and skips (no read, no write) an offer weaker
// than that: once a day is busy, most articles cost no top-stance request at all.
//
// ## Near-duplicates count once
//
// Band items are append-only lists (`list_append` under `NOT contains(ids, :id)`), so each band
// records the order in which articles arrived, and a retry finds its own place again. An article
// is a copy of X when X is similar enough (contribution.ts: Jaccard >= 0.5 or containment >= 0.8)
// and X came before it in the *first* band where their values agree. Both articles judge the pair
// by that one band, whose order is fixed once both are in it: the later one finds the earlier
// before it there and is the copy; the earlier one finds nothing of the later before it and is
// not. So exactly one of them is the copy, even when the two are processed at the same moment,
// and a redelivery decides the same way again (the fingerprint is the stored one, the order is
// the stored one). (A single-owner
// band claim, as first designed, loses candidates: an unrelated article that happens to own a band
// value hides a true copy that matches only in that band.) A copy is recorded in DUPS and counted
// nowhere else; if X is itself a copy, the build follows the chain to the original. Known limit:
// three or more copies whose first shared bands differ and whose writes interleave in one exact
// order could each point at another in a cycle; the build then lists them as copies of none and
// none is counted. Copies are matched within one day only.
//
// ## Item sizes: why 16 and 64 shards
//
// An item's idempotency set grows by one id (16 characters, ~17 bytes) per counted article. With
// 16 shards, an actor named in every one of 10,000 articles a day holds ~625 ids (~11 KB) per
// shard, and ~110 KB at 100,000 a day: far below 400 KB while the build reads at most 16 items per
// actor. Article lines are the one part that grows in bytes with the day (one summary line per
// article is the contract): capped at 160 + 240 characters of title and summary, a line is
// ~400-600 bytes, so 64 line shards hold ~100 KB each at 10,000 articles and reach the item limit
// only past ~40,000 articles a day. The build reads at most (actors + relations + 1) x 16 +
// 2 x 64 items, however many articles the day has (an actor named in one article has one
// item). The bytes read still grow with the articles (the lines, and the idempotency sets
// DynamoDB bills for though the Query projects them out); the requests and the build's work do not.
//
// The price is paid on the write side: an article costs one conditional UpdateItem per actor and
// per relation it names, plus ~10 for the fingerprint, the line and the bounded lists (~50 for a
// typical 25-actor analysis). Packing several actors into one item would cut requests but make
// every item, and so every write's WCUs, grow with the day's distinct actors.

import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { mapLimit } from '../concurrency.js';
import { NewsdigestError } from '../errors.js';
import { TABLE_KEYS } from '../store/table-schema.js';
import {
  bandsOf, compareFingerprints, EVIDENCE_PER_RELATION,
  type ArticleLine, type Contribution, type EvidenceEntry, type Fingerprint, type StanceEntry,
} from '../digest/contribution.js';
import type {
  ActorAggregate, ActorDayAggregate, AddArticleResult, AggregateStore, DayAggregates, DuplicateEntry, RelationAggregate,
} from '../digest/types.js';

/** Shards of each counted item: see "Item sizes" above. */
export const SHARDS = 16;
/** Shards of the article lines and duplicate entries, which grow in bytes with the day. */
export const LINE_SHARDS = 64;
/** Evidence sentences kept per relation shard: the digest shows 3 per relation. */
export const EVIDENCE_PER_SHARD = EVIDENCE_PER_RELATION;
/** Stances kept per top-stance shard: the digest shows 10. */
export const TOP_STANCES_PER_SHARD = 10;

/** Writes of one article in flight at once: enough to hide latency, few enough to leave room for other articles. */
const WRITE_CONCURRENCY = 8;
/** Bounded lists whose weakest entry is remembered (a few per relation and day; cleared when full). */
const MAX_CACHED_FLOORS = 10_000;
/** Optimistic retries of a bounded list before giving up (the message is then retried as a whole). */
const MAX_LIST_ATTEMPTS = 8;

/** A bounded list kept changing under us: a retry of the whole article will get through. */
export class AggregateConflictError extends NewsdigestError {
  readonly retryable = true;
}

type Item = Record<string, unknown>;

export const aggPk = (day: string) => `DAYAGG#${day}`;
const dupPk = (day: string) => `DAYDUP#${day}`;
const seg = (s: string) => encodeURIComponent(s);
const pad = (n: number) => String(n).padStart(2, '0');

/** FNV-1a of the id: spreads article ids (hex or not) evenly over the shards. */
export function shardOf(articleId: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < articleId.length; i++) h = Math.imul(h ^ articleId.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return (h >>> 0) % shards;
}

export const actorSkPrefix = (actorId: string) => `ACTOR#${seg(actorId)}#`;

const isConditionFailure = (err: unknown) =>
  err instanceof ConditionalCheckFailedException || (err instanceof Error && err.name === 'ConditionalCheckFailedException');

/** Builds expression attribute names and values: most plain names (name, count, type, site) are reserved words. */
class Expr {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private n = 0;
  private v = 0;
  name(attr: string): string {
    for (const [k, a] of Object.entries(this.names)) if (a === attr) return k;
    const k = `#a${this.n++}`;
    this.names[k] = attr;
    return k;
  }
  value(val: unknown): string {
    const k = `:v${this.v++}`;
    this.values[k] = val;
    return k;
  }
}

const strength = (a: EvidenceEntry, b: EvidenceEntry) =>
  Math.abs(b.score) - Math.abs(a.score) || b.confidence - a.confidence || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The `cap` strongest of both lists, without repeating a key. */
export function mergeStrongest<T extends EvidenceEntry>(current: T[], offered: T[], cap: number): T[] {
  const byKey = new Map<string, T>();
  for (const e of [...current, ...offered]) if (!byKey.has(e.key)) byKey.set(e.key, e);
  return [...byKey.values()].sort(strength).slice(0, cap);
}

const sameKeys = (a: { key: string }[], b: { key: string }[]) => a.length === b.length && a.every((e, i) => e.key === b[i].key);

/** Attributes the build reads; the idempotency sets (the bulk of the bytes) stay behind. */
const DAY_PROJECTION = [
  TABLE_KEYS.sortKey, 'n', 'mentions', 'salience', 'givenSum', 'givenCount', 'receivedSum', 'receivedCount',
  'name', 'actorType', 'country', 'actorId', 'source', 'target', 'stances', 'net', 'evidence', 'entries',
];

export class DynamoAggregateStore implements AggregateStore {
  /** The weakest entry of each full bounded list as last seen (see offerStrongest). */
  private readonly floors = new Map<string, EvidenceEntry>();

  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  private noteFloor(key: string, weakest: EvidenceEntry): void {
    if (this.floors.size >= MAX_CACHED_FLOORS && !this.floors.has(key)) this.floors.clear();
    this.floors.set(key, weakest);
  }

  async addArticle(day: string, c: Contribution): Promise<AddArticleResult> {
    const copy = c.fingerprint ? await this.findOriginal(day, c.articleId, c.fingerprint) : undefined;
    const lineShard = pad(shardOf(c.articleId, LINE_SHARDS));
    if (copy) {
      const entry: DuplicateEntry = {
        id: c.articleId, url: c.url, ...(c.site ? { site: c.site } : {}), ...(c.line.title ? { title: c.line.title } : {}),
        duplicateOf: copy.id, similarity: copy.similarity,
      };
      await this.appendOnce(aggPk(day), `DUPS#${lineShard}`, c.articleId, entry);
      return { duplicateOf: copy.id, similarity: copy.similarity };
    }

    const pk = aggPk(day);
    const shard = pad(shardOf(c.articleId, SHARDS));
    const id = c.articleId;
    const writes: (() => Promise<void>)[] = [];
    for (const a of c.actors) {
      writes.push(async () => {
        await this.countOnce(pk, `ACTOR#${seg(a.id)}#${shard}`, id, {
          n: 1, mentions: a.mentions, salience: a.salience, givenSum: a.givenSum, givenCount: a.givenCount,
          receivedSum: a.receivedSum, receivedCount: a.receivedCount,
        }, { actorId: a.id, name: a.name, actorType: a.type, ...(a.country ? { country: a.country } : {}) });
      });
    }
    for (const r of c.relations) {
      writes.push(async () => {
        const sk = `REL#${seg(r.source)}#${seg(r.target)}#${shard}`;
        const out = await this.countOnce(pk, sk, id, { n: 1, stances: r.count, net: r.net }, { source: r.source, target: r.target }, true);
        await this.offerStrongest(pk, sk, 'evidence', r.evidence, EVIDENCE_PER_SHARD, out);
      });
    }
    if (c.topStances.length) {
      writes.push(() => this.offerStrongest(pk, `TOP#${shard}`, 'entries', c.topStances, TOP_STANCES_PER_SHARD));
    }
    await mapLimit(writes, WRITE_CONCURRENCY, (w) => w());
    // Last: the line is also the article count, so an article is counted only once everything
    // else of it is in place.
    await this.appendOnce(pk, `LINE#${lineShard}`, id, c.line, true);
    return {};
  }

  /**
   * Records the fingerprint and the article's place in each LSH band, then returns the earlier
   * article it copies, if any (see "Near-duplicates count once").
   */
  private async findOriginal(day: string, articleId: string, offered: Fingerprint): Promise<{ id: string; similarity: number } | undefined> {
    const pk = dupPk(day);
    const fp = await this.putFingerprint(pk, articleId, offered);
    const bands = bandsOf(fp);
    const before = await Promise.all(bands.map((value, b) => this.placeInBand(pk, `LSH#${b}#${value}`, articleId)));
    const seen = [...new Set(before.flat())];
    if (!seen.length) return undefined;
    const others = await Promise.all(seen.map((id) => this.getFingerprint(pk, id)));
    let best: { id: string; similarity: number } | undefined;
    others.forEach((other, i) => {
      if (!other) return;
      const theirs = bandsOf(other);
      const first = bands.findIndex((v, b) => v === theirs[b]);
      // Only the first band both share decides who came first, so both articles agree on it.
      if (first < 0 || !before[first].includes(seen[i])) return;
      const cmp = compareFingerprints(fp, other);
      if (!cmp.duplicate) return;
      if (!best || cmp.jaccard > best.similarity || (cmp.jaccard === best.similarity && seen[i] < best.id)) {
        best = { id: seen[i], similarity: cmp.jaccard };
      }
    });
    return best;
  }

  /** Stores the fingerprint unless one is there; returns the stored one, so every retry decides alike. */
  private async putFingerprint(pk: string, articleId: string, fp: Fingerprint): Promise<Fingerprint> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: `FP#${articleId}`, minhash: fp.minhash, shingles: fp.shingles },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      }));
      return fp;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return (await this.getFingerprint(pk, articleId)) ?? fp;
    }
  }

  private async getFingerprint(pk: string, articleId: string): Promise<Fingerprint | undefined> {
    const out = await this.db.send(new GetCommand({
      TableName: this.tableName,
      Key: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: `FP#${articleId}` },
      ConsistentRead: true,
    }));
    const item = out.Item;
    return item ? { minhash: item.minhash as string, shingles: item.shingles as number } : undefined;
  }

  /** Appends the article to a band's list (once) and returns the articles that arrived before it. */
  private async placeInBand(pk: string, sk: string, articleId: string): Promise<string[]> {
    const key = { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk };
    let ids: string[];
    try {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET ids = list_append(if_not_exists(ids, :empty), :me)',
        ConditionExpression: 'NOT contains(ids, :id)',
        ExpressionAttributeValues: { ':empty': [], ':me': [articleId], ':id': articleId },
        ReturnValues: 'ALL_NEW',
      }));
      ids = (out.Attributes?.ids as string[] | undefined) ?? [];
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      ids = (out.Item?.ids as string[] | undefined) ?? [];
    }
    const at = ids.indexOf(articleId);
    return at < 0 ? [] : ids.slice(0, at);
  }

  /**
   * ADDs the numbers and the article id to one item unless the id is already there. Returns the
   * item after the update when asked (`ALL_NEW`), or undefined when it was already counted.
   */
  private async countOnce(pk: string, sk: string, articleId: string, add: Record<string, number>, set: Item, returnItem = false): Promise<Item | undefined> {
    const e = new Expr();
    const adds = Object.entries(add).filter(([, v]) => v !== 0).map(([k, v]) => `${e.name(k)} ${e.value(v)}`);
    adds.push(`${e.name('articleIds')} ${e.value(new Set([articleId]))}`);
    const sets = Object.entries(set).map(([k, v]) => `${e.name(k)} = ${e.value(v)}`);
    try {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk },
        UpdateExpression: `ADD ${adds.join(', ')}${sets.length ? ` SET ${sets.join(', ')}` : ''}`,
        ConditionExpression: `NOT contains(${e.name('articleIds')}, ${e.value(articleId)})`,
        ExpressionAttributeNames: e.names,
        ExpressionAttributeValues: e.values,
        ReturnValues: returnItem ? 'ALL_NEW' : 'NONE',
      }));
      return out.Attributes;
    } catch (err) {
      if (isConditionFailure(err)) return undefined; // already counted in this item
      throw err;
    }
  }

  /** Appends a list entry with the article's id, once; `count` also ADDs 1 to `n`. */
  private async appendOnce(pk: string, sk: string, articleId: string, entry: ArticleLine | DuplicateEntry, count = false): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk },
        UpdateExpression: `SET entries = list_append(if_not_exists(entries, :empty), :entry) ADD articleIds :ids${count ? ', n :one' : ''}`,
        ConditionExpression: 'NOT contains(articleIds, :id)',
        ExpressionAttributeValues: {
          ':empty': [], ':entry': [entry], ':ids': new Set([articleId]), ':id': articleId, ...(count ? { ':one': 1 } : {}),
        },
      }));
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  /**
   * Merges the offered entries into a bounded list kept strongest first. `known` is the item as
   * an update just returned it; without it (or after a conflict) the item is read.
   */
  private async offerStrongest<T extends EvidenceEntry>(pk: string, sk: string, attr: string, offered: T[], cap: number, known?: Item): Promise<void> {
    const cacheKey = `${pk}|${sk}`;
    const floor = this.floors.get(cacheKey);
    // A full list only ever gets stronger: what is weaker than its weakest entry as last seen can never enter.
    const entering = floor ? offered.filter((e) => strength(e, floor) < 0) : offered;
    if (!entering.length) return;
    const key = { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk };
    let item = known;
    for (let attempt = 0; attempt < MAX_LIST_ATTEMPTS; attempt++) {
      if (!item) {
        const out = await this.db.send(new GetCommand({
          TableName: this.tableName, Key: key, ConsistentRead: true,
          ProjectionExpression: '#list, ver', ExpressionAttributeNames: { '#list': attr },
        }));
        item = out.Item ?? {};
      }
      const current = (item[attr] as T[] | undefined) ?? [];
      const ver = (item.ver as number | undefined) ?? 0;
      if (current.length >= cap) this.noteFloor(cacheKey, current[cap - 1]);
      const merged = mergeStrongest(current, entering, cap);
      if (sameKeys(merged, current)) return;
      try {
        await this.db.send(new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #list = :list, ver = :next',
          ConditionExpression: ver === 0 ? 'attribute_not_exists(ver)' : 'ver = :seen',
          ExpressionAttributeNames: { '#list': attr },
          ExpressionAttributeValues: { ':list': merged, ':next': ver + 1, ...(ver === 0 ? {} : { ':seen': ver }) },
        }));
        if (merged.length >= cap) this.noteFloor(cacheKey, merged[cap - 1]);
        return;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        item = undefined; // someone else changed it: read again and merge into theirs
      }
    }
    throw new AggregateConflictError(`the list ${sk} of ${pk} kept changing during ${MAX_LIST_ATTEMPTS} attempts; retry the article`);
  }

  async readDay(day: string): Promise<DayAggregates> {
    const items: Item[] = [];
    let requests = 0;
    let start: Record<string, unknown> | undefined;
    const e = new Expr();
    const projection = DAY_PROJECTION.map((a) => e.name(a)).join(', ');
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: `${e.name(TABLE_KEYS.partitionKey)} = :pk`,
        ExpressionAttributeNames: e.names,
        ExpressionAttributeValues: { ':pk': aggPk(day) },
        ProjectionExpression: projection,
        ExclusiveStartKey: start,
      }));
      requests++;
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const byKind: Record<string, number> = {};
    for (const it of items) {
      const kind = String(it[TABLE_KEYS.sortKey]).split('#', 1)[0];
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    return { ...mergeDayItems(day, items), stats: { items: items.length, requests, byKind } };
  }

  async readActorDay(day: string, actorId: string): Promise<ActorDayAggregate | undefined> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': aggPk(day), ':prefix': actorSkPrefix(actorId) },
        ExclusiveStartKey: start,
      }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    if (!items.length) return undefined;
    const actor = mergeActors(items)[0];
    const ids = new Set<string>();
    for (const it of items) for (const id of (it.articleIds as Set<string> | undefined) ?? []) ids.add(id);
    return { ...actor, day, articleIds: [...ids].sort() };
  }
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const sortSk = (a: Item, b: Item) => (String(a[TABLE_KEYS.sortKey]) < String(b[TABLE_KEYS.sortKey]) ? -1 : 1);

/** Sums an actor's shards (items of several actors give one aggregate each, by id). */
function mergeActors(items: Item[]): ActorAggregate[] {
  const out = new Map<string, ActorAggregate & { best: number }>();
  for (const it of [...items].sort(sortSk)) {
    const id = it.actorId as string;
    let a = out.get(id);
    if (!a) {
      a = { id, name: id, type: 'unknown', articles: 0, mentions: 0, salienceSum: 0, givenSum: 0, givenCount: 0, receivedSum: 0, receivedCount: 0, best: -1 };
      out.set(id, a);
    }
    // The name and type written by the shard with the most articles: the most common spelling.
    if (num(it.n) > a.best) {
      a.best = num(it.n);
      a.name = (it.name as string | undefined) ?? id;
      a.type = (it.actorType as string | undefined) ?? 'unknown';
      if (it.country) a.country = it.country as string;
    }
    a.articles += num(it.n); a.mentions += num(it.mentions); a.salienceSum += num(it.salience);
    a.givenSum += num(it.givenSum); a.givenCount += num(it.givenCount);
    a.receivedSum += num(it.receivedSum); a.receivedCount += num(it.receivedCount);
  }
  return [...out.values()].map(({ best: _best, ...a }) => a);
}

/** Turns a day's aggregate items (any order, any shards) into one DayAggregates. */
export function mergeDayItems(day: string, items: Item[]): Omit<DayAggregates, 'stats'> {
  const kind = (it: Item) => String(it[TABLE_KEYS.sortKey]).split('#', 1)[0];
  const groups = new Map<string, Item[]>();
  for (const it of items) {
    const k = kind(it);
    const list = groups.get(k);
    if (list) list.push(it); else groups.set(k, [it]);
  }
  const of = (k: string) => (groups.get(k) ?? []).sort(sortSk);

  const relations = new Map<string, RelationAggregate>();
  for (const it of of('REL')) {
    const k = `${it.source as string}\u0000${it.target as string}`;
    let r = relations.get(k);
    if (!r) { r = { source: it.source as string, target: it.target as string, articles: 0, count: 0, net: 0, evidence: [] }; relations.set(k, r); }
    r.articles += num(it.n); r.count += num(it.stances); r.net += num(it.net);
    r.evidence = mergeStrongest(r.evidence, (it.evidence as EvidenceEntry[] | undefined) ?? [], EVIDENCE_PER_SHARD);
  }
  // One line per counted article (a retry can only repeat one if a list_append was applied twice,
  // which the condition prevents; the map is a second guard).
  const lines = new Map<string, ArticleLine>();
  for (const it of of('LINE')) for (const l of (it.entries as ArticleLine[] | undefined) ?? []) if (!lines.has(l.id)) lines.set(l.id, l);
  const sources = new Map<string, number>();
  for (const l of lines.values()) if (l.site) sources.set(l.site, (sources.get(l.site) ?? 0) + 1);
  let topStances: StanceEntry[] = [];
  for (const it of of('TOP')) topStances = mergeStrongest(topStances, (it.entries as StanceEntry[] | undefined) ?? [], TOP_STANCES_PER_SHARD);
  return {
    day,
    articleCount: of('LINE').reduce((sum, it) => sum + num(it.n), 0),
    actors: mergeActors(of('ACTOR')),
    relations: [...relations.values()],
    sources: [...sources].map(([site, count]) => ({ site, count })),
    topStances,
    lines: [...lines.values()],
    duplicates: of('DUPS').flatMap((it) => (it.entries as DuplicateEntry[] | undefined) ?? []),
  };
}
