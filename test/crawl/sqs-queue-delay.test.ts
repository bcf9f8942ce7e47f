// SqsQueue's delayed sends: what SendMessageBatch is given, through a client that records the
// commands (the entries are the whole contract with SQS).

import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { batchEntries, SqsQueue } from '../../shared/adapters/sqs-queue.js';

function recordingClient() {
  const inputs: { QueueUrl?: string; Entries?: { Id: string; MessageBody: string; DelaySeconds?: number }[] }[] = [];
  const client = { send: async (command: { input: (typeof inputs)[number] }) => { inputs.push(command.input); return { Failed: [] }; } };
  return { client: client as unknown as SQSClient, inputs };
}

describe('SqsQueue delays', () => {
  it('sends DelaySeconds on every entry, in whole seconds, at most 900', () => {
    expect(batchEntries([{ a: 1 }, { a: 2 }], 10, { delaySeconds: 61.2 })).toEqual([
      { Id: '10', MessageBody: '{"a":1}', DelaySeconds: 62 },
      { Id: '11', MessageBody: '{"a":2}', DelaySeconds: 62 },
    ]);
    expect(batchEntries([{ a: 1 }], 0, { delaySeconds: 3600 })[0].DelaySeconds).toBe(900);
    // No delay, or none left: the queue's own default applies.
    expect(batchEntries([{ a: 1 }], 0, { delaySeconds: 0 })[0]).not.toHaveProperty('DelaySeconds');
    expect(batchEntries([{ a: 1 }], 0)[0]).not.toHaveProperty('DelaySeconds');
  });

  it('passes the delay through send, batch by batch', async () => {
    const { client, inputs } = recordingClient();
    await new SqsQueue(client, 'https://sqs.local/q').send(Array.from({ length: 12 }, (_, i) => ({ i })), { delaySeconds: 30 });
    expect(inputs.map((i) => i.Entries?.length)).toEqual([10, 2]);
    expect(inputs.flatMap((i) => i.Entries ?? []).every((e) => e.DelaySeconds === 30)).toBe(true);
  });
});
