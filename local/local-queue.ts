// An in-process queue with the semantics the pipeline relies on from SQS and Lambda's SQS event
// source (with ReportBatchItemFailures): batches of up to `batchSize`, partial batch failures,
// retries after a delay, a visibility timeout for handlers that hang, and redrive to a
// dead-letter queue after `maxReceiveCount` receives. The handlers get real `SQSEvent`s, so the
// code that runs in Lambda runs here unchanged.
//
// Messages live in memory: after a restart the local runtime re-queues the articles in flight from
// the store's in-flight index (shared/pipeline/sweeper.ts resendInFlight). Dead letters are the exception: they are appended to a
// JSON-lines file so a failure is never lost.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { NewsdigestError } from '../shared/errors.js';
import { createLogger, type Logger } from '../shared/log.js';
import { MAX_DELAY_SECONDS, type Queue, type SendOptions } from '../shared/ports.js';

/** SQS's classic per-message limit; Lambda event payloads are sized around it. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const LOCAL_REGION = 'local';
const LOCAL_ACCOUNT = '000000000000';

export type SqsBatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/** A body that serialises to more than MAX_MESSAGE_BYTES, or not at all. */
export class InvalidMessageError extends NewsdigestError {
  readonly retryable = false;
}

// ---------------------------------------------------------------------------------------------
// Dead-letter queue

export interface DeadLetter<T = unknown> {
  /** The message body, parsed back from its JSON form. */
  body: T;
  reason: string;
  /** Receives before the move; 0 when a handler dead-lettered the message directly. */
  receiveCount: number;
  /** ISO time. */
  movedAt: string;
  sourceQueue: string;
  messageId: string;
}

export interface LocalDeadLetterQueueOptions<T = unknown> {
  /** For logs; each letter also records its source queue. */
  name?: string;
  /** JSON-lines file the letters are appended to and reloaded from; in memory only when absent. */
  file?: string;
  logger?: Logger;
  /** The DLQ's consumer (on AWS a Lambda on the DLQ): called with each new letter once it is on disk. */
  onLetter?: (letter: DeadLetter<T>) => Promise<void>;
}

export class LocalDeadLetterQueue<T = unknown> {
  readonly name: string;
  private readonly file: string | undefined;
  private readonly letters: DeadLetter<T>[] = [];
  private writes: Promise<void> = Promise.resolve();
  private writeError: unknown;
  private readonly log: Logger;
  private readonly onLetter: LocalDeadLetterQueueOptions<T>['onLetter'];

  constructor(options: LocalDeadLetterQueueOptions<T> = {}) {
    this.onLetter = options.onLetter;
    this.name = options.name ?? 'dead-letters';
    this.file = options.file;
    this.log = options.logger ?? createLogger({ component: 'local-dlq', dlq: this.name });
    if (this.file) this.letters.push(...this.load(this.file));
  }

  /** Every letter, oldest first, including those reloaded from the file. */
  list(): DeadLetter<T>[] {
    return [...this.letters];
  }

  get size(): number {
    return this.letters.length;
  }

  /** Records a letter; it is listed at once and written to the file in order. */
  add(letter: DeadLetter<T>): Promise<void> {
    this.letters.push(letter);
    this.log.warn('dead-lettered', {
      sourceQueue: letter.sourceQueue,
      messageId: letter.messageId,
      receiveCount: letter.receiveCount,
      reason: letter.reason,
    });
    const file = this.file;
    if (!file) return this.consume(letter);
    const line = JSON.stringify(letter) + '\n';
    this.writes = this.writes.then(async () => {
      try {
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, line, 'utf8');
      } catch (err: unknown) {
        this.writeError ??= err;
        this.log.error('could not persist dead letter', { file, messageId: letter.messageId, error: String(err) });
      }
    });
    return this.flush().then(() => this.consume(letter));
  }

  private async consume(letter: DeadLetter<T>): Promise<void> {
    if (!this.onLetter) return;
    try {
      await this.onLetter(letter);
    } catch (err: unknown) {
      // Kept in the file; the sweeper still finds the article by its deadline.
      this.log.error('dead-letter consumer failed', { messageId: letter.messageId, error: String(err) });
    }
  }

  /** Resolves once every letter added so far is on disk; rejects if a write failed. */
  async flush(): Promise<void> {
    await this.writes;
    if (this.writeError !== undefined) {
      throw new Error(`Could not write the dead-letter file ${this.file}: ${String(this.writeError)}`, { cause: this.writeError });
    }
  }

  private load(file: string): DeadLetter<T>[] {
    if (!existsSync(file)) return [];
    const out: DeadLetter<T>[] = [];
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        out.push(JSON.parse(line) as DeadLetter<T>);
      } catch {
        // A line cut short by a crash mid-append; the rest of the file is still good.
        this.log.warn('skipping unreadable dead-letter line', { file, line: i + 1 });
      }
    });
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Queue

