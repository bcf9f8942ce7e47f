// GET /actors/{id}?from=&to=: one actor's timeline, per day, from the rows each day's digest build
// writes (dynamo-actor-day-store.ts): one Query for the whole range. A day whose digest has not
// been built yet shows zeros.

import { BadRequestError } from '../errors.js';
import { isValidDay } from '../url.js';
import type { ActorDayStore } from './types.js';

/** A quarter: enough for a trend, and a bounded answer. */
export const MAX_TIMELINE_DAYS = 92;
/** Article ids listed per day; `articles` always has the full count. */
export const MAX_TIMELINE_ARTICLE_IDS = 100;
const MAX_ACTOR_ID_LENGTH = 128;
const DAY_MS = 86_400_000;

export interface TimelineDay {
  day: string;
  /** Counted articles (near-duplicates once) that mention the actor. */
  articles: number;
  mentions: number;
  /** Mean salience over those articles. */
  salience: number;
  /** Mean Goldstein score of the stances the actor took, and how many. */
  given: number;
  givenCount: number;
  /** Mean Goldstein score of the stances toward the actor, and how many. */
  received: number;
  receivedCount: number;
  /** Up to MAX_TIMELINE_ARTICLE_IDS of the articles' ids, sorted; `articles` is the full count. */
  articleIds: string[];
}

export interface ActorTimeline {
  actorId: string;
  name?: string;
  type?: string;
  country?: string;
  from: string;
  to: string;
  /** Every day of the range, oldest first; days without the actor have zeros. */
  days: TimelineDay[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The days from `from` to `to` inclusive; throws BadRequestError for a bad or too long range. */
export function daysBetween(from: string | undefined, to: string | undefined, maxDays = MAX_TIMELINE_DAYS): string[] {
  for (const [label, v] of [['from', from], ['to', to]] as const) {
    if (!v) throw new BadRequestError(`query parameter "${label}" is required, as YYYY-MM-DD (UTC)`);
    if (!isValidDay(v)) throw new BadRequestError(`"${label}" = "${v}" is not a calendar date written YYYY-MM-DD`);
  }
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (end < start) throw new BadRequestError(`"from" (${from}) is after "to" (${to})`);
  const n = Math.round((end - start) / DAY_MS) + 1;
  if (n > maxDays) throw new BadRequestError(`the range ${from}..${to} spans ${n} days; ask for at most ${maxDays} at a time`);
  return Array.from({ length: n }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

export async function actorTimeline(
  store: Pick<ActorDayStore, 'readRange'>,
  actorId: string | undefined,
  from: string | undefined,
  to: string | undefined,
): Promise<ActorTimeline> {
  const id = actorId?.trim();
  if (!id) throw new BadRequestError('an actor id is required, e.g. "RUS" or "sergei-shoigu" as a digest lists it');
  if (id.length > MAX_ACTOR_ID_LENGTH || /[\u0000-\u001f]/.test(id)) {
    throw new BadRequestError(`"${id.slice(0, 40)}" is not an actor id: at most ${MAX_ACTOR_ID_LENGTH} printable characters`);
  }
  const days = daysBetween(from, to);
  const rows = new Map((await store.readRange(id, days[0], days[days.length - 1])).map((r) => [r.day, r]));
  const found = days.map((day) => rows.get(day));
  const latest = [...found].reverse().find((a) => a !== undefined);
  return {
    actorId: id,
    ...(latest ? { name: latest.name, type: latest.type, ...(latest.country ? { country: latest.country } : {}) } : {}),
    from: days[0],
    to: days[days.length - 1],
    days: days.map((day, i) => {
      const a = found[i];
      if (!a) return { day, articles: 0, mentions: 0, salience: 0, given: 0, givenCount: 0, received: 0, receivedCount: 0, articleIds: [] };
      return {
        day,
        articles: a.articles,
        mentions: a.mentions,
        salience: round(a.articles ? a.salienceSum / a.articles : 0, 3),
        given: round(a.givenCount ? a.givenSum / a.givenCount : 0),
        givenCount: a.givenCount,
        received: round(a.receivedCount ? a.receivedSum / a.receivedCount : 0),
        receivedCount: a.receivedCount,
        articleIds: a.articleIds.slice(0, MAX_TIMELINE_ARTICLE_IDS),
      };
    }),
  };
}
