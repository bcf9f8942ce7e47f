// The read side of the API: GET /articles/{id} and GET /articles?date=YYYY-MM-DD[&feed=ID].

import type { ArticleRecord } from '../article.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { ArticlePage, ArticleStore, BlobStore } from '../ports.js';
import { isValidDay } from '../url.js';

export interface ReadDeps {
  articles: ArticleStore;
  blobs: BlobStore;
}

export const MAX_PAGE_SIZE = 100;
const ID_RE = /^[0-9a-f]{16}$/;

export async function getArticle(id: string | undefined, deps: ReadDeps): Promise<ArticleRecord> {
  if (!id || !ID_RE.test(id)) throw new BadRequestError('article id must be 16 lower-case hex characters, as POST /ingest returned it');
  const record = await deps.articles.get(id);
  if (!record) throw new NotFoundError(`no article with id ${id}`);
  const textKey = record.stages.process?.textKey;
  if (record.text === undefined && textKey && (record.status === 'processed' || record.status === 'analyzed')) {
    // Long texts live only in S3 (a DynamoDB item stops at 400 KB).
    record.text = (await deps.blobs.get(textKey))?.toString('utf8');
  }
  return record;
}

export async function listArticles(query: Record<string, string | undefined> | null, deps: ReadDeps): Promise<ArticlePage & { date: string; feed?: string }> {
  const date = query?.date;
  if (!date) throw new BadRequestError('query parameter "date" is required, as YYYY-MM-DD (UTC)');
  if (!isValidDay(date)) throw new BadRequestError(`"${date}" is not a calendar date written YYYY-MM-DD`);
  let limit = 50;
  if (query?.limit !== undefined) {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new BadRequestError(`"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    }
  }
  const feedId = query?.feed;
  if (feedId !== undefined && !ID_RE.test(feedId)) throw new BadRequestError('"feed" must be a feed id: 16 lower-case hex characters, as POST /feeds returned it');
  const page = await deps.articles.listByDay(date, { limit, cursor: query?.cursor, ...(feedId ? { feedId } : {}) });
  return { date, ...(feedId ? { feed: feedId } : {}), ...page };
}
