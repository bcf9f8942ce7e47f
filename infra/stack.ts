// The newsdigest stack: storage, queues, functions, API and alarms, each its own construct.
// An EventBridge schedule for the daily digest (issue 4) will join as constructs/schedules.ts.

import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PipelineApi } from './constructs/api.js';
import { DlqAlarms } from './constructs/alarms.js';
import { FUNCTION_SIZING, MAX_URLS_PER_REQUEST, PipelineFunctions } from './constructs/functions.js';
import { QueueWithDlq } from './constructs/queues.js';
import { Storage } from './constructs/storage.js';

export interface NewsdigestStackProps extends StackProps {
  /** Email address notified when a dead-letter queue receives a message. */
  readonly alarmEmail?: string;
}

export class NewsdigestStack extends Stack {
  readonly storage: Storage;
  readonly fetchQueue: QueueWithDlq;
  readonly processQueue: QueueWithDlq;
  readonly functions: PipelineFunctions;
  readonly api: PipelineApi;
  readonly alarms: DlqAlarms;

  constructor(scope: Construct, id: string, props: NewsdigestStackProps = {}) {
    super(scope, id, props);

    this.storage = new Storage(this, 'Storage');
    this.fetchQueue = new QueueWithDlq(this, 'FetchQueue', { consumerTimeout: FUNCTION_SIZING.fetch.timeout });
    this.processQueue = new QueueWithDlq(this, 'ProcessQueue', { consumerTimeout: FUNCTION_SIZING.process.timeout });

    this.functions = new PipelineFunctions(this, 'Functions', {
      storage: this.storage,
      fetchQueue: this.fetchQueue,
      processQueue: this.processQueue,
    });

    this.api = new PipelineApi(this, 'Api', {
      ingest: this.functions.ingest.fn,
      read: this.functions.api.fn,
      maxUrlsPerRequest: MAX_URLS_PER_REQUEST,
    });

    this.alarms = new DlqAlarms(this, 'Alarms', {
      deadLetterQueues: { fetch: this.fetchQueue.deadLetterQueue, process: this.processQueue.deadLetterQueue },
      email: props.alarmEmail,
    });
  }
}
