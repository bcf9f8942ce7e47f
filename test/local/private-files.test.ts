// The local data folder is private: the folder and the folders in it 0700, the key files and
// everything the servers write 0600; a key file others could read is refused at start.

import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPrivateFile, ensurePrivateDir, InsecurePermissionsError } from '../../local/private-files.js';
import { resolveApiKey, startLocalPipeline } from '../../local/runtime.js';
import { createLogger } from '../../shared/log.js';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsdigest-private-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const modeOf = (p: string) => statSync(p).mode & 0o777;
const quiet = () => createLogger({}, { level: 'silent' });

/** Every file and folder under dir (dir included) with its permission bits. */
function walk(dir: string): { path: string; mode: number; dir: boolean }[] {
  const out = [{ path: dir, mode: modeOf(dir), dir: true }];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push({ path: p, mode: modeOf(p), dir: false });
  }
  return out;
}

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created 0700 with its folders, the keys 0600, and what the servers write is not open to others', async () => {
    // One page that is stored (S3, DynamoDB) and one that fails.
    const page = '<!doctype html><html><head><title>A private story</title></head><body><article><h1>A private story</h1>'
      + '<p>Lithuania and Poland signed a gas pipeline maintenance agreement in Vilnius on Monday, officials said.</p>'
      + '<p>The deal runs for ten years and covers repairs on both sides of the border.</p></article></body></html>';
    const server = createServer((req, res) => {
      if (req.url === '/a') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dataDir = join(tmp, 'fresh', 'data');
    const pipeline = await startLocalPipeline({ dataDir, port: 0, env: {}, log: quiet(), allowHosts: [hostPort], analyse: null, retryDelayMs: 50 });
    try {
      const res = await fetch(`${pipeline.url}/ingest`, {
        method: 'POST',
        headers: { 'x-api-key': pipeline.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ urls: [`http://${hostPort}/a`, `http://${hostPort}/gone`] }),
      });
      expect(res.status).toBe(202);
      await pipeline.idle();
    } finally {
      await pipeline.stop();
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(modeOf(dataDir)).toBe(0o700);
    for (const sub of ['dynamodb', 's3', 'dead-letters']) expect(modeOf(join(dataDir, sub)), sub).toBe(0o700);
    expect(modeOf(join(dataDir, 'api-key'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'link-secret'))).toBe(0o600);
    const entries = walk(dataDir);
    // LevelDB's files and the stored page, written by the servers with no mode of their own (a
    // dead-letter file, when there is one, is in the walk too).
    expect(entries.some((e) => e.path.startsWith(join(dataDir, 'dynamodb')) && !e.dir)).toBe(true);
    expect(entries.filter((e) => e.path.startsWith(join(dataDir, 's3')) && !e.dir).length).toBeGreaterThan(0);
    const open = entries.filter((e) => e.mode & 0o077).map((e) => `${e.path} ${e.mode.toString(8)}`);
    expect(open).toEqual([]);
  });

  it('takes group and other permissions away from an existing folder (an older version made it 0755)', async () => {
    const dataDir = join(tmp, 'old');
    mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'dynamodb'), 0o755);
    const pipeline = await startLocalPipeline({ dataDir, port: 0, env: {}, log: quiet() });
    await pipeline.stop();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'dynamodb'))).toBe(0o700);
  });

  it('ensurePrivateDir creates missing parents 0700 whatever the umask', () => {
    const dir = join(tmp, 'a', 'b', 'c');
    const previous = process.umask(0o002);
    try {
      expect(ensurePrivateDir(dir)).toBe(false);
    } finally {
      process.umask(previous);
    }
    expect(modeOf(join(tmp, 'a'))).toBe(0o700);
    expect(modeOf(dir)).toBe(0o700);
  });
});

describe.skipIf(process.platform === 'win32')('a key file open to others', () => {
  it.each(['api-key', 'link-secret', 'link-secret.previous'])('%s is refused at start, with the chmod that fixes it', async (name) => {
    const dataDir = join(tmp, `open-${name}`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, name);
    writeFileSync(file, 'a-secret\n');
    chmodSync(file, 0o644);
    const err = await startLocalPipeline({ dataDir, port: 0, env: {}, log: quiet() }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InsecurePermissionsError);
    expect((err as Error).message).toContain(`${file} is open to other users (mode 644)`);
    expect((err as Error).message).toContain(`chmod 600 ${file}`);
    // Nothing was started: the data folder is not locked, and the fixed file is accepted.
    chmodSync(file, 0o600);
    const pipeline = await startLocalPipeline({ dataDir, port: 0, env: {}, log: quiet() });
    await pipeline.stop();
  });

  it('resolveApiKey refuses a group-readable key and accepts a 0600 or 0400 one', () => {
    const dataDir = join(tmp, 'resolve');
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'api-key');
    writeFileSync(file, 'the-key\n');
    chmodSync(file, 0o640);
    expect(() => resolveApiKey(dataDir, undefined, {})).toThrow(/mode 640.*chmod 600/);
    chmodSync(file, 0o400);
    expect(resolveApiKey(dataDir, undefined, {})).toBe('the-key');
    // A key given (or in NEWSDIGEST_API_KEY) does not read the file.
    chmodSync(file, 0o666);
    expect(resolveApiKey(dataDir, 'given', {})).toBe('given');
    expect(resolveApiKey(dataDir, undefined, { NEWSDIGEST_API_KEY: 'env' })).toBe('env');
  });

  it('assertPrivateFile says nothing about a file that does not exist', () => {
    expect(() => assertPrivateFile(join(tmp, 'missing'))).not.toThrow();
  });

  it('newsdigest start exits 1 with the message', async () => {
    const dataDir = join(tmp, 'cli');
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'api-key');
    writeFileSync(file, 'k\n', { mode: 0o604 });
    chmodSync(file, 0o604);
    const r = await runCli(['start', '--port', '0', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/newsdigest start: .*api-key is open to other users \(mode 604\).*chmod 600 .*api-key/);
  });
});
