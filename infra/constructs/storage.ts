// The data of the service: one S3 bucket for fetched pages and extracted text, one DynamoDB table
// for article records, per-day aggregates and digests. Both outlive the stack (RETAIN): deleting
// the stack must never delete the data.

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DAY_INDEX, INFLIGHT_INDEX, S3_PREFIXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-schema.js';

/** Raw pages are only read again to re-process an article; after a month they are cold. */
const RAW_TO_INFREQUENT_ACCESS = Duration.days(30);
/** A year of raw HTML is enough to re-run extraction over; the text and the analysis stay. */
const RAW_EXPIRY = Duration.days(365);
/** Access logs are for investigating an incident, not an archive. */
const ACCESS_LOG_EXPIRY = Duration.days(90);

export class Storage extends Construct {
  readonly bucket: s3.Bucket;
  readonly table: dynamodb.Table;
  /** Receives the data bucket's server access logs. */
  readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // SSE-S3 rather than KMS: the bucket holds public web pages and text derived from them, read
    // only by this account's functions. A customer-managed key would add a KMS call (and its cost
    // and throttling limit) to every GET and PUT, and key-policy upkeep, for no reader it would
    // keep out that IAM does not already keep out. S3 server access logs also require SSE-S3 on
    // the target bucket.
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: ACCESS_LOG_EXPIRY }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // No access logs of its own: cdk-nag's S1 accepts a bucket that is another bucket's log target.

    this.bucket = new s3.Bucket(this, 'DataBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // No versioning: every object is derived and written under a fixed key per article
      // (raw/<id>.html.gz, text/<id>.txt). Raw HTML can be fetched again and text re-extracted
      // from it; the system of record is the table, which has point-in-time recovery. Versions
      // would keep every re-processing run's copy and cost storage for nothing.
      versioned: false,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'data-bucket/',
      lifecycleRules: [
        {
          id: 'raw-pages',
          prefix: S3_PREFIXES.raw,
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: RAW_TO_INFREQUENT_ACCESS }],
          expiration: RAW_EXPIRY,
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // Encryption at rest with the AWS-owned key (the DynamoDB default): same reasoning as the bucket.
      encryption: dynamodb.TableEncryption.DEFAULT,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // "Articles of a day": gsi1pk = DAY#YYYY-MM-DD, gsi1sk = <ISO time>#<id>. It projects what a
    // day's list returns, so the list is one Query with no per-item GetItem, and the text and
    // analysis are not paid for again in the index on every write (bench:cost: 14.5 WRU per
    // article with ALL). A stack deployed with ALL cannot change a GSI's projection in place: see
    // README, "Deploying to AWS".
    this.table.addGlobalSecondaryIndex({
      indexName: DAY_INDEX.name,
      partitionKey: { name: DAY_INDEX.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: DAY_INDEX.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...DAY_INDEX.projected],
    });
    // Articles in flight, by stage deadline (sparse: only queued, fetching and fetched articles carry
    // its keys), for the sweeper. A few projected attributes: each in-flight write is paid again
    // here, so the index items stay small.
    this.table.addGlobalSecondaryIndex({
      indexName: INFLIGHT_INDEX.name,
      partitionKey: { name: INFLIGHT_INDEX.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: INFLIGHT_INDEX.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...INFLIGHT_INDEX.projected],
    });
  }

  /** ARN of the in-flight index: the sweeper's Query, and nothing else. */
  get inFlightIndexArn(): string {
    return `${this.table.tableArn}/index/${INFLIGHT_INDEX.name}`;
  }

  /** ARN of the day index, for grants that must reach it and nothing else. */
  get dayIndexArn(): string {
    return `${this.table.tableArn}/index/${DAY_INDEX.name}`;
  }
}
