// Queue over SQS: batched sends (10 per call, the SQS maximum), failed entries retried once, and
// a direct send to the dead-letter queue for messages that can never succeed.

import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { MAX_DELAY_SECONDS, type Queue, type SendOptions } from '../ports.js';

const SQS_BATCH_MAX = 10;

/** One SendMessageBatch's entries; the delay is whole seconds within what SQS accepts (0 to 900). */
export function batchEntries<T>(bodies: T[], firstId: number, options: SendOptions = {}): { Id: string; MessageBody: string; DelaySeconds?: number }[] {
  const delay = options.delaySeconds === undefined ? undefined : Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(options.delaySeconds)));
  return bodies.map((b, j) => ({ Id: String(firstId + j), MessageBody: JSON.stringify(b), ...(delay ? { DelaySeconds: delay } : {}) }));
}

export class SqsQueue<T> implements Queue<T> {
  /** A function that only dead-letters is given only the DLQ URL (least privilege), and vice versa. */
  constructor(private readonly sqs: SQSClient, private readonly queueUrl: string | undefined, private readonly deadLetterUrl?: string) {}

  async send(bodies: T[], options?: SendOptions): Promise<void> {
    if (!bodies.length) return;
    if (!this.queueUrl) throw new Error('no queue URL configured for sending');
    for (let i = 0; i < bodies.length; i += SQS_BATCH_MAX) {
      let entries = batchEntries(bodies.slice(i, i + SQS_BATCH_MAX), i, options);
      for (let attempt = 0; entries.length && attempt < 2; attempt++) {
        const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failedIds = new Set((out.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failedIds.has(e.Id));
      }
      if (entries.length) throw new Error(`SQS refused ${entries.length} message(s) for ${this.queueUrl}`);
    }
  }

  async deadLetter(body: T, reason: string): Promise<void> {
    if (!this.deadLetterUrl) throw new Error(`no dead-letter queue configured for ${this.queueUrl ?? 'this queue'}`);
    await this.sqs.send(new SendMessageCommand({
      QueueUrl: this.deadLetterUrl,
      MessageBody: JSON.stringify(body),
      MessageAttributes: { reason: { DataType: 'String', StringValue: reason.slice(0, 1000) } },
    }));
  }
}
