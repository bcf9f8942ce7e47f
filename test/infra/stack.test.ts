// The security-relevant properties of the synthesized template, asserted one by one (no snapshot):
// encryption, no public access, TLS only, the API generated from the route table with keys on
// every method but the public ones, DLQs and their alarms, the daily schedule, the link-signing
// secret, and what each function's role allows.

import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestRequestOpenApiSchema } from '../../shared/http/openapi.js';
import { API_ROUTE_TABLE } from '../../shared/http/routes.js';
import { MAX_RECEIVE_COUNT, stageWindowMs } from '../../shared/pipeline/queue-settings.js';
import { DAY_INDEX, INFLIGHT_INDEX, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-schema.js';
import type { PipelineFunction } from '../../infra/constructs/pipeline-function.js';
import type { NewsdigestStack } from '../../infra/stack.js';
import {
  allowedActions, apiMethods, buildStack, logicalId, objectArn, resourcesFor, roleStatements, type Statement,
} from './build.js';

let stack: NewsdigestStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = buildStack());
});

const denyInsecureTransport = (action: string) => Match.objectLike({
  Effect: 'Deny',
  Action: action,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

const statementsOf = (fn: PipelineFunction): Statement[] => roleStatements(template, logicalId(fn.role));

const FUNCTION_NAMES = ['ingest', 'api', 'fetch', 'process', 'digest', 'sweeper', 'deadLetters', 'feeds', 'feedPoller'] as const;
type FunctionName = (typeof FUNCTION_NAMES)[number];
const allFunctions = () => FUNCTION_NAMES.map((name) => stack.functions[name]);

describe('storage', () => {
  it('encrypts every bucket and blocks all public access', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    template.allResourcesProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('denies every request to every bucket that is not TLS', () => {
    for (const bucketId of Object.keys(template.findResources('AWS::S3::Bucket'))) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: { Statement: Match.arrayWith([denyInsecureTransport('s3:*')]) },
      });
    }
  });

  it('grants nothing to anonymous principals in any bucket policy', () => {
    for (const policy of Object.values(template.findResources('AWS::S3::BucketPolicy'))) {
      const statements = policy.Properties.PolicyDocument.Statement as { Effect: string; Principal: unknown }[];
      for (const s of statements.filter((st) => st.Effect === 'Allow')) {
        expect(JSON.stringify(s.Principal)).not.toMatch(/"\*"/);
      }
    }
  });

  it('moves raw pages to Infrequent Access, expires them, and logs access to the data bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({
          Prefix: 'raw/',
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
          ExpirationInDays: 365,
        })]),
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.storage.accessLogBucket) } },
    });
  });

  it('keeps the data when the stack is deleted', () => {
    for (const construct of [stack.storage.bucket, stack.storage.table]) {
      const id = logicalId(construct);
      expect(template.toJSON().Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('has an on-demand table with point-in-time recovery, the shared keys, the day index, the in-flight index and TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [{
        IndexName: DAY_INDEX.name,
        KeySchema: [
          { AttributeName: DAY_INDEX.partitionKey, KeyType: 'HASH' },
          { AttributeName: DAY_INDEX.sortKey, KeyType: 'RANGE' },
        ],
        // What GET /articles?date= returns, not the text and analysis.
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...DAY_INDEX.projected] },
      }, {
        // Sparse (only articles in flight carry its keys), with a few attributes: the sweeper's Query.
        IndexName: INFLIGHT_INDEX.name,
        KeySchema: [
          { AttributeName: INFLIGHT_INDEX.partitionKey, KeyType: 'HASH' },
          { AttributeName: INFLIGHT_INDEX.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INFLIGHT_INDEX.projected] },
      }],
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });
});

