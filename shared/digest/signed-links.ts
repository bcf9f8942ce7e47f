// Signed, expiring links to digest pages. A browser cannot send the `x-api-key` header, so the CLI
// and the demo print a link that carries its own proof instead: an HMAC-SHA256 over the exact
// path and the expiry. The link opens that one path until it expires and nothing else; requests
// with the API key are served as before, so the API is not weakened. The key can be rotated: links
// signed with the previous one still open until they expire, new ones are signed with the current.

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How long a printed link stays valid when the caller does not say: 7 days, long enough to read
 * a week of digests from one printed link, short enough that a leaked link dies on its own.
 */
export const DEFAULT_LINK_TTL_S = 7 * 24 * 60 * 60;

/** A secret shorter than this is a configuration error, not a key. */
const MIN_SECRET_LENGTH = 16;
/** base64url of a 32-byte SHA-256 HMAC, without padding. */
const SIGNATURE_LENGTH = 43;
/** Seconds since the epoch, as written by signPath: digits only, no sign, no exponent. */
const EXPIRES_PATTERN = /^[0-9]{1,12}$/;

/** The link-signing keys: `previous` is the one before the last rotation, absent if there was none. */
export interface LinkSecrets {
  current: string;
  previous?: string;
}

export type SignedLinkFailure = 'missing' | 'malformed' | 'expired' | 'bad-signature';

export type SignedLinkResult = { ok: true; expiresAt: Date } | { ok: false; reason: SignedLinkFailure };

/** Query parameters as API Gateway (`queryStringParameters`) or a URL gives them. */
export type QueryParams = URLSearchParams | Record<string, string | string[] | undefined> | null | undefined;

export class SignedLinkConfigError extends Error {
  override name = 'SignedLinkConfigError';
}

function checkSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SignedLinkConfigError(`The link-signing secret must be at least ${MIN_SECRET_LENGTH} characters; set a longer one`);
  }
}

function checkPath(path: string): void {
  // The signature covers the path exactly as the server sees it; a query or a newline in it would
  // make "path\nexpires" ambiguous.
  if (!path.startsWith('/') || /[?#\n\r]/.test(path)) {
    throw new SignedLinkConfigError(`Cannot sign "${path}": give an absolute path without query, fragment or newline`);
  }
}

function mac(path: string, expires: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${path}\n${expires}`, 'utf8').digest();
}

/** `path?expires=<epoch seconds>&sig=<base64url HMAC-SHA256 of "path\nexpires">`. */
export function signPath(path: string, secret: string, expiresAt: Date): string {
  checkSecret(secret);
  checkPath(path);
  const ms = expiresAt.getTime();
  if (!Number.isFinite(ms) || ms <= 0) throw new SignedLinkConfigError('The expiry of a signed link must be a valid date after 1970');
  const expires = String(Math.floor(ms / 1000));
  const sig = mac(path, expires, secret).toString('base64url');
  return `${path}?expires=${expires}&sig=${sig}`;
}

function param(query: QueryParams, name: string): string | undefined {
  if (!query) return undefined;
  if (query instanceof URLSearchParams) {
    const all = query.getAll(name);
    return all.length === 1 ? all[0] : all.length === 0 ? undefined : '';
  }
  const v = query[name];
  if (Array.isArray(v)) return v.length === 1 ? v[0] : '';
  return v;
}

/**
 * Checks a signed link for `path` (the request's path, without query). The signature is compared
 * in constant time; a signature made for another path (another date, another format) or with
 * another expiry does not match. Repeated parameters are malformed, not "the first one wins".
 * A signature by the previous secret is as good as one by the current: a rotation does not break
 * the links already handed out, and they die on their own within DEFAULT_LINK_TTL_S.
 */
export function verifySignedPath(path: string, query: QueryParams, secrets: LinkSecrets, now: Date = new Date()): SignedLinkResult {
  const keys = secrets.previous === undefined ? [secrets.current] : [secrets.current, secrets.previous];
  keys.forEach(checkSecret);
  const expires = param(query, 'expires');
  const sig = param(query, 'sig');
  if (expires === undefined || sig === undefined) return { ok: false, reason: 'missing' };
  if (!EXPIRES_PATTERN.test(expires) || sig.length !== SIGNATURE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(sig)) {
    return { ok: false, reason: 'malformed' };
  }
  // Compare the base64url text, not decoded bytes: the last character of 43 carries two unused
  // bits, so decoding would accept four spellings of one signature.
  const given = Buffer.from(sig, 'ascii');
  const signedBy = (key: string) => timingSafeEqual(given, Buffer.from(mac(path, expires, key).toString('base64url'), 'ascii'));
  // Check the signature before the expiry, so an attacker learns nothing from the reason about
  // links they did not get from us.
  if (!keys.some(signedBy)) return { ok: false, reason: 'bad-signature' };
  const expiresAt = new Date(Number(expires) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt };
}
