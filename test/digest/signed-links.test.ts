import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_TTL_S, SignedLinkConfigError, signPath, verifySignedPath } from '../../shared/digest/signed-links.js';

const SECRET = 'a-link-signing-secret-of-some-length';
const KEYS = { current: SECRET };
const NOW = new Date('2026-11-29T08:00:00Z');
const IN_A_WEEK = new Date(NOW.getTime() + DEFAULT_LINK_TTL_S * 1000);

function split(link: string): { path: string; query: URLSearchParams } {
  const url = new URL(link, 'http://localhost');
  return { path: url.pathname, query: url.searchParams };
}

describe('signed links', () => {
  it('signs a path as path?expires=<epoch s>&sig=<base64url>', () => {
    const link = signPath('/digests/2026-11-28.html', SECRET, IN_A_WEEK);
    expect(link).toMatch(/^\/digests\/2026-11-28\.html\?expires=\d+&sig=[A-Za-z0-9_-]{43}$/);
    expect(split(link).query.get('expires')).toBe(String(Math.floor(IN_A_WEEK.getTime() / 1000)));
    expect(DEFAULT_LINK_TTL_S).toBe(7 * 24 * 3600);
  });

  it('accepts a valid link until it expires, and says when', () => {
    const { path, query } = split(signPath('/digests/2026-11-28.html', SECRET, IN_A_WEEK));
    const result = verifySignedPath(path, query, KEYS, NOW);
    expect(result).toEqual({ ok: true, expiresAt: new Date(Math.floor(IN_A_WEEK.getTime() / 1000) * 1000) });
    // API Gateway hands the query as a plain record.
    expect(verifySignedPath(path, Object.fromEntries(query), KEYS, NOW).ok).toBe(true);
  });

  it('rejects an expired link, also at the exact second of expiry', () => {
    const expiresAt = new Date('2026-11-29T09:00:00Z');
    const { path, query } = split(signPath('/digests/2026-11-28.html', SECRET, expiresAt));
    expect(verifySignedPath(path, query, KEYS, new Date('2026-11-29T08:59:59Z')).ok).toBe(true);
    expect(verifySignedPath(path, query, KEYS, expiresAt)).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignedPath(path, query, KEYS, new Date('2026-12-10T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a signature used for another path, another date or another format', () => {
    const { query } = split(signPath('/digests/2026-11-28.html', SECRET, IN_A_WEEK));
    expect(verifySignedPath('/digests/2026-11-27.html', query, KEYS, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignedPath('/digests/2026-11-28.md', query, KEYS, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignedPath('/digests/2026-11-28', query, KEYS, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignedPath('/articles/0123456789abcdef', query, KEYS, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a stretched expiry (the expiry is signed)', () => {
    const { path, query } = split(signPath('/digests/2026-11-28.html', SECRET, IN_A_WEEK));
    query.set('expires', String(Number(query.get('expires')) + 365 * 24 * 3600));
    expect(verifySignedPath(path, query, KEYS, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a tampered signature, including a change in the last character', () => {
    const { path, query } = split(signPath('/digests/2026-11-28.html', SECRET, IN_A_WEEK));
    const sig = query.get('sig')!;
    for (const i of [0, 20, sig.length - 1]) {
      const flipped = sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1);
      const q = new URLSearchParams(query);
      q.set('sig', flipped);
      expect(verifySignedPath(path, q, KEYS, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    }
  });

  it('rejects a link signed with another secret', () => {
    const { path, query } = split(signPath('/digests/2026-11-28.html', 'another-secret-of-enough-length', IN_A_WEEK));
    expect(verifySignedPath(path, query, KEYS, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('after a rotation, accepts links signed with the previous secret until they expire', () => {
    const rotated = { current: 'the-new-link-signing-secret-of-length', previous: SECRET };
    const { path, query } = split(signPath('/digests/2026-11-28.html', SECRET, IN_A_WEEK));
    expect(verifySignedPath(path, query, rotated, NOW).ok).toBe(true);
    expect(verifySignedPath(path, query, rotated, IN_A_WEEK)).toEqual({ ok: false, reason: 'expired' });
    const byCurrent = split(signPath('/digests/2026-11-28.html', rotated.current, IN_A_WEEK));
    expect(verifySignedPath(byCurrent.path, byCurrent.query, rotated, NOW).ok).toBe(true);
    // A key rotated out twice is no longer either of them.
    const byNeither = split(signPath('/digests/2026-11-28.html', 'a-key-from-two-rotations-ago-long', IN_A_WEEK));
    expect(verifySignedPath(byNeither.path, byNeither.query, rotated, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    // The expiry is still checked only after the signature, with either key.
    expect(verifySignedPath(byNeither.path, byNeither.query, rotated, IN_A_WEEK)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(() => verifySignedPath(path, query, { current: SECRET, previous: 'short' }, NOW)).toThrow(SignedLinkConfigError);
  });

  it('rejects missing, repeated and malformed parameters', () => {
    const { path, query } = split(signPath('/digests/2026-11-28.html', SECRET, IN_A_WEEK));
    expect(verifySignedPath(path, null, KEYS, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignedPath(path, {}, KEYS, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignedPath(path, { expires: query.get('expires')! }, KEYS, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignedPath(path, { sig: query.get('sig')! }, KEYS, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignedPath(path, { expires: '1e12', sig: query.get('sig')! }, KEYS, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignedPath(path, { expires: '-5', sig: query.get('sig')! }, KEYS, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignedPath(path, { expires: query.get('expires')!, sig: 'short' }, KEYS, NOW)).toEqual({ ok: false, reason: 'malformed' });
    const repeated = new URLSearchParams(query);
    repeated.append('sig', query.get('sig')!);
    expect(verifySignedPath(path, repeated, KEYS, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignedPath(path, { expires: query.get('expires')!, sig: [query.get('sig')!, 'x'] }, KEYS, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to sign with a weak secret or an ambiguous path', () => {
    expect(() => signPath('/digests/2026-11-28.html', 'short', IN_A_WEEK)).toThrow(SignedLinkConfigError);
    expect(() => verifySignedPath('/digests/2026-11-28.html', {}, { current: '' }, NOW)).toThrow(SignedLinkConfigError);
    expect(() => signPath('digests/2026-11-28.html', SECRET, IN_A_WEEK)).toThrow(/absolute path/);
    expect(() => signPath('/digests/2026-11-28.html?x=1', SECRET, IN_A_WEEK)).toThrow(SignedLinkConfigError);
    expect(() => signPath('/digests/a\n123', SECRET, IN_A_WEEK)).toThrow(SignedLinkConfigError);
    expect(() => signPath('/digests/2026-11-28.html', SECRET, new Date(Number.NaN))).toThrow(SignedLinkConfigError);
  });
});
