// One Lambda function of the pipeline. This construct owns what every function shares (runtime,
// architecture, bundling, logs, tracing, its own role) and the ways a function is given access to
// a resource: each `use*`/`read*`/`write*`/`sendTo` call grants exactly one kind of access AND sets
// the environment variable that names the resource, so the two cannot drift apart.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EnvConfig } from '../../shared/config.js';
import { DEPLOYED_LOG_LEVEL, METRICS_NAMESPACE, serviceNameOf, type FunctionName } from '../../shared/runtime/powertools-settings.js';

/** The repository root: entries, package-lock.json and tsconfig.json are found from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The newest Node.js runtime this aws-cdk-lib offers (cdk-nag's AwsSolutions-L1 checks the same).
 * The code also has to run on Node 20 locally (PLATFORM.md).
 */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * Variables the digest code (issue 4) reads: the ARN of the link-signing secret, and whether
 * /public/digests/{date} pages open without a signed link. Listed here until shared/config.ts
 * parses them; once it does, this union adds nothing and can go.
 */
type DigestVariable = 'LINK_SECRET_ARN' | 'PUBLIC_DIGESTS';

/** Only the variables shared/config.ts parses can be set through the access methods below. */
export type ConfigVariable = keyof EnvConfig | DigestVariable;

/**
 * ESM output (index.mjs) keeps `import.meta.url` and top-level await working as they do under tsx.
 * Some CommonJS dependencies call `require()` for Node built-ins, which an ESM bundle does not
 * define: the banner gives them one.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __ndCreateRequire } from 'node:module'; const require = __ndCreateRequire(import.meta.url);";

export interface PipelineFunctionProps {
  /** Which function: names its Powertools service (log key and metric dimension). */
  readonly name: FunctionName;
  /** Handler file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  /**
   * Data files the code reads beside its bundle, as [repository path, path inside the asset]:
   * copied after bundling, so they are part of the asset (and of its hash).
   */
  readonly dataFiles?: readonly (readonly [string, string])[];
}

/** Bundling hooks that copy data files into the asset once esbuild has written it. */
function copyAfterBundling(files: readonly (readonly [string, string])[]): nodejs.ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => files.map(([from, to]) =>
      `mkdir -p "${path.posix.dirname(path.posix.join(outputDir, to))}" && cp "${path.posix.join(inputDir, from)}" "${path.posix.join(outputDir, to)}"`),
  };
}