describe('queues', () => {
  const queues = () => template.findResources('AWS::SQS::Queue') as Record<string, { Properties: Record<string, any> }>;

  it('gives every work queue a DLQ after MAX_RECEIVE_COUNT deliveries, and every queue is one or the other', () => {
    const all = queues();
    const work = Object.entries(all).filter(([, q]) => q.Properties.RedrivePolicy);
    const dlqIds = work.map(([, q]) => q.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] as string);
    // The schedule's DLQ is named by the rule target and the function's on-failure destination, not a redrive policy.
    const scheduleDlqId = logicalId(stack.schedules.deadLetterQueue);
    expect(work).toHaveLength(2);
    for (const [, q] of work) expect(q.Properties.RedrivePolicy.maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
    expect(new Set(dlqIds).size).toBe(work.length);
    for (const dlqId of [...dlqIds, scheduleDlqId]) {
      expect(all[dlqId].Properties.RedrivePolicy).toBeUndefined();
      expect(all[dlqId].Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
    expect(new Set([...work.map(([id]) => id), ...dlqIds, scheduleDlqId])).toEqual(new Set(Object.keys(all)));
  });

  it('encrypts every queue and denies it to non-TLS requests', () => {
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    for (const queueId of Object.keys(queues())) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: Match.arrayWith([{ Ref: queueId }]),
        PolicyDocument: { Statement: Match.arrayWith([denyInsecureTransport('sqs:*')]) },
      });
    }
  });

  it('holds a message at least six times as long as its consumer may run, with partial batch failures', () => {
    const all = queues();
    const functions = template.findResources('AWS::Lambda::Function');
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    // The two stages, and the dead-letter function on each stage's DLQ.
    expect(mappings).toHaveLength(4);
    for (const m of mappings) {
      const queue = all[m.Properties.EventSourceArn['Fn::GetAtt'][0]];
      const fn = functions[m.Properties.FunctionName.Ref];
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
      expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(m.Properties.ScalingConfig.MaximumConcurrency).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('functions', () => {
  it('run on arm64 and the newest Node.js runtime this aws-cdk-lib knows, with tracing and a log group', () => {
    const newestNode = lambda.Runtime.ALL
      .map((r) => r.name)
      .filter((n) => /^nodejs\d+\.x$/.test(n))
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .at(-1);
    expect(newestNode).toBe('nodejs24.x');
    template.resourceCountIs('AWS::Lambda::Function', FUNCTION_NAMES.length);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: newestNode,
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
      Environment: { Variables: Match.objectLike({ NODE_OPTIONS: '--enable-source-maps' }) },
    });
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const logGroup = template.toJSON().Resources[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
  });

  it('configure Powertools in every function: its own service name, the log level, the metrics namespace, tracing on', () => {
    for (const name of FUNCTION_NAMES) {
      const resource = template.toJSON().Resources[logicalId(stack.functions[name].fn)];
      expect(resource.Properties.Environment.Variables, name).toMatchObject({
        POWERTOOLS_SERVICE_NAME: `newsdigest-${name === 'deadLetters' ? 'dead-letters' : name === 'feedPoller' ? 'feed-poller' : name}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: 'newsdigest',
        // X-Ray is active on every function (checked above), so the Tracer records the SDK calls.
        POWERTOOLS_TRACE_ENABLED: 'true',
      });
    }
  });

  const FEED_FUNCTION_VARIABLES = [
    'FETCH_QUEUE_URL', 'MAX_URLS_PER_REQUEST', 'NEWSDIGEST_ALLOW_HOSTS', 'FETCH_ALLOW_PORTS', 'FETCH_TIMEOUT_MS', 'FETCH_MAX_BYTES', 'FETCH_MAX_REDIRECTS',
    'NEWSDIGEST_HOST_INTERVAL_MS',
  ];

  it('give each function only the variables it reads', () => {
    const powertools = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_TRACE_ENABLED'];
    const common = ['NODE_OPTIONS', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', ...powertools, 'TABLE_NAME', 'BUCKET_NAME'];
    const expected: Record<FunctionName, string[]> = {
      ingest: [...common, 'FETCH_QUEUE_URL', 'MAX_URLS_PER_REQUEST', 'NEWSDIGEST_ALLOW_HOSTS', 'FETCH_ALLOW_PORTS'],
      api: [...common, 'LINK_SECRET_ARN', 'PUBLIC_DIGESTS'],
      fetch: [
        ...common, 'PROCESS_QUEUE_URL', 'FETCH_QUEUE_URL', 'FETCH_DLQ_URL', 'NEWSDIGEST_ALLOW_HOSTS', 'FETCH_ALLOW_PORTS', 'FETCH_TIMEOUT_MS',
        'FETCH_MAX_BYTES', 'FETCH_MAX_REDIRECTS', 'NEWSDIGEST_HOST_INTERVAL_MS',
      ],
      process: [...common, 'PROCESS_DLQ_URL'],
      digest: common,
      sweeper: [...common, 'FETCH_QUEUE_URL', 'PROCESS_QUEUE_URL'],
      deadLetters: common,
      feeds: [...common, ...FEED_FUNCTION_VARIABLES],
      feedPoller: [...common, ...FEED_FUNCTION_VARIABLES],
    };
    for (const name of FUNCTION_NAMES) {
      const vars = expected[name];
      const resource = template.toJSON().Resources[logicalId(stack.functions[name].fn)];
      expect(Object.keys(resource.Properties.Environment.Variables).sort(), name).toEqual([...vars].sort());
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ NEWSDIGEST_ALLOW_HOSTS: '' }) },
    });
  });

  it('use their own roles, with no managed policies', () => {
    for (const fn of allFunctions()) {
      const role = template.toJSON().Resources[logicalId(fn.role)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('grant "*" only for the X-Ray actions, which have no resource-level permissions', () => {
    for (const fn of allFunctions()) {
      const onStar = statementsOf(fn).filter((s) => s.Effect === 'Allow' && s.Resource.includes('*'));
      expect(onStar.flatMap((s) => s.Action).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('never let a function scan the table; only the feed functions delete (subscriptions, schedule entries); only the digest function batch-writes (its actor rows)', () => {
    for (const fn of allFunctions()) {
      const actions = allowedActions(statementsOf(fn));
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:*', 's3:DeleteObject', 's3:*', 'sqs:*']) {
        expect(actions.has(forbidden), `${fn.node.id} ${forbidden}`).toBe(false);
      }
      expect(actions.has('dynamodb:DeleteItem'), `${fn.node.id} dynamodb:DeleteItem`).toBe(fn === stack.functions.feeds || fn === stack.functions.feedPoller);
      expect(actions.has('dynamodb:BatchWriteItem'), `${fn.node.id} dynamodb:BatchWriteItem`).toBe(fn === stack.functions.digest);
    }
  });

  it('keep the read API read-only: table reads on the table and day index, text/ and digests/ objects, the link secret', () => {
    const statements = statementsOf(stack.functions.api);
    const actions = allowedActions(statements);
    for (const write of [
      'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 's3:PutObject', 'sqs:SendMessage',
      'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'lambda:InvokeFunction',
    ]) {
      expect(actions.has(write), write).toBe(false);
    }
    const tableId = logicalId(stack.storage.table);
    expect(resourcesFor(statements, 'dynamodb:Query')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] }),
      JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${DAY_INDEX.name}`]] }),
    ]);
    const bucketId = logicalId(stack.storage.bucket);
    expect(resourcesFor(statements, 's3:GetObject').sort()).toEqual([objectArn(bucketId, '/text/*'), objectArn(bucketId, '/digests/*')].sort());
    expect([...actions].filter((a) => a.startsWith('secretsmanager:')).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  });

  it('let the digest function read and write digests/ only, and use the table without scanning or deleting', () => {
    const statements = statementsOf(stack.functions.digest);
    const actions = allowedActions(statements);
    const bucketId = logicalId(stack.storage.bucket);
    const digests = [objectArn(bucketId, '/digests/*')];
    expect(resourcesFor(statements, 's3:GetObject')).toEqual(digests);
    expect(resourcesFor(statements, 's3:PutObject')).toEqual(digests);
    // Not the pages or the article text: the digest is built from the table's per-day contributions.
    for (const prefix of ['/raw/*', '/text/*']) {
      expect(statements.flatMap((s) => s.Resource.map((r) => JSON.stringify(r)))).not.toContain(objectArn(bucketId, prefix));
    }
    expect([...actions].filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect([...actions].filter((a) => a.startsWith('dynamodb:')).sort())
      .toEqual(['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(resourcesFor(statements, 'dynamodb:Query')).toEqual([JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.storage.table), 'Arn'] })]);
    // Only its on-failure destination, the schedule's DLQ; no secret.
    expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.schedules.deadLetterQueue), 'Arn'] }),
    ]);
    expect([...actions].filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(template.toJSON().Resources[logicalId(stack.functions.digest.fn)].Properties).toMatchObject({
      Timeout: 300,
      MemorySize: 1024,
      Environment: { Variables: { TABLE_NAME: { Ref: logicalId(stack.storage.table) }, BUCKET_NAME: { Ref: bucketId } } },
    });
  });

  it('give ingest no access to the bucket and only the fetch queue to send to', () => {
    const statements = statementsOf(stack.functions.ingest);
    expect([...allowedActions(statements)].filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.fetchQueue.queue), 'Arn'] }),
    ]);
    expect([...allowedActions(statements)].filter((a) => a.startsWith('dynamodb:')).sort())
      .toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('let fetch write raw/ only, and send to the process queue, its own queue (delayed re-sends) and its DLQ', () => {
    const statements = statementsOf(stack.functions.fetch);
    const bucketId = logicalId(stack.storage.bucket);
    expect([...allowedActions(statements)].filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(resourcesFor(statements, 's3:PutObject')).toEqual([objectArn(bucketId, '/raw/*')]);
    expect(resourcesFor(statements, 's3:GetObject')).toEqual([]);
    expect(resourcesFor(statements, 'sqs:SendMessage').sort()).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.fetchQueue.queue), 'Arn'] }),
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.fetchQueue.deadLetterQueue), 'Arn'] }),
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.processQueue.queue), 'Arn'] }),
    ].sort());
  });

  it('let process read raw/, write text/, put its contribution to the day, and send to its own DLQ only', () => {
    const statements = statementsOf(stack.functions.process);
    const bucketId = logicalId(stack.storage.bucket);
    expect([...allowedActions(statements)].filter((a) => a.startsWith('dynamodb:')).sort())
      .toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(resourcesFor(statements, 'dynamodb:PutItem')).toEqual([JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.storage.table), 'Arn'] })]);
    expect(resourcesFor(statements, 's3:GetObject')).toEqual([objectArn(bucketId, '/raw/*')]);
    expect(resourcesFor(statements, 's3:PutObject')).toEqual([objectArn(bucketId, '/text/*')]);
    expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.processQueue.deadLetterQueue), 'Arn'] }),
    ]);
  });

  it('let the sweeper query the in-flight index only, update records, and send to the two work queues', () => {
    const statements = statementsOf(stack.functions.sweeper);
    const tableArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.storage.table), 'Arn'] });
    expect([...allowedActions(statements)].filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(resourcesFor(statements, 'dynamodb:UpdateItem')).toEqual([tableArn]);
    const [queried] = resourcesFor(statements, 'dynamodb:Query');
    expect(queried).toContain(`/index/${INFLIGHT_INDEX.name}`);
    expect(resourcesFor(statements, 'dynamodb:Query')).toHaveLength(1);
    expect([...allowedActions(statements)].filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect(resourcesFor(statements, 'sqs:SendMessage').sort()).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.fetchQueue.queue), 'Arn'] }),
      JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.processQueue.queue), 'Arn'] }),
    ].sort());
  });

  it('let the dead-letter function consume the two stage DLQs and mark articles, nothing more', () => {
    const statements = statementsOf(stack.functions.deadLetters);
    expect([...allowedActions(statements)].filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect([...allowedActions(statements)].filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([]);
    const consumed = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))
      .filter((m) => m.Properties.FunctionName.Ref === logicalId(stack.functions.deadLetters.fn))
      .map((m) => m.Properties.EventSourceArn['Fn::GetAtt'][0]).sort();
    expect(consumed).toEqual([logicalId(stack.fetchQueue.deadLetterQueue), logicalId(stack.processQueue.deadLetterQueue)].sort());
  });

  it('reserve concurrency for the digest function (POST /digests/{date} cannot start many 1 GB builds) and one feed poller round at a time', () => {
    const reserved = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, f]) => f.Properties.ReservedConcurrentExecutions !== undefined);
    expect(reserved.map(([id, f]) => [id, f.Properties.ReservedConcurrentExecutions]).sort())
      .toEqual([[logicalId(stack.functions.digest.fn), 2], [logicalId(stack.functions.feedPoller.fn), 1]].sort());
  });

  it('let the feed functions keep subscriptions in the table, queue articles for fetch, and nothing else', () => {
    for (const fn of [stack.functions.feeds, stack.functions.feedPoller]) {
      const statements = statementsOf(fn);
      const actions = allowedActions(statements);
      expect([...actions].filter((a) => a.startsWith('dynamodb:')).sort())
        .toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
      // The table itself: no index, and no S3 or secret.
      expect(resourcesFor(statements, 'dynamodb:Query')).toEqual([JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.storage.table), 'Arn'] })]);
      expect([...actions].filter((a) => a.startsWith('s3:') || a.startsWith('secretsmanager:'))).toEqual([]);
      expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.fetchQueue.queue), 'Arn'] })]);
    }
    // A round stops starting polls at 3 minutes; the function's timeout leaves a fetch's worth more, under the 5-minute rate.
    expect(template.toJSON().Resources[logicalId(stack.functions.feedPoller.fn)].Properties.Timeout).toBe(240);
  });
});

