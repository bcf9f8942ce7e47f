// The sweeper: finds articles that overstayed their stage (a message lost, or a function that
// crashed or timed out on every delivery) and sends their message again, up to MAX_SWEEPS times,
// then marks them failed with the stage and the reason. It reads the sparse in-flight index, one
// Query for all overdue articles: no Scan, on AWS or locally. An EventBridge rule runs it every
// 15 minutes on AWS; the local runtime runs it on a timer and once at start-up.

import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from '../metrics.js';
import type { ArticleStore, Clock, FetchMessage, InFlightArticle, ProcessMessage, Queue } from '../ports.js';
import { delayTowards } from '../crawl/deferral.js';
import { MAX_SWEEPS, stageWindowMs } from './queue-settings.js';

export interface SweeperDeps {
  articles: Pick<ArticleStore, 'listInFlight' | 'extendDeadline' | 'markFailed'>;
  fetchQueue: Queue<FetchMessage>;
  processQueue: Queue<ProcessMessage>;
  clock: Clock;
  log: Logger;
  metrics: PipelineMetrics;
}

export interface SweepResult {
  overdue: number;
  resent: number;
  failed: number;
  /** Left for the next sweep: the store or a queue failed for them. */
  errors: number;
}

const stageOf = (a: InFlightArticle) => (a.status === 'fetched' ? 'process' : 'fetch');

export async function sweepOverdue(deps: SweeperDeps): Promise<SweepResult> {
  const now = deps.clock.now().toISOString();
  const overdue = await deps.articles.listInFlight(now);
  const result: SweepResult = { overdue: overdue.length, resent: 0, failed: 0, errors: 0 };
  for (const article of overdue) {
    const stage = stageOf(article);
    try {
      if (article.sweeps >= MAX_SWEEPS) {
        const failed = await deps.articles.markFailed(article.id, {
          stage, code: 'StuckError', retryable: true, at: now,
          reason: `no progress while ${article.status} after ${article.sweeps + 1} deadlines; submit the URL again to retry`,
        });
        if (failed) {
          result.failed++;
          deps.metrics.count('ArticlesFailed', 1, { stage, reason: 'StuckError' });
        }
        continue;
      }
      // Claim first: of two sweepers (or a sweep and a late delivery), only one resends.
      if (!(await deps.articles.extendDeadline(article, now))) continue;
      if (stage === 'fetch') await deps.fetchQueue.send([{ articleId: article.id, url: article.canonicalUrl }]);
      else await deps.processQueue.send([{ articleId: article.id }]);
      result.resent++;
      deps.metrics.count('ArticlesSwept', 1, { stage });
    } catch (err) {
      // The deadline may already be extended with no message sent: the next sweep finds it again.
      result.errors++;
      deps.log.error('sweep of an article failed', { articleId: article.id, stage, error: describeError(err).reason });
    }
  }
  if (overdue.length) deps.log.info('swept', { ...result });
  return result;
}

/**
 * After a restart of the local runtime: its queues lived in memory, so every article in flight
 * gets its message again, overdue or not. (SQS keeps messages across a Lambda's crash; AWS needs
 * only the overdue sweep.) A fetch put off at a site's request (its deadline is further out than
 * a fetch's window) comes back at the end of its wait, not at once.
 */
export async function resendInFlight(
  inFlight: InFlightArticle[],
  deps: Pick<SweeperDeps, 'fetchQueue' | 'processQueue' | 'clock'>,
): Promise<number> {
  const nowMs = deps.clock.now().getTime();
  const toFetch = inFlight.filter((a) => stageOf(a) === 'fetch');
  const waitUntil = (a: InFlightArticle) => Date.parse(a.deadline) - stageWindowMs('fetch');
  await deps.fetchQueue.send(toFetch.filter((a) => !(waitUntil(a) > nowMs)).map((a) => ({ articleId: a.id, url: a.canonicalUrl })));
  for (const a of toFetch.filter((x) => waitUntil(x) > nowMs)) {
    const notBefore = new Date(waitUntil(a)).toISOString();
    await deps.fetchQueue.send([{ articleId: a.id, url: a.canonicalUrl, notBefore }], { delaySeconds: delayTowards(waitUntil(a), nowMs) });
  }
  await deps.processQueue.send(inFlight.filter((a) => stageOf(a) === 'process').map((a) => ({ articleId: a.id })));
  return inFlight.length;
}