export class PipelineFunction extends Construct {
  readonly name: FunctionName;
  readonly fn: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.name = props.name;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      // Kept after a stack teardown for incident review; the retention bounds what it costs.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An own role instead of the default one with the AWSLambdaBasicExecutionRole managed policy,
    // which lets a function write to every log group of the account: this one can write to its
    // own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      // Active tracing samples 1 request/s + 5% (about free at this volume) and ties API Gateway,
      // SQS and Lambda into one trace per article.
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // Powertools (shared/runtime/lambda.ts): logs, EMF metrics and X-Ray subsegments for the
        // SDK calls, the last because tracing is active above.
        POWERTOOLS_SERVICE_NAME: serviceNameOf(props.name),
        POWERTOOLS_LOG_LEVEL: DEPLOYED_LOG_LEVEL,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_TRACE_ENABLED: 'true',
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // The error classes name themselves after their class (`new.target.name`, shared/errors.ts)
        // and that name is the failure code stored on the article: minifying it away would store "e".
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK is bundled rather than taken from the runtime: the function then runs the exact
        // @aws-sdk versions of package-lock.json that the tests ran, not whatever the runtime ships
        // this month. Tree-shaken and minified it adds a few hundred KB.
        bundleAwsSDK: true,
        logLevel: nodejs.LogLevel.WARNING,
        commandHooks: props.dataFiles?.length ? copyAfterBundling(props.dataFiles) : undefined,
      },
    });

    // X-Ray's PutTraceSegments/PutTelemetryRecords have no resource-level permissions, so active
    // tracing can only be granted on "*". The infra tests check that "*" carries nothing else.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only the X-Ray actions added by active tracing (xray:PutTraceSegments, xray:PutTelemetryRecords), which support no resource-level permissions; test/infra asserts no other action is granted on "*".',
    });
  }

  /** Sets a variable that shared/config.ts reads (or a value the runtime needs, like a limit). */
  setConfig(name: ConfigVariable, value: string): this {
    this.fn.addEnvironment(name, value);
    return this;
  }

  /** Table access limited to `actions` on the table (and on `indexArns`, when given); sets TABLE_NAME. */
  useTable(table: dynamodb.ITable, actions: readonly string[], indexArns: readonly string[] = []): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: [...actions],
      resources: [table.tableArn, ...indexArns],
    }));
    return this.setConfig('TABLE_NAME', table.tableName);
  }

  /** `actions` on one index of the table only (a Query there reads no other index nor the table); sets TABLE_NAME. */
  useIndex(table: dynamodb.ITable, indexArn: string, actions: readonly string[]): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...actions], resources: [indexArn] }));
    return this.setConfig('TABLE_NAME', table.tableName);
  }

  /** Caps the function's concurrent invocations, taken from the account's concurrency. */
  reserveConcurrency(limit: number): this {
    (this.fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = limit;
    return this;
  }

  /**
   * GetObject on `<prefix>*` only; sets BUCKET_NAME. Also ListBucket on the bucket: without it S3
   * answers a GET of a missing key with 403 AccessDenied instead of 404 NoSuchKey, and
   * shared/adapters/s3-blob-store.ts relies on NoSuchKey to report "not there". ListBucket shows
   * key names (article ids), never content.
   */
  readObjects(bucket: s3.Bucket, prefix: string): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
    }));
    this.acknowledgePrefixGrant(bucket, prefix, 'read');
    return this.setConfig('BUCKET_NAME', bucket.bucketName);
  }

  /** PutObject on `<prefix>*` only; sets BUCKET_NAME. */
  writeObjects(bucket: s3.Bucket, prefix: string): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }));
    this.acknowledgePrefixGrant(bucket, prefix, 'write');
    return this.setConfig('BUCKET_NAME', bucket.bucketName);
  }

  /**
   * GetObject and PutObject on `<prefix>*` (and ListBucket, as readObjects): for a function that
   * owns the objects under a prefix. One call, so the prefix is acknowledged once, as read and write.
   */
  readWriteObjects(bucket: s3.Bucket, prefix: string): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
    }));
    this.acknowledgePrefixGrant(bucket, prefix, 'read and write');
    return this.setConfig('BUCKET_NAME', bucket.bucketName);
  }

  /** GetSecretValue (and DescribeSecret) on `secret` only; sets the variable that holds its ARN, never its value. */
  readSecret(secret: secretsmanager.ISecret, arnVariable: ConfigVariable): this {
    secret.grantRead(this.role);
    return this.setConfig(arnVariable, secret.secretArn);
  }

  /** SendMessage (single and batch) to `queue`; sets the variable that holds its URL. */
  sendTo(queue: sqs.IQueue, urlVariable: ConfigVariable): this {
    queue.grantSendMessages(this.role);
    return this.setConfig(urlVariable, queue.queueUrl);
  }

  /**
   * Consumes `queue` with partial batch responses: a failed message is retried alone, not with its
   * whole batch. The event source grants the receive/delete/visibility actions on that queue only.
   */
  consume(queue: sqs.IQueue, options: { batchSize: number; maxConcurrency: number }): this {
    this.fn.addEventSource(new SqsEventSource(queue, {
      batchSize: options.batchSize,
      maxConcurrency: options.maxConcurrency,
      reportBatchItemFailures: true,
    }));
    return this;
  }

  /**
   * cdk-nag reports a prefix-scoped object ARN as a wildcard (IAM5). The wildcard is the point of
   * the grant: it is what keeps it to one prefix instead of the bucket. Acknowledged per resource
   * (`Resource::<DataBucketXXXX.Arn>/raw/*`), never as a blanket IAM5. One call per prefix and
   * function: the same prefix granted twice would record two acknowledgements of one finding.
   */
  private acknowledgePrefixGrant(bucket: s3.Bucket, prefix: string, access: 'read' | 'write' | 'read and write'): void {
    const bucketLogicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`,
      reason: `Object ${access} access is scoped to the "${prefix}" key prefix of the data bucket; the trailing wildcard is the object name under it (an article id or a digest date), and narrower than granting the bucket.`,
    });
  }
}
