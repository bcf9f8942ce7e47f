// A small client for the newsdigest API (local or deployed), used by the CLI and the demo.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from './runtime.js';

export interface ApiTarget {
  baseUrl: string;
  apiKey: string;
}

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly body: unknown) {
    super(message);
    this.name = 'ApiError';
  }
}

/** --api/--key, then NEWSDIGEST_API/NEWSDIGEST_API_KEY, then the local pipeline's defaults. */
export function resolveApiTarget(api?: string, key?: string, env: NodeJS.ProcessEnv = process.env): ApiTarget {
  const baseUrl = (api ?? env.NEWSDIGEST_API ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, '');
  let apiKey = key ?? env.NEWSDIGEST_API_KEY;
  if (!apiKey) {
    const file = join(resolveDataDir({ env }), 'api-key');
    if (existsSync(file)) apiKey = readFileSync(file, 'utf8').trim();
  }
  if (!apiKey) throw new Error('no API key: pass --key, set NEWSDIGEST_API_KEY, or start the local pipeline once (it keeps its key in .data/api-key)');
  return { baseUrl, apiKey };
}

export async function callApi<T>(target: ApiTarget, method: string, path: string, body?: unknown): Promise<T> {
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
    throw new ApiError(`${method} ${path} answered ${res.status}: ${message}`, res.status, parsed);
  }
  return parsed as T;
}
