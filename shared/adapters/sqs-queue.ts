// Queue over SQS: batched sends (10 per call, the SQS maximum), failed entries retried once, and
// a direct send to the dead-letter queue for messages that can never succeed.

import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Queue } from '../ports.js';

const SQS_BATCH_MAX = 10;

export class SqsQueue<T> implements Queue<T> {
  /** A function that only dead-letters is given only the DLQ URL (least privilege), and vice versa. */
  constructor(private readonly sqs: SQSClient, private readonly queueUrl: string | undefined, private readonly deadLetterUrl?: string) {}

  async send(bodies: T[]): Promise<void> {
    if (!bodies.length) return;
    if (!this.queueUrl) throw new Error('no queue URL configured for sending');
    for (let i = 0; i < bodies.length; i += SQS_BATCH_MAX) {
      let entries = bodies.slice(i, i + SQS_BATCH_MAX).map((b, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(b) }));
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
