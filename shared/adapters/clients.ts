// One client per AWS service, built once at start-up and passed to the adapters. The deployed
// functions and the local runtime build them the same way; only the endpoint, the credentials
// and the checksum settings differ (see PLATFORM.md, "s3rver").
//
// The v3 SDK prints a Node-version support warning on Node 20. It is harmless; set
// AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true in the environment to silence it. This
// module deliberately does not touch process.env.

import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The clients the adapters are given. */
export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
}

/** Clients built by `createAwsClients`: the owner releases their sockets with `destroy()`. */
export interface OwnedAwsClients extends AwsClients {
  destroy(): void;
}

export interface AwsClientOptions {
  /** Defaults to the SDK's own resolution (AWS_REGION, set by Lambda); us-east-1 locally. */
  region?: string;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  sqsEndpoint?: string;
  /**
   * Use the local servers' dummy credentials and checksum settings. Defaults to true when any
   * endpoint is given: a custom endpoint on real AWS (VPC endpoints) should pass `local: false`.
   */
  local?: boolean;
  /** Applied to each service client before use: Powertools' Tracer captures its calls as X-Ray subsegments. */
  instrument?: <C extends object>(client: C) => C;
}

// Enough parallel connections that the local pipeline's queue consumers are not throttled by the
// agent; Lambda uses a handful per invocation anyway.
const MAX_SOCKETS_PER_HOST = 50;

// dynalite accepts any credentials; s3rver checks the signature against its built-in key pair.
const DYNALITE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

const LOCAL_REGION = 'us-east-1';

export function createAwsClients(options: AwsClientOptions = {}): OwnedAwsClients {
  const local = options.local ?? Boolean(options.dynamoEndpoint ?? options.s3Endpoint ?? options.sqsEndpoint);
  // In AWS the SDK resolves the region itself (AWS_REGION is set in Lambda).
  const region = options.region ?? (local ? LOCAL_REGION : undefined);

  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST });
  const requestHandler = { httpAgent, httpsAgent };

  const instrument = options.instrument ?? (<C>(client: C) => client);
  const dynamoBase = instrument(new DynamoDBClient({
    region,
    requestHandler,
    ...(options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint } : {}),
    ...(local ? { credentials: DYNALITE_CREDENTIALS } : {}),
  }));
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

  const s3 = instrument(new S3Client({
    region,
    requestHandler,
    ...(options.s3Endpoint ? { endpoint: options.s3Endpoint } : {}),
    ...(local
      ? {
          credentials: S3RVER_CREDENTIALS,
          forcePathStyle: true,
          // With the SDK defaults a stream body is sent with aws-chunked framing, which s3rver
          // stores verbatim: the object is silently corrupt.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  }));

  const sqs = instrument(new SQSClient({
    region,
    requestHandler,
    ...(options.sqsEndpoint ? { endpoint: options.sqsEndpoint } : {}),
    ...(local ? { credentials: DYNALITE_CREDENTIALS } : {}),
  }));

  return {
    dynamo,
    s3,
    sqs,
    destroy() {
      // DynamoDBDocumentClient.destroy() is a no-op: the wrapped client owns the handler.
      dynamoBase.destroy();
      s3.destroy();
      sqs.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
