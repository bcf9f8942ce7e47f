import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidMessageError,
  LocalDeadLetterQueue,
  LocalQueue,
  MAX_MESSAGE_BYTES,
  type LocalQueueOptions,
  type SqsBatchHandler,
} from '../../local/local-queue.js';

interface Msg {
  n: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const bodyOf = (r: SQSRecord) => JSON.parse(r.body) as Msg;
const failures = (records: SQSRecord[]): SQSBatchResponse => ({ batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const queues: LocalQueue<Msg>[] = [];
function makeQueue(handler: SqsBatchHandler, options: Partial<LocalQueueOptions<Msg>> = {}) {
  const deadLetter = options.deadLetter ?? new LocalDeadLetterQueue<Msg>({ name: 'test-dlq' });
  const queue = new LocalQueue<Msg>({ name: 'test-queue', retryDelayMs: 20, handler, ...options, deadLetter });
  queues.push(queue);
  return { queue, dlq: deadLetter };
}
const range = (n: number): Msg[] => Array.from({ length: n }, (_, i) => ({ n: i }));

afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});

describe('LocalQueue', () => {
  it('delivers batches of up to batchSize as real SQS events, and idle() resolves when all succeeded', async () => {
    const batches: SQSEvent[] = [];
    const { queue } = makeQueue(async (event) => void batches.push(event), { batchSize: 4, concurrency: 1 });
    queue.start();
    await queue.send(range(10));
    await queue.idle();

    expect(batches.map((b) => b.Records.length)).toEqual([4, 4, 2]);
    expect(batches.flatMap((b) => b.Records.map((r) => bodyOf(r).n))).toEqual(range(10).map((m) => m.n));
    const record = batches[0].Records[0];
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:test-queue',
      awsRegion: 'local',
      messageAttributes: {},
      body: '{"n":0}',
      md5OfBody: createHash('md5').update('{"n":0}').digest('hex'),
    });
    expect(record.messageId).toMatch(UUID);
    expect(record.receiptHandle).toEqual(expect.any(String));
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    expect(Number(record.attributes.SentTimestamp)).toBeLessThanOrEqual(Number(record.attributes.ApproximateFirstReceiveTimestamp));
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 0, delivered: 10, succeeded: 10, failed: 0 });
  });

  it('resolves idle() at once when empty', async () => {
    const { queue } = makeQueue(async () => undefined);
    await expect(queue.idle()).resolves.toBeUndefined();
  });

  it('keeps at most `concurrency` batches in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const { queue } = makeQueue(
      async () => {
        peak = Math.max(peak, ++inFlight);
        await sleep(15);
        inFlight--;
      },
      { batchSize: 1, concurrency: 3 },
    );
    queue.start();
    await queue.send(range(9));
    await queue.idle();
    expect(peak).toBe(3);
  });

  it('retries only the items reported in batchItemFailures, after retryDelayMs, with a higher receive count', async () => {
    const seen: Array<{ n: number; count: string; at: number }> = [];
    const { queue } = makeQueue(
      async (event) => {
        const now = Date.now();
        for (const r of event.Records) seen.push({ n: bodyOf(r).n, count: r.attributes.ApproximateReceiveCount, at: now });
        return failures(event.Records.filter((r) => bodyOf(r).n === 2 && r.attributes.ApproximateReceiveCount === '1'));
      },
      { retryDelayMs: 60 },
    );
    queue.start();
    await queue.send(range(4));
    await queue.idle();

    expect(seen.map((s) => `${s.n}:${s.count}`)).toEqual(['0:1', '1:1', '2:1', '3:1', '2:2']);
    expect(seen[4].at - seen[2].at).toBeGreaterThanOrEqual(55);
    expect(queue.stats()).toMatchObject({ delivered: 5, succeeded: 4, failed: 1, deadLettered: 0 });
  });

  it('doubles the wait before each further retry, up to the visibility timeout', async () => {
    const at: number[] = [];
    const { queue } = makeQueue(
      async (event) => {
        at.push(Date.now());
        return at.length < 4 ? failures(event.Records) : undefined;
      },
      { retryDelayMs: 40, visibilityTimeoutMs: 100, maxReceiveCount: 5 },
    );
    queue.start();
    await queue.send(range(1));
    await queue.idle();

    const waits = at.slice(1).map((t, i) => t - at[i]);
    expect(waits).toHaveLength(3);
    // 40, 80, then 160 capped at the 100 ms visibility timeout (timers may fire a little late).
    expect(waits[0]).toBeGreaterThanOrEqual(38);
    expect(waits[0]).toBeLessThan(75);
    expect(waits[1]).toBeGreaterThanOrEqual(78);
    expect(waits[2]).toBeGreaterThanOrEqual(98);
    expect(waits[2]).toBeLessThan(150);
    expect(queue.stats()).toMatchObject({ delivered: 4, succeeded: 1, failed: 3, deadLettered: 0 });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount failed receives', async () => {
    const counts: string[] = [];
    const { queue, dlq } = makeQueue(
      async (event) => {
        const bad = event.Records.filter((r) => bodyOf(r).n === 1);
        counts.push(...bad.map((r) => r.attributes.ApproximateReceiveCount));
        return failures(bad);
      },
      { maxReceiveCount: 3 },
    );
    queue.start();
    await queue.send(range(3));
    await queue.idle();

    expect(counts).toEqual(['1', '2', '3']);
    const letters = dlq.list();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ body: { n: 1 }, reason: 'reported in batchItemFailures', receiveCount: 3, sourceQueue: 'test-queue' });
    expect(letters[0].messageId).toMatch(UUID);
    expect(Date.parse(letters[0].movedAt)).not.toBeNaN();
    expect(queue.stats()).toMatchObject({ delivered: 5, succeeded: 2, failed: 3, deadLettered: 1 });
  });

  it('dead-letters a message directly with the reason', async () => {
    const { queue, dlq } = makeQueue(async () => undefined);
    await queue.deadLetter({ n: 42 }, 'FetchRefusedError: private address 10.0.0.1');
    expect(dlq.list()).toEqual([
      expect.objectContaining({ body: { n: 42 }, reason: 'FetchRefusedError: private address 10.0.0.1', receiveCount: 0, sourceQueue: 'test-queue' }),
    ]);
    expect(queue.stats().deadLettered).toBe(1);
  });

  it('fails the whole batch when the handler throws or rejects, with the error as the dead-letter reason', async () => {
    let calls = 0;
    const { queue, dlq } = makeQueue(
      (event) => {
        calls++;
        if (calls === 1) throw new TypeError('synchronous crash');
        if (calls === 2) return Promise.reject(new Error('database unavailable'));
        return Promise.resolve(failures(event.Records.filter((r) => bodyOf(r).n === 0)));
      },
      { maxReceiveCount: 3 },
    );
    queue.start();
    await queue.send(range(3));
    await queue.idle();

    expect(calls).toBe(3);
    expect(queue.stats()).toMatchObject({ delivered: 9, failed: 7, succeeded: 2, deadLettered: 1 });
    expect(dlq.list().map((l) => l.reason)).toEqual(['reported in batchItemFailures']);

    const { queue: q2, dlq: dlq2 } = makeQueue(() => Promise.reject(new Error('database unavailable')), { maxReceiveCount: 1 });
    q2.start();
    await q2.send([{ n: 7 }]);
    await q2.idle();
    expect(dlq2.list()).toEqual([expect.objectContaining({ body: { n: 7 }, reason: 'Error: database unavailable', receiveCount: 1 })]);
  });

  it('treats an itemIdentifier that is not in the batch as a malformed response failing the batch', async () => {
    const { queue, dlq } = makeQueue(async () => ({ batchItemFailures: [{ itemIdentifier: 'not-a-message-id' }] }), { maxReceiveCount: 1 });
    queue.start();
    await queue.send(range(2));
    await queue.idle();
    expect(dlq.list().map((l) => l.reason)).toEqual([expect.stringMatching(/invalid response/), expect.stringMatching(/invalid response/)]);
  });

  it('redelivers a message whose handler hangs past the visibility timeout and ignores the late result', async () => {
    let releaseFirst: ((r: SQSBatchResponse) => void) | undefined;
    const counts: string[] = [];
    const { queue, dlq } = makeQueue(
      (event) => {
        counts.push(event.Records[0].attributes.ApproximateReceiveCount);
        if (counts.length === 1) return new Promise<SQSBatchResponse>((resolve) => (releaseFirst = resolve));
        return Promise.resolve({ batchItemFailures: [] });
      },
      { visibilityTimeoutMs: 80, maxReceiveCount: 3 },
    );
    queue.start();
    await queue.send([{ n: 1 }]);
    await queue.idle();
    expect(counts).toEqual(['1', '2']);
    expect(queue.stats()).toMatchObject({ delivered: 2, succeeded: 1, failed: 1 });

    // The hung invocation finally answers "failed": too late, the message is already done.
    releaseFirst?.({ batchItemFailures: [{ itemIdentifier: 'whatever' }] });
    await sleep(30);
    expect(counts).toEqual(['1', '2']);
    expect(queue.stats()).toMatchObject({ visible: 0, delayed: 0, inFlight: 0, delivered: 2, succeeded: 1, failed: 1 });
    expect(dlq.size).toBe(0);
  });

  it('rejects a body over 256 KB and enqueues none of the batch', async () => {
    const { queue } = makeQueue(async () => undefined);
    const big = { n: 1, pad: 'x'.repeat(MAX_MESSAGE_BYTES) } as Msg;
    await expect(queue.send([{ n: 0 }, big])).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(queue.send([big])).rejects.toThrow(/over the 262144-byte SQS limit/);
    expect(queue.stats().visible).toBe(0);
    const fits = { n: 2, pad: 'x'.repeat(MAX_MESSAGE_BYTES - 20) } as Msg;
    await expect(queue.send([fits])).resolves.toBeUndefined();
  });

  it('stop({ drain: true }) waits for batches in flight; queued messages wait for the next start()', async () => {
    const done: number[] = [];
    const { queue } = makeQueue(
      async (event) => {
        await sleep(50);
        done.push(...event.Records.map((r) => bodyOf(r).n));
      },
      { batchSize: 2, concurrency: 1 },
    );
    queue.start();
    await queue.send(range(4));
    await sleep(10);
    expect(queue.stats().inFlight).toBe(2);

    await queue.stop({ drain: true });
    expect(done).toEqual([0, 1]);
    expect(queue.stats()).toMatchObject({ inFlight: 0, visible: 2, succeeded: 2 });
    await sleep(60);
    expect(done).toEqual([0, 1]);

    queue.start();
    await queue.idle();
    expect(done).toEqual([0, 1, 2, 3]);
  });

  it('refuses to start without a handler', () => {
    const queue = new LocalQueue<Msg>({ name: 'producer-only', deadLetter: new LocalDeadLetterQueue() });
    expect(() => queue.start()).toThrow(/no handler/);
  });
});

