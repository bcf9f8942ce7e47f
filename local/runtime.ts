// The whole pipeline in one process: embedded dynalite and s3rver, in-process queues with SQS
// semantics, and an HTTP server that turns requests into API Gateway events for the same
// handler modules that run in Lambda.

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createApiHandler } from '../functions/api/handler.js';
import { createFetchHandler } from '../functions/fetch/handler.js';
import { createIngestHandler } from '../functions/ingest/handler.js';
import { createProcessHandler } from '../functions/process/handler.js';
import { createDigestApiHandler, createScheduledDigestHandler } from '../functions/digest/handler.js';
import { createFeedPollerHandler } from '../functions/feed-poller/handler.js';
import { createFeedsHandler } from '../functions/feeds/handler.js';
import { DynamoArticleStore } from '../shared/adapters/dynamo-article-store.js';
import { loadConfig } from '../shared/config.js';
import { DAILY_DIGEST_EVENT, msUntilNextRun } from '../shared/digest/schedule.js';
import { LOCAL_FEED_POLL_MS } from '../shared/feeds/schedule.js';
import type { PollRound } from '../shared/feeds/service.js';
import { API_ROUTE_TABLE, type ApiFunction } from '../shared/http/routes.js';
import { createLogger, type Logger } from '../shared/log.js';
import { MemoryMetrics } from '../shared/metrics.js';
import type { Analyser } from '../shared/pipeline/process-stage.js';
import { FETCH_CONSUMER, MAX_RECEIVE_COUNT, PROCESS_CONSUMER } from '../shared/pipeline/queue-settings.js';
import type { FetchMessage, PageFetcher, ProcessMessage } from '../shared/ports.js';
import { processEngine } from '../shared/runtime/process-engine.js';
import type { FunctionName } from '../shared/runtime/powertools-settings.js';
import { settleDeadLetter } from '../shared/pipeline/dead-letters.js';
import { resendInFlight, sweepOverdue } from '../shared/pipeline/sweeper.js';
import { apiDeps, deadLetterDeps, digestDeps, feedsDeps, fetchDeps, ingestDeps, LINK_SECRET_MAX_AGE_S, processDeps, sweeperDeps, type Platform } from '../shared/runtime/wiring.js';
import { startEmbeddedAws, type EmbeddedAws } from './embedded-aws.js';
import { startHttpApi } from './http-api.js';
import { LocalDeadLetterQueue, LocalQueue, type LocalQueueRequests, type LocalQueueStats } from './local-queue.js';
import { assertPrivateFile, preparePrivateDataDir } from './private-files.js';
import { SecretFileProvider } from './secret-file-provider.js';

export const LOCAL_TABLE = 'newsdigest';
export const LOCAL_BUCKET = 'newsdigest';
const DEFAULT_PORT = 3000;
/** How often the local runtime looks for articles past their stage's deadline. */
const LOCAL_SWEEP_INTERVAL_MS = 60_000;

export interface LocalPipelineOptions {
  /** Where dynalite, s3rver, the dead letters and the generated API key live. Default: NEWSDIGEST_DATA_DIR or ./.data */
  dataDir?: string;
  host?: string;
  /** HTTP port; 0 picks a free one. Default: PORT or 3000. */
  port?: number;
  /** Default: NEWSDIGEST_API_KEY, else one generated once and kept under dataDir. */
  apiKey?: string;
  /** Overrides NEWSDIGEST_ALLOW_HOSTS (hosts the fetcher may reach although private, e.g. 127.0.0.1:8080). */
  allowHosts?: string[];
  /** Overrides the fetcher (tests of failure paths). */
  fetcher?: PageFetcher;
  /** Defaults to the article analysis; null turns analysis off (status stays processed). */
  analyse?: Analyser | null;
  /** Time before a failed message is retried; SQS's default visibility is 30 s, locally we retry fast. */
  retryDelayMs?: number;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Applied to each AWS client before use, as the Lambda runtime applies the Tracer (the cost meter counts calls with it). */
  instrumentClients?: <C extends object>(client: C) => C;
  /**
   * Runs every handler invocation (API request, queue batch, schedule) as `run()`, so a caller can
   * time or serialise them (the cost meter). Without it each invocation runs as it comes.
   */
  onInvocation?: InvocationWrapper;
  /** How often the feed poller runs (the 5-minute EventBridge rule on AWS). Default 30 s; 0: only when pollFeeds() is called. */
  feedPollIntervalMs?: number;
}