describe('api', () => {
  const tableRoutes = API_ROUTE_TABLE.map((r) => `${r.method} ${r.resource}`);

  it('has exactly the methods of the route table (shared/http/routes.ts), each served by the function it names', () => {
    const methods = apiMethods(template);
    expect(methods.map((m) => m.route).sort()).toEqual([...tableRoutes].sort());
    for (const route of API_ROUTE_TABLE) {
      const method = methods.find((m) => m.route === `${route.method} ${route.resource}`)!;
      const fnId = logicalId(stack.functions[route.fn].fn);
      expect(method.properties.Integration.Type, method.route).toBe('AWS_PROXY');
      expect(JSON.stringify(method.properties.Integration.Uri), method.route).toContain(`"${fnId}","Arn"`);
    }
    // "/digests.atom" is its own resource beside "/digests", not a child of it.
    const digestsAtom = Object.values(template.findResources('AWS::ApiGateway::Resource')).find((r) => r.Properties.PathPart === 'digests.atom')!;
    expect(digestsAtom.Properties.ParentId).toEqual({ 'Fn::GetAtt': [logicalId(stack.api.restApi), 'RootResourceId'] });
  });

  it('requires an API key on every method except exactly the public routes, and has no OPTIONS method', () => {
    const publicRoutes = API_ROUTE_TABLE.filter((r) => r.public).map((r) => `${r.method} ${r.resource}`);
    expect(publicRoutes).toEqual(['GET /public/digests/{date}', 'GET /public/digests.atom']);
    const methods = apiMethods(template);
    const keyless = methods.filter((m) => m.properties.ApiKeyRequired !== true).map((m) => m.route);
    expect(keyless.sort()).toEqual([...publicRoutes].sort());
    for (const m of methods) {
      expect(m.properties.HttpMethod, m.route).not.toBe('OPTIONS');
      // No other door: no authorizer that could be misconfigured open.
      expect(m.properties.AuthorizationType, m.route).toBe('NONE');
    }
    // Keyless routes only read.
    for (const route of publicRoutes) expect(route).toMatch(/^GET /);
    // The generated value never appears in the template.
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    template.hasResourceProperties('AWS::ApiGateway::ApiKey', { Enabled: true, Value: Match.absent() });
  });

  it('declares every {param} of a route as a required, validated path parameter', () => {
    const [validatorId] = Object.keys(template.findResources('AWS::ApiGateway::RequestValidator'));
    for (const m of apiMethods(template)) {
      const names = [...m.route.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
      const expected = names.length ? Object.fromEntries(names.map((n) => [`method.request.path.${n}`, true])) : undefined;
      expect(m.properties.RequestParameters, m.route).toEqual(expected);
      expect(m.properties.RequestValidatorId, m.route).toEqual({ Ref: validatorId });
    }
  });

  it('bounds each keyless public route with its own stage throttle, far below the stage\'s, and the same logging', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    const settings = stage.Properties.MethodSettings as Record<string, unknown>[];
    const all = settings.find((m) => m.ResourcePath === '/*')!;
    for (const path of ['/~1public~1digests~1{date}', '/~1public~1digests.atom']) {
      const publicRoute = settings.find((m) => m.ResourcePath === path)!;
      expect(publicRoute).toMatchObject({ HttpMethod: 'GET', LoggingLevel: 'ERROR', DataTraceEnabled: false });
      expect(publicRoute.ThrottlingRateLimit).toBeLessThanOrEqual((all.ThrottlingRateLimit as number) / 5);
      expect(publicRoute.ThrottlingBurstLimit).toBeLessThanOrEqual((all.ThrottlingBurstLimit as number) / 5);
    }
    expect(settings).toHaveLength(3);
  });

  it('attaches the key to a usage plan with throttle and quota on the deployed stage, tighter on the costly POSTs', () => {
    const stageId = logicalId(stack.api.restApi.deploymentStage);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: Match.anyValue(), BurstLimit: Match.anyValue() },
      Quota: { Limit: Match.anyValue(), Period: 'DAY' },
      ApiStages: [Match.objectLike({
        ApiId: { Ref: logicalId(stack.api.restApi) },
        Stage: { Ref: stageId },
        Throttle: {
          '/ingest/POST': { RateLimit: 1, BurstLimit: 5 },
          '/digests/{date}/POST': { RateLimit: 1, BurstLimit: 2 },
        },
      })],
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
      KeyId: { Ref: logicalId(stack.api.apiKey) },
      KeyType: 'API_KEY',
      UsagePlanId: { Ref: logicalId(stack.api.usagePlan) },
    });
  });

  it('throttles the stage and writes JSON access logs and error-level execution logs without bodies', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
      MethodSettings: Match.arrayWith([Match.objectLike({
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: Match.anyValue(),
        ThrottlingBurstLimit: Match.anyValue(),
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
      })]),
      TracingEnabled: true,
    });
    const format = template.findResources('AWS::ApiGateway::Stage');
    const accessLogFormat = Object.values(format)[0].Properties.AccessLogSetting.Format as string;
    expect(() => JSON.parse(accessLogFormat)).not.toThrow();
  });

  it('validates the POST /ingest body against the OpenAPI document\'s schema: "urls", 1 to 100 strings', () => {
    const models = Object.values(template.findResources('AWS::ApiGateway::Model'));
    expect(models).toHaveLength(1);
    const { ContentType, Schema } = models[0].Properties;
    expect(ContentType).toBe('application/json');
    const { $schema, title, ...schema } = Schema;
    expect([$schema, title]).toEqual(['http://json-schema.org/draft-04/schema#', 'IngestRequest']);
    expect(schema).toEqual(ingestRequestOpenApiSchema(100));
    expect(schema).toMatchObject({
      required: ['urls'],
      properties: { urls: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 100 } },
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestValidatorId: { Ref: Match.anyValue() },
      RequestModels: { 'application/json': { Ref: Match.anyValue() }, $default: { Ref: Match.anyValue() } },
    });
  });

  it('outputs the URL, the key id and the command that reads the key value', () => {
    const apiKey = { Ref: logicalId(stack.api.apiKey) };
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(['ApiKeyId', 'ApiKeyValueCommand', 'ApiUrl']);
    template.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template.hasOutput('ApiKeyId', { Value: apiKey });
    template.hasOutput('ApiKeyValueCommand', {
      Value: { 'Fn::Join': ['', ['aws apigateway get-api-key --api-key ', apiKey, ' --include-value --query value --output text']] },
    });
  });
});

