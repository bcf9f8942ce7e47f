// Real dynalite and s3rver for storage and pipeline tests, reached through the real SDK clients.
// Each test file gets its own data folder and ports, so files can run in parallel:
//
//   let aws: TestAws;
//   beforeAll(async () => { aws = await startTestAws(); });
//   afterAll(() => aws.close());

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OwnedAwsClients } from '../../shared/adapters/clients.js';
import { startEmbeddedAws } from '../../local/embedded-aws.js';

export interface TestAws {
  clients: OwnedAwsClients;
  tableName: string;
  bucketName: string;
  dataDir: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** Stops both servers and deletes the data folder. */
  close(): Promise<void>;
}

export const TEST_TABLE = 'newsdigest-test';
export const TEST_BUCKET = 'newsdigest-test';

export async function startTestAws(options: { tableName?: string; bucketName?: string } = {}): Promise<TestAws> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdigest-test-'));
  const tableName = options.tableName ?? TEST_TABLE;
  const bucketName = options.bucketName ?? TEST_BUCKET;
  try {
    const aws = await startEmbeddedAws({ dataDir, tableName, bucketName });
    return {
      clients: aws.clients,
      tableName,
      bucketName,
      dataDir,
      dynamoEndpoint: aws.dynamoEndpoint,
      s3Endpoint: aws.s3Endpoint,
      async close() {
        await aws.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