export interface LocalQueueOptions<T> {
  name: string;
  /** Records per handler invocation (Lambda's BatchSize). */
  batchSize?: number;
  /** Receives after which a failing message moves to the dead-letter queue (the redrive policy). */
  maxReceiveCount?: number;
  /** How long a batch may run before its messages become visible again. */
  visibilityTimeoutMs?: number;
  /**
   * How long a failed message stays invisible before its first retry; each later retry waits twice
   * as long, up to the visibility timeout. On SQS a failed message waits out the whole visibility
   * timeout (30 to 90 s here), so its receives span minutes; locally retries come sooner, and the
   * doubling still lets them outlast a dependency that is down for a few seconds.
   */
  retryDelayMs?: number;
  /** Batches in flight at once (Lambda's maximum concurrency for the event source). */
  concurrency?: number;
  deadLetter: LocalDeadLetterQueue<T>;
  handler?: SqsBatchHandler;
  logger?: Logger;
}

export interface LocalQueueStats {
  /** Messages waiting to be received. */
  visible: number;
  /** Messages in batches a handler is working on. */
  inFlight: number;
  /** Failed messages waiting out their retry delay, and messages sent with a delay. */
  delayed: number;
  /** Messages this queue moved to its dead-letter queue (by redrive or deadLetter()). */
  deadLettered: number;
  /** Deliveries to the handler (a message retried twice counts three times). */
  delivered: number;
  /** Messages deleted after their handler succeeded. */
  succeeded: number;
  /** Failed deliveries (reported, thrown, or timed out). */
  failed: number;
}

/**
 * The SQS API calls this queue stands in for, as the cost meter bills them: SendMessageBatch calls
 * of up to 10 messages (what the SqsQueue adapter makes), and per delivered batch the event source
 * mapping's ReceiveMessage and, when any message succeeded, its DeleteMessageBatch.
 */
export interface LocalQueueRequests {
  sendBatchCalls: number;
  /** SQS bills each 64 KB of a call's payload as one request. */
  sendBatchBilledRequests: number;
  sentBytes: number;
  receiveCalls: number;
  deleteBatchCalls: number;
}

/** As in shared/adapters/sqs-queue.ts: SendMessageBatch takes at most 10 entries. */
const SQS_BATCH_MAX = 10;
const SQS_BILLING_CHUNK_BYTES = 64 * 1024;

interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentTimestamp: number;
  firstReceiveTimestamp: number | undefined;
  receiveCount: number;
  /** Epoch ms at which a delayed message becomes visible. */
  visibleAt: number;
}

interface Batch {
  messages: StoredMessage[];
  /** Set when the visibility timeout fired first: the handler's eventual result is ignored. */
  expired: boolean;
  timer: NodeJS.Timeout;
  settled: Promise<void>;
}

type Outcome = { ok: true; response: unknown } | { ok: false; error: unknown };

export class LocalQueue<T> implements Queue<T> {
  readonly name: string;
  readonly arn: string;
  private readonly batchSize: number;
  private readonly maxReceiveCount: number;
  private readonly visibilityTimeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly concurrency: number;
  private readonly dlq: LocalDeadLetterQueue<T>;
  private handler: SqsBatchHandler | undefined;
  private readonly log: Logger;