describe('LocalDeadLetterQueue persistence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsdigest-dlq-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('appends letters as JSON lines and reloads them after a restart', async () => {
    const file = path.join(dir, 'dead-letters', 'fetch.jsonl');
    const dlq = new LocalDeadLetterQueue<Msg>({ name: 'fetch-dlq', file });
    const { queue } = makeQueue(async (event) => failures(event.Records), { name: 'fetch', maxReceiveCount: 1, deadLetter: dlq });
    queue.start();
    await queue.send([{ n: 1 }, { n: 2 }]);
    await queue.deadLetter({ n: 3 }, 'non-retryable');
    await queue.idle();

    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    // A crash mid-append leaves a torn last line; reloading skips it and keeps the rest.
    await appendFile(file, '{"body": {"n": 4}, "rea');

    const reloaded = new LocalDeadLetterQueue<Msg>({ name: 'fetch-dlq', file });
    expect(reloaded.list()).toEqual(dlq.list());
    expect(reloaded.list().map((l) => [l.body.n, l.sourceQueue])).toEqual(
      expect.arrayContaining([
        [1, 'fetch'],
        [2, 'fetch'],
        [3, 'fetch'],
      ]),
    );
  });
});

describe('LocalQueue delayed sends', () => {
  it('keeps a message sent with delaySeconds invisible that long, counts it as delayed, and idle() waits for it', async () => {
    const received: { n: number; at: number; receiveCount: string }[] = [];
    const { queue } = makeQueue(async (event) => {
      for (const r of event.Records) received.push({ n: bodyOf(r).n, at: Date.now(), receiveCount: r.attributes.ApproximateReceiveCount });
    });
    queue.start();
    const sentAt = Date.now();
    await queue.send([{ n: 1 }], { delaySeconds: 0.3 });
    await queue.send([{ n: 2 }]);
    expect(queue.stats().delayed).toBe(1);
    await queue.idle();
    expect(received.map((r) => r.n)).toEqual([2, 1]);
    expect(received[1].at - sentAt).toBeGreaterThanOrEqual(300);
    // A new message: its receives start from one.
    expect(received[1].receiveCount).toBe('1');
    expect(queue.stats()).toMatchObject({ delayed: 0, delivered: 2, succeeded: 2, failed: 0 });
  });

  it('refuses a delay SQS would refuse', async () => {
    const { queue } = makeQueue(async () => {});
    await expect(queue.send([{ n: 1 }], { delaySeconds: 901 })).rejects.toThrow(/between 0 and 900/);
    await expect(queue.send([{ n: 1 }], { delaySeconds: -1 })).rejects.toThrow(/between 0 and 900/);
  });
});