describe('schedule', () => {
  const rules = () => Object.values(template.findResources('AWS::Events::Rule'));

  it('runs the sweeper every 15 minutes, without retries (the next run does the same work)', () => {
    const sweep = template.toJSON().Resources[logicalId(stack.schedules.sweep)];
    expect(sweep.Properties.ScheduleExpression).toBe('rate(15 minutes)');
    expect(sweep.Properties.Targets).toEqual([expect.objectContaining({
      Arn: { 'Fn::GetAtt': [logicalId(stack.functions.sweeper.fn), 'Arn'] },
      RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 0 }),
    })]);
  });

  it('polls the due feeds every 5 minutes with the feed poller, without retries that could overlap the next round', () => {
    const rule = template.toJSON().Resources[logicalId(stack.schedules.feedPoll)];
    expect(rule.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({
      Arn: { 'Fn::GetAtt': [logicalId(stack.functions.feedPoller.fn), 'Arn'] },
      RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 0 }),
    })]);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.functions.feedPoller.fn) },
      MaximumRetryAttempts: 0,
    });
  });

  it('builds the previous UTC day\'s digest at 00:10 UTC with the digest function, and nothing else', () => {
    expect(rules()).toHaveLength(3);
    const rule = template.toJSON().Resources[logicalId(stack.schedules.dailyDigest)];
    // EventBridge cron expressions are UTC: minute 10, hour 0, every day.
    expect(rule.Properties.ScheduleExpression).toBe('cron(10 0 * * ? *)');
    expect(rule.Properties.State).toBe('ENABLED');
    expect(rule.Properties.Targets).toHaveLength(1);
    const [target] = rule.Properties.Targets;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [logicalId(stack.functions.digest.fn), 'Arn'] });
    expect(JSON.parse(target.Input)).toEqual({ source: 'newsdigest.schedule', action: 'build-previous-day' });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalId(stack.functions.digest.fn), 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalId(stack.schedules.dailyDigest), 'Arn'] },
    });
  });

  it('retries delivery within the day and dead-letters what it cannot deliver', () => {
    const [target] = rules()[0].Properties.Targets;
    const dlq = { 'Fn::GetAtt': [logicalId(stack.schedules.deadLetterQueue), 'Arn'] };
    expect(target.DeadLetterConfig).toEqual({ Arn: dlq });
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    // A late retry must still run on the same UTC day, or "previous day" would name the wrong day.
    expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(23 * 3600);
  });

  it('sends a build that fails on every attempt to the same DLQ, with retries bounded the same way', () => {
    const dlq = { 'Fn::GetAtt': [logicalId(stack.schedules.deadLetterQueue), 'Arn'] };
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 2);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.functions.digest.fn) },
      DestinationConfig: { OnFailure: { Destination: dlq } },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: Match.anyValue(),
    });
  });

  it('lets only this rule put messages into the schedule DLQ', () => {
    const dlqId = logicalId(stack.schedules.deadLetterQueue);
    const [policy] = Object.values(template.findResources('AWS::SQS::QueuePolicy'))
      .filter((p) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: dlqId }]));
    const allows = (policy.Properties.PolicyDocument.Statement as { Effect: string }[]).filter((st) => st.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 'sqs:SendMessage',
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(stack.schedules.dailyDigest), 'Arn'] } } },
    });
  });
});

