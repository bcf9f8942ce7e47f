// The local data folder holds the API key, the link-signing secret and every article: only its
// owner may read it. The folder and the folders we create in it are 0700, the key files 0600, and
// a key file that others could read is refused rather than used (it may already have leaked).

import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { NewsdigestError } from '../shared/errors.js';

/** A key file is open to other users (group or other permission bits). */
export class InsecurePermissionsError extends NewsdigestError {
  readonly retryable = false;
}

/** The folders of the data folder the local runtime creates: dynalite's, s3rver's, the dead letters. */
export const DATA_SUBDIRS = ['dynamodb', 's3', 'dead-letters'] as const;

/** The secrets the local runtime keeps in the data folder: the API key, the keys that sign digest links (current, previous). */
export const KEY_FILES = ['api-key', 'link-secret', 'link-secret.previous'] as const;

const checksModes = process.platform !== 'win32';
const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/**
 * Refuses a secret file that anyone but its owner may read or write (any group/other bit), with
 * the command that fixes it. A file that does not exist is fine (the caller creates it 0600).
 */
export function assertPrivateFile(file: string): void {
  if (!checksModes) return;
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (mode & 0o077) {
    throw new InsecurePermissionsError(
      `${file} is open to other users (mode ${octal(mode)}); it holds a secret, so it is not used. `
        + `Fix it with: chmod 600 ${file}`,
    );
  }
}

/**
 * Creates a folder (and missing parents) 0700, or takes group/other permissions away from an
 * existing one (a data folder made by an older version is 0755). Returns true when it tightened one.
 */
export function ensurePrivateDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!checksModes) return false;
  const mode = statSync(dir).mode;
  if ((mode & 0o077) === 0) return false;
  chmodSync(dir, mode & 0o700);
  return true;
}

/**
 * Prepares the data folder before anything starts in it: 0700 for it and for the folders we
 * create in it, a umask of 077 for this process, so that what dynalite (LevelDB), s3rver and the
 * dead-letter files create in it later is 0600/0700 too, and refuses a key file that is there and
 * open to others (before any server starts, so a refusal leaves nothing running). The local
 * runtime owns its process, so the umask is its to set (a worker thread cannot set it; there it
 * stays as it is). Returns the folders it had to tighten.
 */
export function preparePrivateDataDir(dataDir: string): string[] {
  if (checksModes && isMainThread) process.umask(process.umask() | 0o077);
  const tightened: string[] = [];
  for (const dir of [dataDir, ...DATA_SUBDIRS.map((d) => join(dataDir, d))]) {
    if (ensurePrivateDir(dir)) tightened.push(dir);
  }
  for (const file of KEY_FILES) assertPrivateFile(join(dataDir, file));
  return tightened;
}
