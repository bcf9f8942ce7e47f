// Process stage: read the stored HTML, extract the article with Readability, then hand the text
// to the analyser (issue 3) when one is wired in. The clean text and fields go to the record.

import { gunzipSync } from 'node:zlib';
import { storedMetadata, type ArticleRecord, type ExtractedArticle, type StageFailure } from '../article.js';
import { describeError, ExtractionError, NotFoundError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ArticleStore, BlobStore, Clock } from '../ports.js';
import type { ProcessMessage } from '../ports.js';
import { INLINE_TEXT_MAX_BYTES, S3_PREFIXES } from '../store/table-schema.js';
import type { SkippedSentence } from '../analysis/guard.js';
import { rawKeyFor } from './fetch-stage.js';

/** The seam for the analysis stage: given the extracted article, returns the analysis to store. */
export type Analyser = (article: ExtractedArticle, record: ArticleRecord) => unknown;

export interface ProcessStageDeps {
  articles: ArticleStore;
  blobs: BlobStore;
  clock: Clock;
  extract: (html: string, url: string) => ExtractedArticle;
  analyse?: Analyser;
  /**
   * Stores the analysed article's contribution to its day. Runs before the record is marked
   * done, so a failure retries the stage; storing it again replaces it (counted once).
   */
  addToDay?: (record: ArticleRecord, analysis: unknown, text: string) => Promise<void>;
}

export const textKeyFor = (id: string) => `${S3_PREFIXES.text}${id}.txt`;

/** The sentences an analysis says it skipped (analyses that do not say: none). */
function skippedSentences(analysis: unknown): SkippedSentence[] {
  const skipped = (analysis as { skipped?: unknown } | undefined)?.skipped;
  return Array.isArray(skipped) ? (skipped as SkippedSentence[]) : [];
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The most text one article's analysis reads: about 1,500 sentences, about a second of analysis
 * (npm run bench). Longer texts (a whole report, a live blog) are analysed up to there, so one page
 * cannot take the batch's time (PROCESS_CONSUMER.perMessageMs); the text is kept whole.
 */
export const MAX_ANALYSED_CHARS = 200_000;

function boundedForAnalysis(article: ExtractedArticle, log: Logger): ExtractedArticle {
  if (article.text.length <= MAX_ANALYSED_CHARS) return article;
  // Cut at the last paragraph break before the bound, so no sentence is cut in two.
  const cut = article.text.lastIndexOf('\n', MAX_ANALYSED_CHARS);
  const text = article.text.slice(0, cut > 0 ? cut : MAX_ANALYSED_CHARS);
  log.warn('text longer than the analysis reads; analysing its start', { chars: article.text.length, analysed: text.length });
  let kept = 0;
  const paragraphs = article.paragraphs.filter((p) => (kept += p.length + 1) <= text.length + 1);
  return { ...article, text, paragraphs };
}

export async function processArticle(msg: ProcessMessage, deps: ProcessStageDeps, log: Logger): Promise<void> {
  const record = await deps.articles.get(msg.articleId);
  if (!record) throw new NotFoundError(`article ${msg.articleId} does not exist; it was never ingested`);
  if (record.status === 'processed' || record.status === 'analyzed') {
    log.info('already processed; redelivery ignored');
    return;
  }
  const rawKey = record.stages.fetch?.rawKey ?? rawKeyFor(record.id);
  const stored = await deps.blobs.get(rawKey);
  if (!stored) throw new NotFoundError(`the fetched page is missing from storage (${rawKey}); ingest the URL again`);
  const html = (stored[0] === GZIP_MAGIC[0] && stored[1] === GZIP_MAGIC[1] ? gunzipSync(stored) : stored).toString('utf8');

  const startedAt = deps.clock.now();
  const extracted = deps.extract(html, record.finalUrl ?? record.canonicalUrl);
  if (!extracted.text.trim()) throw new ExtractionError('no article text found on the page');
  // A crash in the analyser must not cost the extracted article: keep it as processed and say why
  // it was not analysed.
  let analysis: unknown;
  let analysisFailure: StageFailure | undefined;
  try {
    analysis = deps.analyse?.(boundedForAnalysis(extracted, log), record);
  } catch (err) {
    const { code, reason } = describeError(err);
    analysisFailure = { stage: 'process', code, reason: `analysis failed: ${reason}`, retryable: false, at: deps.clock.now().toISOString() };
    log.error('analysis failed; keeping the extracted article', { code, reason });
  }
  for (const skip of skippedSentences(analysis)) {
    log.warn('analysis skipped a sentence a rule failed on', { sentence: skip.sentence, analysisStage: skip.stage, reason: skip.error });
  }

  if (analysis !== undefined && deps.addToDay) {
    await deps.addToDay({
      ...record,
      title: extracted.title ?? undefined,
      siteName: extracted.siteName ?? undefined,
      publishedTime: extracted.publishedTime ?? undefined,
      excerpt: extracted.excerpt ?? undefined,
    }, analysis, extracted.text);
  }

  // The record is the system of record for the text; only a text too large for a DynamoDB item
  // (400 KB, shared with the analysis) goes to S3 instead. Most articles thus cost no S3 write.
  const inline = Buffer.byteLength(extracted.text) <= INLINE_TEXT_MAX_BYTES;
  const textKey = inline ? undefined : textKeyFor(record.id);
  if (textKey) await deps.blobs.put(textKey, extracted.text, 'text/plain; charset=utf-8');
  const finished = deps.clock.now();
  const marked = await deps.articles.markProcessed(record.id, {
    status: analysis === undefined ? 'processed' : 'analyzed',
    ...storedMetadata(extracted),
    wordCount: extracted.wordCount,
    text: inline ? extracted.text : undefined,
    analysis,
    error: analysisFailure,
    process: {
      startedAt: startedAt.toISOString(),
      finishedAt: finished.toISOString(),
      extractor: extracted.extractor,
      textKey,
      durationMs: finished.getTime() - startedAt.getTime(),
    },
  }, finished.toISOString());
  if (!marked) {
    log.info('processed by another delivery meanwhile; acknowledged');
    return;
  }
  log.info('processed', { words: extracted.wordCount, extractor: extracted.extractor });
}
