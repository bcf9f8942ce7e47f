// A PutObject cut short by a kill leaves s3rver an empty metadata file, after which it answers
// 500 to HeadBucket (it lists the bucket): removeInterruptedS3Objects takes such objects away.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedAws } from '../../local/embedded-aws.js';
import { removeInterruptedS3Objects } from '../../local/s3rver-repair.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsdigest-s3repair-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BUCKET = 'newsdigest';

/** A data folder whose bucket holds one whole object and one whose PutObject was killed. */
function brokenDataDir(name: string): { dataDir: string; raw: string } {
  const dataDir = join(tmp, name);
  const raw = join(dataDir, 's3', BUCKET, 'raw');
  mkdirSync(raw, { recursive: true });
  writeFileSync(join(raw, 'good.html.gz._S3rver_object'), 'body');
  writeFileSync(join(raw, 'good.html.gz._S3rver_object.md5'), '841a2d689ad86bd1611447453c22c6fc');
  writeFileSync(join(raw, 'good.html.gz._S3rver_metadata.json'), JSON.stringify({ 'content-type': 'text/html' }));
  writeFileSync(join(raw, 'cut.html.gz._S3rver_object'), 'bo');
  writeFileSync(join(raw, 'cut.html.gz._S3rver_metadata.json'), '');
  return { dataDir, raw };
}

async function headBucketStatus(dataDir: string): Promise<number> {
  const aws = await startEmbeddedAws({ dataDir, tableName: 'newsdigest', bucketName: BUCKET }).catch((err: unknown) => err);
  if (aws instanceof Error) return (aws as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1;
  try {
    const out = await (aws as Awaited<ReturnType<typeof startEmbeddedAws>>).clients.s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
    return out.$metadata.httpStatusCode ?? -1;
  } finally {
    await (aws as Awaited<ReturnType<typeof startEmbeddedAws>>).close();
  }
}

describe('removeInterruptedS3Objects', () => {
  it('removes the object whose metadata was cut short, keeps the whole one', async () => {
    const { dataDir, raw } = brokenDataDir('unit');
    const removed = await removeInterruptedS3Objects(join(dataDir, 's3'));
    expect(removed).toEqual([join(raw, 'cut.html.gz._S3rver_metadata.json')]);
    expect(readdirSync(raw).sort()).toEqual([
      'good.html.gz._S3rver_metadata.json', 'good.html.gz._S3rver_object', 'good.html.gz._S3rver_object.md5',
    ]);
    expect(await removeInterruptedS3Objects(join(dataDir, 's3'))).toEqual([]);
    expect(await removeInterruptedS3Objects(join(tmp, 'no-such-folder'))).toEqual([]);
  });

  it('runs when the embedded servers start, so they start again on such a folder', async () => {
    const { dataDir } = brokenDataDir('servers');
    // As a kill leaves it, s3rver would answer HeadBucket with 500 and the embedded AWS would not start.
    expect(await headBucketStatus(dataDir)).toBe(200);
  });
});
