// The article record: what DynamoDB holds for one URL and what GET /articles/{id} returns.

export type ArticleStatus = 'queued' | 'fetching' | 'fetched' | 'processed' | 'analyzed' | 'failed';
export type Stage = 'ingest' | 'fetch' | 'process';

export interface StageFailure {
  stage: Stage;
  /** What failed, in words a user can act on. */
  reason: string;
  /** The named error class, e.g. FetchRefusedError. */
  code: string;
  /** Whether a retry may succeed (server down, timeout) or not (404, refused address). */
  retryable: boolean;
  at: string;
}

export interface FetchInfo {
  startedAt?: string;
  finishedAt?: string;
  attempts?: number;
  httpStatus?: number;
  finalUrl?: string;
  contentType?: string;
  charset?: string;
  /** Decoded body size in bytes. */
  bytes?: number;
  redirects?: string[];
  rawKey?: string;
}

export interface ProcessInfo {
  startedAt?: string;
  finishedAt?: string;
  attempts?: number;
  /** 'readability' normally; 'degraded' when the parser crashed and the fallback extractor ran. */
  extractor?: 'readability' | 'degraded';
  /** Set only when the text was too large to keep in the record. */
  textKey?: string;
  durationMs?: number;
}

/**
 * What a page says about itself, as the extractor finds it: null where the page does not say.
 * Declared once; the record, the extractor's result and the stored fields are built from it.
 */
export interface ArticleMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601 UTC, e.g. 2024-03-05T10:15:00.000Z. */
  publishedTime: string | null;
  /** BCP-47 primary language subtag, lower case: `en`, `ru`. */
  lang: string | null;
  excerpt: string | null;
}

export const ARTICLE_METADATA_FIELDS = ['title', 'byline', 'siteName', 'publishedTime', 'lang', 'excerpt'] as const satisfies readonly (keyof ArticleMetadata)[];

/** The metadata as stored on the record: an attribute the page does not give is absent, not null. */
export type StoredArticleMetadata = { [K in keyof ArticleMetadata]?: string };

export function storedMetadata(metadata: ArticleMetadata): StoredArticleMetadata {
  const stored: StoredArticleMetadata = {};
  for (const k of ARTICLE_METADATA_FIELDS) if (metadata[k] !== null) stored[k] = metadata[k];
  return stored;
}

export interface ArticleRecord extends StoredArticleMetadata {
  id: string;
  /** The URL as submitted. */
  url: string;
  canonicalUrl: string;
  finalUrl?: string;
  /** The feed subscription that found it; the first feed wins when several list the same URL. */
  feedId?: string;
  status: ArticleStatus;
  /** UTC day (YYYY-MM-DD) the article belongs to: the day it was first fetched (ingest day until then). */
  day: string;
  createdAt: string;
  updatedAt: string;
  stages: { ingest: { at: string }; fetch?: FetchInfo; process?: ProcessInfo };
  error?: StageFailure;
  wordCount?: number;
  /** Clean text: inline in the record; in S3 (stages.process.textKey) when too large for an item. */
  text?: string;
  /** Filled by the analysis stage (issue 3); opaque to the platform. */
  analysis?: unknown;
}

/** What the extractor gives the process stage. */
export interface ExtractedArticle extends ArticleMetadata {
  text: string;
  paragraphs: string[];
  wordCount: number;
  extractor: 'readability' | 'degraded';
}
