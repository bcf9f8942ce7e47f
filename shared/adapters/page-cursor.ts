// The cursor of GET /articles?date=...: the day-index key the Query stopped at, as base64url JSON.
// It comes back from the client, so it is checked before DynamoDB sees it: a key with other
// attributes, other types or another day's partition is a ValidationException there, which would
// be a 500. A well-formed key of the day that names no article is harmless: the Query starts after it.

import { BadRequestError } from '../errors.js';
import { DAY_INDEX, TABLE_KEYS } from '../store/table-schema.js';

/** A GSI Query's LastEvaluatedKey: the table's key and the index's key. */
const CURSOR_ATTRIBUTES: readonly string[] = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, DAY_INDEX.partitionKey, DAY_INDEX.sortKey];

/**
 * A real cursor is under 200 characters. The cap keeps every key value far below DynamoDB's key
 * size limits (1024 bytes for a sort key), which would be another ValidationException.
 */
const MAX_CURSOR_LENGTH = 512;

const MALFORMED = 'cursor is malformed: pass back the `next` of the previous page unchanged, or leave the cursor out to start again';
const OTHER_DAY = 'cursor does not belong to this day: it was made for another date; leave it out to start again';

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** The start key `cursor` stands for, in the day-index partition `dayPartition`; 400 for any other. */
export function decodeCursor(cursor: string | undefined, dayPartition: string): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new BadRequestError(MALFORMED);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestError(MALFORMED);
  }
  if (!isStartKey(key)) throw new BadRequestError(MALFORMED);
  if (key[DAY_INDEX.partitionKey] !== dayPartition) throw new BadRequestError(OTHER_DAY);
  return key;
}

function isStartKey(key: unknown): key is Record<string, string> {
  if (!key || typeof key !== 'object' || Array.isArray(key)) return false;
  const entries = Object.entries(key);
  return entries.length === CURSOR_ATTRIBUTES.length
    && entries.every(([name, value]) => CURSOR_ATTRIBUTES.includes(name) && typeof value === 'string' && value !== '');
}