/** Wraps one invocation of the named function; must call `run` once and return its result. */
export type InvocationWrapper = <R>(fn: FunctionName, run: () => Promise<R>) => Promise<R>;

export interface LocalPipeline {
  url: string;
  apiKey: string;
  dataDir: string;
  /** What the pipeline counted (the figures CloudWatch gets from a deployed stack). */
  metrics: MemoryMetrics;
  /** Resolves once both queues are empty and nothing is in flight. */
  idle(): Promise<void>;
  deadLetters(): { fetch: unknown[]; process: unknown[] };
  /** Each stage queue's counters (deliveries, successes, failures), as CloudWatch has them for SQS. */
  queueStats(): { fetch: LocalQueueStats; process: LocalQueueStats };
  /** The SQS API calls each stage queue stands in for (what SQS would bill). */
  queueRequests(): { fetch: LocalQueueRequests; process: LocalQueueRequests };
  /** Runs one round of the feed poller now (as its timer does), and says what it polled. */
  pollFeeds(): Promise<PollRound>;
  /** The embedded DynamoDB and S3 servers: stop and start them to see the pipeline ride out an outage. */
  storage: Pick<EmbeddedAws, 'stopServers' | 'startServers'>;
  stop(): Promise<void>;
}

export function resolveDataDir(opts: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return resolve(opts.dataDir ?? opts.env?.NEWSDIGEST_DATA_DIR ?? process.env.NEWSDIGEST_DATA_DIR ?? '.data');
}

