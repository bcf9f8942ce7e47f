// DynamoDB capacity as AWS bills it, for the cost meter (bench/cost.ts).
//
// dynalite answers ReturnConsumedCapacity for the table only: writes are billed by the larger of
// the old and new item (ceil per KB), reads per 4 KB (halved when eventually consistent), and a
// Query on an index is charged to that index. It never reports the writes a table write causes in
// its global secondary indexes, and a failed conditional write returns no figure at all. Those we
// compute here from item sizes, by DynamoDB's rules:
// - item size: attribute name bytes + value bytes (strings UTF-8, numbers ~1 byte per 2 digits + 1,
//   lists and maps 3 bytes + 1 per element);
// - a table write costs ceil(KB) of the larger of the old and new item;
// - in an index, a write costs ceil(KB) of the projected item: a new entry is a put, a removed
//   entry a delete, a changed index key a delete plus a put, a changed projected attribute one
//   write of the larger image, and an update that changes nothing projected costs nothing there;
// - a write whose condition fails still costs the table ceil(KB) of the existing item (at least 1).

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DAY_INDEX, INFLIGHT_INDEX, TABLE_KEYS } from '../shared/store/table-schema.js';

export type MarshalledItem = Record<string, AttributeValue>;

export interface IndexSpec {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** 'ALL', or the non-key attributes an INCLUDE projection carries. */
  projection: 'ALL' | readonly string[];
}

/** The table's indexes as shared/store/table-schema.ts (and local/embedded-aws.ts) define them. */
export const TABLE_INDEXES: IndexSpec[] = [
  { name: DAY_INDEX.name, partitionKey: DAY_INDEX.partitionKey, sortKey: DAY_INDEX.sortKey, projection: DAY_INDEX.projected },
  { name: INFLIGHT_INDEX.name, partitionKey: INFLIGHT_INDEX.partitionKey, sortKey: INFLIGHT_INDEX.sortKey, projection: INFLIGHT_INDEX.projected },
];

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** DynamoDB's size of a number: one byte per two significant digits, plus one. */
export function numberSize(n: string): number {
  const digits = n.replace(/^[-+]/, '').toLowerCase().split('e')[0].replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

export function attributeValueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (v.BS !== undefined) return v.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (v.L !== undefined) return 3 + v.L.reduce((sum, e) => sum + 1 + attributeValueSize(e), 0);
  if (v.M !== undefined) return 3 + Object.entries(v.M).reduce((sum, [k, e]) => sum + 1 + utf8(k) + attributeValueSize(e), 0);
  return 0;
}

export function itemSize(item: MarshalledItem): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + attributeValueSize(value), 0);
}

export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
export const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

const inIndex = (index: IndexSpec, item: MarshalledItem | undefined): item is MarshalledItem =>
  item !== undefined && item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined;

/** The index entry of an item: everything (ALL), or the table and index keys plus the included attributes. */
export function projectedItem(index: IndexSpec, item: MarshalledItem): MarshalledItem {
  if (index.projection === 'ALL') return item;
  const keep = new Set([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey, ...index.projection]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
}

/** A stable text of an item, to tell whether a write changed it (attribute order does not matter). */
function canonical(item: MarshalledItem): string {
  const sortValue = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    if (Array.isArray(v)) return v.map(sortValue);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, e]) => [k, sortValue(e)]));
    return v;
  };
  return JSON.stringify(sortValue(item));
}

/** Write units one table write costs in one index, given the item before and after it (undefined: absent). */
export function indexWriteUnits(index: IndexSpec, before: MarshalledItem | undefined, after: MarshalledItem | undefined): number {
  const wasIn = inIndex(index, before);
  const isIn = inIndex(index, after);
  if (!wasIn && !isIn) return 0;
  if (wasIn && !isIn) return writeUnits(itemSize(projectedItem(index, before)));
  if (!wasIn && isIn) return writeUnits(itemSize(projectedItem(index, after)));
  const old = projectedItem(index, before as MarshalledItem);
  const now = projectedItem(index, after as MarshalledItem);
  const keyChanged = canonical({ p: old[index.partitionKey], s: old[index.sortKey] }) !== canonical({ p: now[index.partitionKey], s: now[index.sortKey] });
  if (keyChanged) return writeUnits(itemSize(old)) + writeUnits(itemSize(now));
  if (canonical(old) === canonical(now)) return 0;
  return writeUnits(Math.max(itemSize(old), itemSize(now)));
}

export interface WriteCost {
  table: number;
  indexes: Record<string, number>;
}

/** What one successful table write costs, table and each index, from the item before and after. */
export function writeCost(before: MarshalledItem | undefined, after: MarshalledItem | undefined, indexes = TABLE_INDEXES): WriteCost {
  const table = writeUnits(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0));
  return { table, indexes: Object.fromEntries(indexes.map((i) => [i.name, indexWriteUnits(i, before, after)])) };
}

/** Bytes an item takes in the table and in each index, with DynamoDB's 100 bytes of overhead per entry (storage billing). */
export function storedBytes(item: MarshalledItem, indexes = TABLE_INDEXES): { table: number; indexes: Record<string, number> } {
  return {
    table: itemSize(item) + 100,
    indexes: Object.fromEntries(indexes.map((i) => [i.name, inIndex(i, item) ? itemSize(projectedItem(i, item)) + 100 : 0])),
  };
}
