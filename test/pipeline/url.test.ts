import { describe, expect, it } from 'vitest';
import { articleIdFor, canonicalizeUrl, isValidDay } from '../../shared/url.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTPS://WWW.Example.COM/News/Story?b=2&a=1#comments', 'https://www.example.com/News/Story?a=1&b=2'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com/a?utm_source=x&utm_medium=y&id=7&fbclid=abc', 'https://example.com/a?id=7'],
    ['https://example.com/a?gclid=1&mc_cid=2&_ga=3', 'https://example.com/a'],
    ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['https://bücher.example/artikel', 'https://xn--bcher-kva.example/artikel'],
    ['  https://example.com/padded  ', 'https://example.com/padded'],
    ['https://example.com./trailing-dot', 'https://example.com/trailing-dot'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('keeps parameters that select content, in a stable order', () => {
    expect(canonicalizeUrl('https://e.com/?page=2&id=9')).toBe(canonicalizeUrl('https://e.com/?id=9&page=2'));
  });

  it.each([
    ['', /empty/],
    ['not a url', /not an absolute URL/],
    ['/relative/path', /not an absolute URL/],
    ['ftp://example.com/file', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['https://user:secret@example.com/', /credentials/],
    [`https://example.com/${'a'.repeat(2100)}`, /longer than 2048/],
  ])('rejects %j with a reason', (input, reason) => {
    expect(() => canonicalizeUrl(input)).toThrow(reason);
  });
});

describe('articleIdFor', () => {
  it('is the first 16 hex characters of sha256(canonical URL)', () => {
    // sha256("https://example.com/a") computed independently with `printf %s ... | sha256sum`
    expect(articleIdFor('https://example.com/a')).toBe('2dce0a4c50441bfc');
  });

  it('maps variants of one URL to one id', () => {
    const a = articleIdFor(canonicalizeUrl('https://Example.com/story?utm_campaign=x#top'));
    const b = articleIdFor(canonicalizeUrl('https://example.com/story'));
    expect(a).toBe(b);
  });
});

describe('isValidDay', () => {
  it.each(['2026-11-28', '2024-02-29'])('accepts %s', (d) => expect(isValidDay(d)).toBe(true));
  it.each(['2026-13-40', '2026-02-30', '2025-02-29', '26-11-28', '2026-1-2', '2026-11-28T00:00:00Z', ''])('rejects %s', (d) => expect(isValidDay(d)).toBe(false));
});
