// The single DynamoDB table's keys, shared by the CDK table and the local runtime so the two
// can never drift apart.

import { ARTICLE_METADATA_FIELDS } from '../article.js';

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
} as const;

/**
 * GSI for "articles of a day": gsi1pk = DAY#YYYY-MM-DD, gsi1sk = <ISO time>#<id>. It projects only
 * what GET /articles?date= returns: every write to an article is paid again in the index by the
 * projected item's size, and the text and analysis (most of the item) are read only one at a time.
 */
export const DAY_INDEX = {
  name: 'gsi1',
  partitionKey: 'gsi1pk',
  sortKey: 'gsi1sk',
  projected: [
    'id', 'url', 'canonicalUrl', 'finalUrl', 'feedId', 'status', 'day', 'createdAt', 'updatedAt', ...ARTICLE_METADATA_FIELDS,
    'wordCount', 'error', 'stageIngest', 'stageFetch', 'stageProcess',
  ],
} as const;

/**
 * Sparse GSI of the articles in flight (queued, fetching, fetched): the attributes exist only while
 * an article is in one of those states, so the index holds only them and the sweeper finds the
 * overdue ones with one Query instead of a Scan. gsi2pk = INFLIGHT, gsi2sk = <deadline ISO>#<id>.
 */
export const INFLIGHT_INDEX = {
  name: 'gsi2',
  partitionKey: 'gsi2pk',
  sortKey: 'gsi2sk',
  partition: 'INFLIGHT',
  /** What the sweeper reads besides the keys: no GetItem per overdue article. */
  projected: ['id', 'status', 'canonicalUrl', 'sweeps'],
} as const;

/** Attribute holding an epoch-seconds expiry; TTL is enabled on it in AWS (dynalite ignores TTL). */
export const TTL_ATTRIBUTE = 'expiresAt';

export const S3_PREFIXES = {
  /** Fetched HTML, gzipped, decoded to UTF-8: raw/<id>.html.gz */
  raw: 'raw/',
  /** Clean extracted text too large for the record: text/<id>.txt */
  text: 'text/',
  /** Digests too large for an item: digests/<date>.json.gz */
  digests: 'digests/',
} as const;

/** Clean texts up to this size stay in the article item (400 KB at most, shared with the analysis); larger ones go to S3. */
export const INLINE_TEXT_MAX_BYTES = 100_000;
