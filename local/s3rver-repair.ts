// s3rver keeps an object as three files: <key>._S3rver_object, <key>._S3rver_metadata.json and
// <key>._S3rver_object.md5, written one after the other. A process killed in the middle of a
// PutObject (a crash, a SIGKILL, the machine losing power) can leave the metadata file empty or
// cut short, and s3rver then answers 500 to every request that lists the bucket, HeadBucket
// included (it lists the bucket to answer it): the local pipeline could not start again on its
// data folder. Such an object was never completely stored, so no stage counted on it: its article
// is still `fetching` (or `fetched`), and the stage that writes it runs again after a restart.
//
// Call this with the data folder locked (another process may be writing to it) and before s3rver
// starts.

import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const METADATA_SUFFIX = '._S3rver_metadata.json';
const OBJECT_SUFFIX = '._S3rver_object';

/**
 * Removes the objects whose metadata file does not parse (an interrupted PutObject), with their
 * other files, under s3Dir (s3rver's `directory`: one folder per bucket). Returns the removed
 * objects' metadata paths.
 */
export async function removeInterruptedS3Objects(s3Dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const metadataPath of await metadataFiles(s3Dir)) {
    try {
      JSON.parse(await readFile(metadataPath, 'utf8'));
      continue;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      // Not JSON: the write was cut short.
    }
    const objectPath = metadataPath.slice(0, -METADATA_SUFFIX.length) + OBJECT_SUFFIX;
    await Promise.all([metadataPath, objectPath, `${objectPath}.md5`].map((p) => rm(p, { force: true })));
    removed.push(metadataPath);
  }
  return removed;
}

async function metadataFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const found: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...await metadataFiles(p));
    else if (e.isFile() && e.name.endsWith(METADATA_SUFFIX)) found.push(p);
  }
  return found;
}