  private readonly visible: StoredMessage[] = [];
  /** Sorted by visibleAt. */
  private readonly delayed: StoredMessage[] = [];
  private readonly batches = new Set<Batch>();
  private running = false;
  private pumpScheduled = false;
  private delayTimer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];
  private readonly counters = { deadLettered: 0, delivered: 0, succeeded: 0, failed: 0 };
  private readonly apiCalls: LocalQueueRequests = { sendBatchCalls: 0, sendBatchBilledRequests: 0, sentBytes: 0, receiveCalls: 0, deleteBatchCalls: 0 };

  constructor(options: LocalQueueOptions<T>) {
    this.name = options.name;
    this.arn = `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${options.name}`;
    this.batchSize = positive(options.batchSize ?? 10, 'batchSize');
    this.maxReceiveCount = positive(options.maxReceiveCount ?? 3, 'maxReceiveCount');
    this.visibilityTimeoutMs = positive(options.visibilityTimeoutMs ?? 30_000, 'visibilityTimeoutMs');
    this.retryDelayMs = nonNegative(options.retryDelayMs ?? 1000, 'retryDelayMs');
    this.concurrency = positive(options.concurrency ?? 2, 'concurrency');
    this.dlq = options.deadLetter;
    this.handler = options.handler;
    this.log = options.logger ?? createLogger({ component: 'local-queue', queue: options.name });
  }

  /** As SQS: `delaySeconds` (at most 900) keeps the messages invisible that long; fractions are kept, for tests. */
  async send(bodies: T[], options: SendOptions = {}): Promise<void> {
    // Serialise and check every body before enqueueing any, so a bad batch is all-or-nothing.
    const serialised = bodies.map((body, i) => serialise(body, `message ${i} for queue ${this.name}`));
    const delaySeconds = options.delaySeconds ?? 0;
    if (!(delaySeconds >= 0 && delaySeconds <= MAX_DELAY_SECONDS)) {
      throw new RangeError(`delaySeconds must be between 0 and ${MAX_DELAY_SECONDS}, as SQS requires; got ${delaySeconds}`);
    }
    this.countSendCalls(serialised);
    const now = Date.now();
    const visibleAt = now + delaySeconds * 1000;
    for (const body of serialised) {
      const message: StoredMessage = {
        messageId: randomUUID(),
        body,
        md5OfBody: createHash('md5').update(body).digest('hex'),
        sentTimestamp: now,
        firstReceiveTimestamp: undefined,
        receiveCount: 0,
        visibleAt,
      };
      if (visibleAt > now) this.delay(message);
      else this.visible.push(message);
    }
    if (serialised.length > 0) this.schedulePump();
  }

  async deadLetter(body: T, reason: string): Promise<void> {
    const serialised = serialise(body, `dead letter for queue ${this.name}`);
    this.counters.deadLettered++;
    await this.dlq.add({
      body: JSON.parse(serialised) as T,
      reason,
      receiveCount: 0,
      movedAt: new Date().toISOString(),
      sourceQueue: this.name,
      messageId: randomUUID(),
    });
  }

  /** Starts polling. The handler may be given here or in the constructor. */
  start(handler?: SqsBatchHandler): void {
    if (handler) this.handler = handler;
    if (!this.handler) throw new Error(`Queue ${this.name} has no handler: pass one to the constructor or to start()`);
    this.running = true;
    this.armDelayTimer();
    this.schedulePump();
  }

  /**
   * Stops polling; queued messages stay queued for a later start(). With `drain`, waits for the
   * batches in flight (not for ones whose visibility timeout already expired).
   */
  async stop(options: { drain?: boolean } = {}): Promise<void> {
    this.running = false;
    if (this.delayTimer) {
      clearTimeout(this.delayTimer);
      this.delayTimer = undefined;
    }
    if (options.drain) await Promise.all([...this.batches].map((b) => b.settled));
    await this.dlq.flush();
  }

  /**
   * Resolves when nothing is visible, delayed or in flight (and dead letters are on disk). A
   * stopped queue that still holds messages never becomes idle.
   */
  async idle(): Promise<void> {
    if (!this.isIdle()) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.dlq.flush();
  }

  stats(): LocalQueueStats {
    this.promoteDue(Date.now());
    let inFlight = 0;
    for (const batch of this.batches) inFlight += batch.messages.length;
    return { visible: this.visible.length, inFlight, delayed: this.delayed.length, ...this.counters };
  }

  /** The SQS calls made so far (see LocalQueueRequests). */
  requests(): LocalQueueRequests {
    return { ...this.apiCalls };
  }

  // -------------------------------------------------------------------------------------------

  private countSendCalls(serialised: string[]): void {
    for (let i = 0; i < serialised.length; i += SQS_BATCH_MAX) {
      const bytes = serialised.slice(i, i + SQS_BATCH_MAX).reduce((sum, body) => sum + Buffer.byteLength(body, 'utf8'), 0);
      this.apiCalls.sendBatchCalls++;
      this.apiCalls.sendBatchBilledRequests += Math.max(1, Math.ceil(bytes / SQS_BILLING_CHUNK_BYTES));
      this.apiCalls.sentBytes += bytes;
    }
  }

  private isIdle(): boolean {
    return this.visible.length === 0 && this.delayed.length === 0 && this.batches.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Coalesces wake-ups: sends in the same tick end up in the same batch. */
  private schedulePump(): void {
    if (this.pumpScheduled || !this.running) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (!this.running || !this.handler) return;
    this.promoteDue(Date.now());
    while (this.batches.size < this.concurrency && this.visible.length > 0) {
      this.dispatch(this.handler, this.visible.splice(0, this.batchSize));
    }
  }

  private dispatch(handler: SqsBatchHandler, messages: StoredMessage[]): void {
    const now = Date.now();
    for (const m of messages) {
      m.receiveCount++;
      m.firstReceiveTimestamp ??= now;
    }
    this.counters.delivered += messages.length;
    this.apiCalls.receiveCalls++;
    const event: SQSEvent = { Records: messages.map((m) => this.toRecord(m)) };

    const batch: Batch = {
      messages,
      expired: false,
      timer: setTimeout(() => this.expire(batch), this.visibilityTimeoutMs),
      settled: Promise.resolve(),
    };
    this.batches.add(batch);
    // new Promise(...) turns a synchronous throw in the handler into a rejection.
    batch.settled = new Promise<SQSBatchResponse | void>((resolve) => resolve(handler(event))).then(
      (response) => this.settle(batch, { ok: true, response }),
      (error: unknown) => this.settle(batch, { ok: false, error }),
    );
  }

  private toRecord(m: StoredMessage): SQSRecord {
    return {
      messageId: m.messageId,
      // A fresh handle per receive, as SQS issues.
      receiptHandle: randomBytes(24).toString('base64') + '/' + m.messageId,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentTimestamp),
        SenderId: LOCAL_ACCOUNT,
        ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
      },
      messageAttributes: {},
      md5OfBody: m.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: LOCAL_REGION,
    };
  }

  private settle(batch: Batch, outcome: Outcome): void {
    if (batch.expired) {
      this.log.warn('ignoring result of a batch whose visibility timeout expired', {
        messageIds: batch.messages.map((m) => m.messageId),
      });
      return;
    }
    clearTimeout(batch.timer);
    this.batches.delete(batch);

    const verdict = this.judge(batch.messages, outcome);
    if (verdict.failed.size < batch.messages.length) this.apiCalls.deleteBatchCalls++;
    // One retry time for the whole batch, so its failed messages come back together as SQS
    // redelivers them (per-message Date.now() could split them over two milliseconds and batches).
    const receives = Math.max(...batch.messages.map((m) => m.receiveCount));
    const retryAt = Date.now() + Math.min(this.retryDelayMs * 2 ** (receives - 1), this.visibilityTimeoutMs);
    for (const m of batch.messages) {
      const reason = verdict.failed.get(m.messageId);
      if (reason === undefined) this.counters.succeeded++;
      else this.fail(m, reason, retryAt);
    }
    this.schedulePump();
    this.notifyIfIdle();
  }

  /** Applies Lambda's rules for a ReportBatchItemFailures response; returns failed ids with reasons. */
  private judge(messages: StoredMessage[], outcome: Outcome): { failed: Map<string, string> } {
    const all = (reason: string) => ({ failed: new Map(messages.map((m) => [m.messageId, reason])) });
    if (!outcome.ok) {
      const reason = outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error);
      this.log.warn('handler failed the whole batch', { size: messages.length, reason });
      return all(reason);
    }
    const response = outcome.response;
    // Nothing, or an object without batchItemFailures, means every message succeeded.
    if (response === undefined || response === null || typeof response !== 'object' || !('batchItemFailures' in response)) {
      return { failed: new Map() };
    }
    const failures = (response as { batchItemFailures: unknown }).batchItemFailures;
    if (failures === null || failures === undefined) return { failed: new Map() };
    if (!Array.isArray(failures)) return all('invalid response: batchItemFailures is not an array');

    const ids = new Set(messages.map((m) => m.messageId));
    const failed = new Map<string, string>();
    for (const item of failures as unknown[]) {
      const id = typeof item === 'object' && item !== null ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
      // Lambda treats an empty or unknown identifier as a malformed response and retries everything.
      if (typeof id !== 'string' || !ids.has(id)) {
        return all(`invalid response: batchItemFailures names ${JSON.stringify(id)}, which is not in the batch`);
      }
      failed.set(id, 'reported in batchItemFailures');
    }
    return { failed };
  }

  private expire(batch: Batch): void {
    if (!this.batches.has(batch)) return;
    batch.expired = true;
    this.batches.delete(batch);
    this.log.warn('visibility timeout expired; messages are visible again', {
      visibilityTimeoutMs: this.visibilityTimeoutMs,
      messageIds: batch.messages.map((m) => m.messageId),
    });
    const reason = `visibility timeout of ${this.visibilityTimeoutMs} ms expired before the handler finished`;
    // The timeout itself was the wait: the messages are visible again at once, as in SQS.
    for (const m of batch.messages) this.fail(m, reason, undefined);
    this.schedulePump();
    this.notifyIfIdle();
  }

  /** Counts a failed delivery: dead-letters the message, or makes it visible again at `retryAt` (now when undefined). */
  private fail(m: StoredMessage, reason: string, retryAt: number | undefined): void {
    this.counters.failed++;
    if (m.receiveCount >= this.maxReceiveCount) {
      this.counters.deadLettered++;
      void this.dlq.add({
        body: JSON.parse(m.body) as T,
        reason,
        receiveCount: m.receiveCount,
        movedAt: new Date().toISOString(),
        sourceQueue: this.name,
        messageId: m.messageId,
      }).catch(() => {
        // Already logged by the DLQ; flush() (awaited by idle() and stop()) reports it.
      });
      return;
    }
    if (retryAt === undefined || retryAt <= Date.now()) {
      this.visible.push(m);
      return;
    }
    m.visibleAt = retryAt;
    this.delay(m);
  }

  /** Files a message under its visibleAt and makes sure the timer wakes for the earliest. */
  private delay(m: StoredMessage): void {
    const at = sortedIndex(this.delayed, m.visibleAt);
    this.delayed.splice(at, 0, m);
    if (at === 0 && this.delayTimer) {
      clearTimeout(this.delayTimer);
      this.delayTimer = undefined;
    }
    this.armDelayTimer();
  }

  /** Moves delayed messages whose time has come to the visible list. */
  private promoteDue(now: number): void {
    let n = 0;
    while (n < this.delayed.length && this.delayed[n].visibleAt <= now) n++;
    if (n > 0) this.visible.push(...this.delayed.splice(0, n));
  }

  private armDelayTimer(): void {
    if (!this.running || this.delayTimer || this.delayed.length === 0) return;
    const wait = Math.max(0, this.delayed[0].visibleAt - Date.now());
    this.delayTimer = setTimeout(() => {
      this.delayTimer = undefined;
      this.pump();
      this.armDelayTimer();
    }, wait);
  }
}

function serialise(body: unknown, what: string): string {
  const text = JSON.stringify(body);
  if (text === undefined) throw new InvalidMessageError(`The ${what} does not serialise to JSON`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) {
    throw new InvalidMessageError(
      `The ${what} is ${bytes} bytes, over the ${MAX_MESSAGE_BYTES}-byte SQS limit; send a reference (an S3 key or an id) instead`,
    );
  }
  return text;
}

/** First index whose visibleAt is greater than `at` (stable: equal times keep send order). */
function sortedIndex(list: StoredMessage[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].visibleAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function positive(n: number, name: string): number {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${name} must be a positive number, got ${n}`);
  return n;
}

function nonNegative(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be zero or more, got ${n}`);
  return n;
}
