// An SQS event as Lambda's event source delivers it: one record per body, with the receive count.

import type { SQSEvent } from 'aws-lambda';

export function sqsEvent(bodies: unknown[], receiveCount = 1): SQSEvent {
  return {
    Records: bodies.map((b, i) => ({
      messageId: `m-${i}`, receiptHandle: `r-${i}`, body: typeof b === 'string' ? b : JSON.stringify(b),
      attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:0:q', awsRegion: 'local',
    })),
  };
}