describe('link secret', () => {
  const secretRef = () => ({ Ref: logicalId(stack.secrets.linkSigning) });

  it('is generated at deploy time: 48 letters and digits, never in the template', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true, IncludeSpace: false },
      SecretString: Match.absent(),
    });
  });

  it('is readable by the read API only, which gets its ARN (not its value)', () => {
    const readers = FUNCTION_NAMES.filter((name) => [...allowedActions(statementsOf(stack.functions[name]))].some((a) => a.startsWith('secretsmanager:')));
    expect(readers).toEqual(['api']);
    expect(resourcesFor(statementsOf(stack.functions.api), 'secretsmanager:GetSecretValue')).toEqual([JSON.stringify(secretRef())]);
    // No other role of the stack (API Gateway's CloudWatch role included) may touch it.
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const touching = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('secretsmanager:'));
    expect(touching.map((p) => p.Properties.Roles)).toEqual([[{ Ref: logicalId(stack.functions.api.role) }]]);
    const env = template.toJSON().Resources[logicalId(stack.functions.api.fn)].Properties.Environment.Variables;
    expect(env.LINK_SECRET_ARN).toEqual(secretRef());
  });

  it('keeps digests behind signed links unless the deployer sets publicDigests', () => {
    const publicDigestsOf = (t: Template) => t.toJSON().Resources[logicalId(stack.functions.api.fn)].Properties.Environment.Variables.PUBLIC_DIGESTS;
    expect(publicDigestsOf(template)).toBe('false');
    expect(publicDigestsOf(buildStack({ publicDigests: true }).template)).toBe('true');
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')) as { Properties: Record<string, any> }[];
  const topic = () => ({ Ref: logicalId(stack.alarms.topic) });
  const onQueue = (queueId: string, metric: string) => alarms().filter((a) => a.Properties.MetricName === metric
    && JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]));

  it('alarms on the schedule DLQ\'s first message, and on a stage DLQ letter the consumer has not taken in 15 minutes', () => {
    const [schedule] = onQueue(logicalId(stack.schedules.deadLetterQueue), 'ApproximateNumberOfMessagesVisible');
    expect(schedule.Properties).toMatchObject({ Namespace: 'AWS/SQS', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, AlarmActions: [topic()] });
    for (const dlq of [stack.fetchQueue.deadLetterQueue, stack.processQueue.deadLetterQueue]) {
      const [age] = onQueue(logicalId(dlq), 'ApproximateAgeOfOldestMessage');
      expect(age.Properties).toMatchObject({ Threshold: 900, AlarmActions: [topic()], OKActions: [topic()] });
    }
  });

  it('alarms on a stage function that crashed on every delivery (the DeadLetters metric the consumer emits)', () => {
    for (const stage of ['fetch', 'process']) {
      const crashed = alarms().filter((a) => a.Properties.MetricName === 'DeadLetters'
        && a.Properties.Dimensions.some((d: { Name: string; Value: string }) => d.Name === 'stage' && d.Value === stage));
      expect(crashed, stage).toHaveLength(1);
      expect(crashed[0].Properties).toMatchObject({ Namespace: 'newsdigest', Threshold: 0, AlarmActions: [topic()] });
      expect(crashed[0].Properties.Dimensions).toEqual(expect.arrayContaining([
        { Name: 'service', Value: 'newsdigest-dead-letters' }, { Name: 'reason', Value: 'DeliveryFailed' },
      ]));
    }
  });

  it('alarms on a work queue whose oldest message is older than the stage deadline the sweeper uses', () => {
    for (const [queue, stage] of [[stack.fetchQueue.queue, 'fetch'], [stack.processQueue.queue, 'process']] as const) {
      const [age] = onQueue(logicalId(queue), 'ApproximateAgeOfOldestMessage');
      expect(age.Properties.Threshold, stage).toBe(stageWindowMs(stage) / 1000);
    }
  });

  it('alarms on every function\'s errors and throttles, and on the API\'s 5xx answers', () => {
    for (const name of FUNCTION_NAMES) {
      const fnRef = { Ref: logicalId(stack.functions[name].fn) };
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarms().filter((a) => a.Properties.MetricName === metric && a.Properties.Namespace === 'AWS/Lambda'
          && JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: fnRef }]));
        expect(found, `${name} ${metric}`).toHaveLength(1);
      }
    }
    const api5xx = alarms().filter((a) => a.Properties.MetricName === '5XXError' && a.Properties.Namespace === 'AWS/ApiGateway');
    expect(api5xx).toHaveLength(1);
    expect(api5xx[0].Properties.Threshold).toBe(4);
  });

  it('describes what each alarm means and what to do, and notifies the topic on alarm and on recovery', () => {
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmDescription.length).toBeGreaterThan(80);
      expect(alarm.Properties.AlarmActions).toEqual([topic()]);
      expect(alarm.Properties.OKActions).toEqual([topic()]);
    }
  });

  it('encrypts the alarm topic with a rotating key and denies it to non-TLS publishers', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([denyInsecureTransport('sns:Publish')]) },
    });
  });

  it('subscribes the alarmEmail address only when one is given', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    const withEmail = buildStack({ alarmEmail: 'ops@example.com' }).template;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});
