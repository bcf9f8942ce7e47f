// Per actor and day, what the day's digest build counted, so that an actor's timeline over a
// quarter is one Query instead of a read of 92 days of contributions.
//
//   pk = ACTORDAY#<actorId>, sk = <day>   articles, mentions, salienceSum, given/received sums and
//                                          counts, name, actorType, country, articleIds (<= 100)
//
// Written by every build of the day (BatchWriteItem, 25 items a request), so a day's row is as
// fresh as its digest; a day never built has no rows. An actor that a rebuild no longer counts
// keeps its old row until the next build that names it (rare: it needs an article reprocessed).

import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '../concurrency.js';
import { TABLE_KEYS } from '../store/table-schema.js';
import type { ActorAggregate, ActorDayAggregate, ActorDayStore } from '../digest/types.js';

const BATCH_WRITE_MAX = 25;
/** Batches in flight: a 5,000-actor day is 200 batches. */
const BATCH_CONCURRENCY = 8;
/** Unprocessed items (throttling) are sent again, with backoff, this many times. */
const MAX_BATCH_ATTEMPTS = 8;

export const actorDayPk = (actorId: string) => `ACTORDAY#${actorId}`;

export class DynamoActorDayStore implements ActorDayStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async putDay(day: string, actors: ActorAggregate[]): Promise<void> {
    const requests = actors.map((a) => ({
      PutRequest: {
        Item: {
          [TABLE_KEYS.partitionKey]: actorDayPk(a.id), [TABLE_KEYS.sortKey]: day,
          name: a.name, actorType: a.type, ...(a.country ? { country: a.country } : {}),
          articles: a.articles, mentions: a.mentions, salienceSum: a.salienceSum,
          givenSum: a.givenSum, givenCount: a.givenCount, receivedSum: a.receivedSum, receivedCount: a.receivedCount,
          articleIds: a.articleIds ?? [],
        },
      },
    }));
    const batches: (typeof requests)[] = [];
    for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) batches.push(requests.slice(i, i + BATCH_WRITE_MAX));
    await mapLimit(batches, BATCH_CONCURRENCY, async (batch) => {
      let pending = batch;
      for (let attempt = 1; pending.length; attempt++) {
        if (attempt > MAX_BATCH_ATTEMPTS) throw new Error(`${pending.length} actor-day rows of ${day} stayed unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`);
        if (attempt > 1) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      }
    });
  }

  async readRange(actorId: string, from: string, to: string): Promise<ActorDayAggregate[]> {
    if (from > to) return [];
    const out: ActorDayAggregate[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': actorDayPk(actorId), ':from': from, ':to': to },
        ExclusiveStartKey: start,
      }));
      for (const it of page.Items ?? []) {
        out.push({
          id: actorId, day: it[TABLE_KEYS.sortKey] as string,
          name: it.name as string, type: it.actorType as string, ...(it.country ? { country: it.country as string } : {}),
          articles: it.articles as number, mentions: it.mentions as number, salienceSum: it.salienceSum as number,
          givenSum: it.givenSum as number, givenCount: it.givenCount as number,
          receivedSum: it.receivedSum as number, receivedCount: it.receivedCount as number,
          articleIds: (it.articleIds as string[] | undefined) ?? [],
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
