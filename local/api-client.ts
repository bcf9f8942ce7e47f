// A small client for the newsdigest API (local or deployed), used by the CLI and the demo.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHostAsIp } from '../shared/fetch/address-guard.js';
import { UsageError } from './commands/usage.js';
import { resolveDataDir } from './runtime.js';

export interface ApiTarget {
  baseUrl: string;
  apiKey: string;
}

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly body: unknown, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * True when a URL's host is this machine's loopback: 127.0.0.0/8 (in any spelling WHATWG accepts,
 * IPv4-mapped too), ::1 or localhost. Addresses that only embed a loopback address (NAT64,
 * 6to4) leave the machine, so they are not loopback here.
 */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host === 'localhost.') return true;
  const ip = parseHostAsIp(host);
  if (ip === null) return false;
  return ip.startsWith('127.') || ip === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(ip);
}

/**
 * --api/--key, then NEWSDIGEST_API/NEWSDIGEST_API_KEY, then the local pipeline's defaults. The
 * local key (the data folder's `api-key`) is only ever sent to a loopback API: for any other host
 * the key must be given, so a local secret never travels to a remote server by mistake.
 */
export function resolveApiTarget(api?: string, key?: string, env: NodeJS.ProcessEnv = process.env): ApiTarget {
  const given = api ?? env.NEWSDIGEST_API;
  const baseUrl = (given ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, '');
  let parsed: URL | undefined;
  try {
    parsed = new URL(baseUrl);
  } catch {
    // Not a URL: said below.
  }
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') {
    // A malformed --api is a usage error (exit 2); a malformed NEWSDIGEST_API a failure (exit 1).
    const what = `${api !== undefined ? '--api' : 'NEWSDIGEST_API'} wants an http(s) URL such as http://127.0.0.1:3000, got ${JSON.stringify(given)}`;
    throw api !== undefined ? new UsageError(what) : new Error(what);
  }
  const apiKey = key || env.NEWSDIGEST_API_KEY;
  if (apiKey) return { baseUrl, apiKey };
  const file = join(resolveDataDir({ env }), 'api-key');
  if (!isLoopbackUrl(parsed)) {
    throw new Error(`no API key for ${parsed.origin}: the local key (${file}) is sent only to an API on this machine `
      + '(127.0.0.1, ::1, localhost); pass --key KEY or set NEWSDIGEST_API_KEY');
  }
  if (existsSync(file)) return { baseUrl, apiKey: readFileSync(file, 'utf8').trim() };
  throw new Error('no API key: pass --key, set NEWSDIGEST_API_KEY, or start the local pipeline once (it keeps its key in .data/api-key)');
}

export async function callApi<T>(target: ApiTarget, method: string, path: string, body?: unknown): Promise<T> {
  return (await callApiWithStatus<T>(target, method, path, body)).body;
}

/** callApi, with the success status too (POST /feeds: 201 created, 200 existing). */
export async function callApiWithStatus<T>(target: ApiTarget, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': target.apiKey, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    throw new Error(`cannot reach the API at ${target.baseUrl} (${err instanceof Error ? (err.cause as Error)?.message ?? err.message : String(err)}); is "newsdigest start" running?`);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
  if (!res.ok) {
    const message = (parsed as { message?: string })?.message ?? text.slice(0, 200);
    const retryAfter = Number(res.headers.get('retry-after') ?? NaN);
    throw new ApiError(`${method} ${path} answered ${res.status}: ${message}`, res.status, parsed,
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined);
  }
  return { status: res.status, body: parsed as T };
}