/** The API key: given, from the environment, or generated once and kept so restarts keep it. */
export function resolveApiKey(dataDir: string, given?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (given) return given;
  if (env.NEWSDIGEST_API_KEY) return env.NEWSDIGEST_API_KEY;
  const file = join(dataDir, 'api-key');
  if (existsSync(file)) {
    // A key others could read may have leaked: refuse it (with the chmod that fixes it) rather than use it.
    assertPrivateFile(file);
    return readFileSync(file, 'utf8').trim();
  }
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * The keys of digest links: NEWSDIGEST_LINK_SECRET, else the file `link-secret` under dataDir
 * (generated once), read through a Parameters provider with the Lambda's TTL. `link-secret.previous`
 * beside it, when present, is the previous key, as AWSPREVIOUS is on AWS: to rotate, move
 * link-secret there and restart; the links it signed still open until they expire.
 */
export function localLinkSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Platform['linkSecrets'] {
  const fixed = env.NEWSDIGEST_LINK_SECRET;
  if (fixed) return async () => ({ current: fixed });
  const file = join(dataDir, 'link-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
  const previousFile = `${file}.previous`;
  [file, previousFile].forEach(assertPrivateFile);
  const provider = new SecretFileProvider();
  const read = async (path: string) => String(await provider.get(path, { maxAge: LINK_SECRET_MAX_AGE_S }));
  return async () => ({
    current: await read(file),
    ...(existsSync(previousFile) ? { previous: await read(previousFile) } : {}),
  });
}

export async function startLocalPipeline(opts: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  const env = opts.env ?? process.env;
  const dataDir = resolveDataDir(opts);
  // 0700 for the folder and its subfolders, umask 077 for what the servers create in it later.
  const tightened = preparePrivateDataDir(dataDir);
  const log = opts.log ?? createLogger({ runtime: 'local' });
  if (tightened.length) log.warn('took group and other permissions away from the data folder (now 0700)', { folders: tightened });
  const apiKey = resolveApiKey(dataDir, opts.apiKey, env);
  const aws = await startEmbeddedAws({ dataDir, tableName: LOCAL_TABLE, bucketName: LOCAL_BUCKET, instrument: opts.instrumentClients });
  if (aws.repairedIndexEntries) log.warn('removed index entries a crash left without their item', { count: aws.repairedIndexEntries });
  const invoke: InvocationWrapper = opts.onInvocation ?? ((_fn, run) => run());

  const config = loadConfig({
    ...env,
    TABLE_NAME: LOCAL_TABLE,
    BUCKET_NAME: LOCAL_BUCKET,
    NEWSDIGEST_ALLOW_HOSTS: (opts.allowHosts ?? (env.NEWSDIGEST_ALLOW_HOSTS ?? '').split(',')).join(','),
  });
  const metrics = new MemoryMetrics();
  const retryDelayMs = opts.retryDelayMs ?? 1000;

  // The DLQs' consumer, as on AWS: each letter's article is marked failed with the reason. Not
  // passed through onInvocation: a handler that dead-letters a message awaits this consumer, so a
  // wrapper that serialises invocations would wait on itself.
  const settle = async (letter: { body: unknown; reason: string }) => settleDeadLetter(JSON.stringify(letter.body), letter.reason, deadLetterDeps(platform));
  const fetchDlq = new LocalDeadLetterQueue<FetchMessage>({ file: join(dataDir, 'dead-letters', 'fetch.jsonl'), onLetter: settle });
  const processDlq = new LocalDeadLetterQueue<ProcessMessage>({ file: join(dataDir, 'dead-letters', 'process.jsonl'), onLetter: settle });

  // One queue per stage, configured as the CDK stack configures SQS and the event source mapping.
  const stageQueue = <T>(name: string, consumer: { batchSize: number; timeoutSeconds: number }, deadLetter: LocalDeadLetterQueue<T>,
    handler: (e: SQSEvent) => Promise<SQSBatchResponse>) => new LocalQueue<T>({
    name,
    batchSize: consumer.batchSize,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    visibilityTimeoutMs: consumer.timeoutSeconds * 1000,
    retryDelayMs,
    // Several batches in flight, so one article's S3 and DynamoDB round trips overlap another's
    // work; the CPU-bound part still runs one at a time on the event loop.
    concurrency: 4,
    deadLetter,
    handler,
  });
  const processQueue = stageQueue<ProcessMessage>('process', PROCESS_CONSUMER, processDlq, (event) => invoke('process', () => processHandler(event)));
  const fetchQueue = stageQueue<FetchMessage>('fetch', FETCH_CONSUMER, fetchDlq, (event) => invoke('fetch', () => fetchHandler(event)));

  // The one wiring, given what this machine has in place of SQS, Secrets Manager and CloudWatch.
  const platform: Platform = {
    config,
    clients: aws.clients,
    log,
    metrics,
    linkSecrets: localLinkSecret(dataDir, env),
    fetcher: opts.fetcher,
    queues: { fetch: () => fetchQueue, process: () => processQueue, fetchDeadLetter: () => fetchQueue, processDeadLetter: () => processQueue },
  };
  const processHandler = createProcessHandler(processDeps(platform, processEngine(opts.analyse)));
  const fetchHandler = createFetchHandler(fetchDeps(platform));
  const scheduledDigest = createScheduledDigestHandler(digestDeps(platform));
  const ingestHandler = createIngestHandler(ingestDeps(platform));
  const apiHandler = createApiHandler(apiDeps(platform));
  const digestApiHandler = createDigestApiHandler(digestDeps(platform));
  // One set for the feeds API and the poller: one robots.txt memory, as one process.
  const feeds = feedsDeps(platform);
  const feedsHandler = createFeedsHandler(feeds);
  const feedPoller = createFeedPollerHandler(feeds);
  const byFunction: Record<ApiFunction, (e: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>> = {
    ingest: (e) => invoke('ingest', () => ingestHandler(e)),
    api: (e) => invoke('api', () => apiHandler(e)),
    digest: (e) => invoke('digest', () => digestApiHandler(e)),
    feeds: (e) => invoke('feeds', () => feedsHandler(e)),
  };
  const sweeper = sweeperDeps(platform);
  const articleStore = new DynamoArticleStore(aws.clients.dynamo, LOCAL_TABLE);

  // Messages live in memory: after a restart, every article in flight gets its message again.
  const resent = await resendInFlight(await articleStore.scanInFlight(), sweeper);
  if (resent) log.info('re-queued the articles in flight', { count: resent });
  // The local stand-in for the 15-minute EventBridge rule (more often: local runs are short).
  const sweepTimer = setInterval(() => {
    invoke('sweeper', () => sweepOverdue(sweeper)).catch((err: unknown) => log.error('sweep failed', { error: err instanceof Error ? err.message : String(err) }));
  }, LOCAL_SWEEP_INTERVAL_MS);
  sweepTimer.unref();

  fetchQueue.start();
  processQueue.start();

  // The local stand-in for the feed poller's 5-minute rule. One round at a time, as the function's
  // reserved concurrency of 1 has it on AWS: a round still running when the timer fires is joined.
  let pollRound: Promise<PollRound> | undefined;
  const pollFeeds = () => (pollRound ??= invoke('feed-poller', () => feedPoller()).finally(() => { pollRound = undefined; }));
  const feedPollMs = opts.feedPollIntervalMs ?? LOCAL_FEED_POLL_MS;
  const feedTimer = feedPollMs > 0 ? setInterval(() => {
    pollFeeds().catch((err: unknown) => log.error('feed poll round failed', { error: err instanceof Error ? err.message : String(err) }));
  }, feedPollMs) : undefined;
  feedTimer?.unref();

  const portFromEnv = env.PORT ? Number(env.PORT) : undefined;
  const http = await startHttpApi({
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? portFromEnv ?? DEFAULT_PORT,
    apiKey,
    logger: log,
    routes: API_ROUTE_TABLE.map((r) => ({ method: r.method, resource: r.resource, handler: byFunction[r.fn], public: r.public })),
  });

  // The local stand-in for the EventBridge rule: at 00:10 UTC, the previous day's digest.
  let scheduleTimer: NodeJS.Timeout | undefined;
  const scheduleNext = () => {
    scheduleTimer = setTimeout(async () => {
      try {
        await invoke('digest', () => scheduledDigest(DAILY_DIGEST_EVENT));
      } catch (err) {
        log.error('scheduled digest failed', { error: err instanceof Error ? err.message : String(err) });
      }
      scheduleNext();
    }, msUntilNextRun(new Date()));
    scheduleTimer.unref();
  };
  scheduleNext();

  return {
    url: http.url,
    apiKey,
    dataDir,
    metrics,
    async idle() {
      // A fetch batch feeds the process queue: wait until both are idle at the same moment.
      for (;;) {
        await fetchQueue.idle();
        await processQueue.idle();
        const f = fetchQueue.stats(), p = processQueue.stats();
        if (f.visible + f.inFlight + f.delayed + p.visible + p.inFlight + p.delayed === 0) return;
      }
    },
    deadLetters: () => ({ fetch: fetchDlq.list(), process: processDlq.list() }),
    queueStats: () => ({ fetch: fetchQueue.stats(), process: processQueue.stats() }),
    queueRequests: () => ({ fetch: fetchQueue.requests(), process: processQueue.requests() }),
    pollFeeds,
    storage: { stopServers: () => aws.stopServers(), startServers: () => aws.startServers() },
    async stop() {
      clearTimeout(scheduleTimer);
      clearInterval(sweepTimer);
      clearInterval(feedTimer);
      await http.close();
      // A round in progress finishes: its entries are ingested and the poll recorded.
      await pollRound?.catch(() => undefined);
      // Draining needs the storage: a stop during a simulated outage ends it first.
      await aws.startServers();
      await fetchQueue.stop({ drain: true });
      await processQueue.stop({ drain: true });
      await aws.close();
    },
  };
}
