// The newsdigest stack: storage, secrets, queues, functions, API, schedules and alarms, each its
// own construct.

import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PipelineApi } from './constructs/api.js';
import { DlqAlarms } from './constructs/alarms.js';
import { FUNCTION_SIZING, MAX_URLS_PER_REQUEST, PipelineFunctions } from './constructs/functions.js';
import { QueueWithDlq } from './constructs/queues.js';
import { Schedules } from './constructs/schedules.js';
import { Secrets } from './constructs/secrets.js';
import { Storage } from './constructs/storage.js';

export interface NewsdigestStackProps extends StackProps {
  /** Email address notified when a dead-letter queue receives a message. */
  readonly alarmEmail?: string;
  /**
   * Serve /public/digests/{date} pages without a signed link (context `publicDigests`, default
   * false). Only those pages: every other route still requires the API key.
   */
  readonly publicDigests?: boolean;
}

export class NewsdigestStack extends Stack {
  readonly storage: Storage;
  readonly secrets: Secrets;
  readonly fetchQueue: QueueWithDlq;
  readonly processQueue: QueueWithDlq;
  readonly functions: PipelineFunctions;
  readonly api: PipelineApi;
  readonly schedules: Schedules;
  readonly alarms: DlqAlarms;

  constructor(scope: Construct, id: string, props: NewsdigestStackProps = {}) {
    super(scope, id, props);

    this.storage = new Storage(this, 'Storage');
    this.secrets = new Secrets(this, 'Secrets');
    this.fetchQueue = new QueueWithDlq(this, 'FetchQueue', { consumerTimeout: FUNCTION_SIZING.fetch.timeout, deadLetterConsumerTimeout: FUNCTION_SIZING.deadLetters.timeout });
    this.processQueue = new QueueWithDlq(this, 'ProcessQueue', { consumerTimeout: FUNCTION_SIZING.process.timeout, deadLetterConsumerTimeout: FUNCTION_SIZING.deadLetters.timeout });

    this.functions = new PipelineFunctions(this, 'Functions', {
      storage: this.storage,
      fetchQueue: this.fetchQueue,
      processQueue: this.processQueue,
      linkSecret: this.secrets.linkSigning,
      publicDigests: props.publicDigests ?? false,
    });

    this.api = new PipelineApi(this, 'Api', {
      functions: { ingest: this.functions.ingest.fn, api: this.functions.api.fn, digest: this.functions.digest.fn, feeds: this.functions.feeds.fn },
      maxUrlsPerRequest: MAX_URLS_PER_REQUEST,
    });

    this.schedules = new Schedules(this, 'Schedules', { digest: this.functions.digest.fn, sweeper: this.functions.sweeper.fn, feedPoller: this.functions.feedPoller.fn });

    this.alarms = new DlqAlarms(this, 'Alarms', {
      deadLetterQueues: { schedule: this.schedules.watchedDeadLetterQueue },
      stages: {
        fetch: { queue: this.fetchQueue.queue, deadLetterQueue: this.fetchQueue.deadLetterQueue },
        process: { queue: this.processQueue.queue, deadLetterQueue: this.processQueue.deadLetterQueue },
      },
      functions: Object.fromEntries(this.functions.all().map((f) => [f.name, f.fn])),
      api: this.api.restApi,
      email: props.alarmEmail,
    });
  }
}
