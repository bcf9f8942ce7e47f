import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../shared/errors.js';
import { parseIngestBody } from '../../shared/pipeline/ingest.js';

const parse = (body: string | null) => parseIngestBody(body, 100);

describe('parseIngestBody', () => {
  it('returns the URL strings of a valid body', () => {
    expect(parse('{"urls": ["https://a.example/1", "https://b.example/2"]}')).toEqual(['https://a.example/1', 'https://b.example/2']);
  });

  it.each([
    [null, /empty/],
    ['   ', /empty/],
    ['{"urls": [', /not valid JSON/],
    ['"https://a.example"', /object with a "urls" array/],
    ['[]', /object with a "urls" array/],
    ['{"url": "https://a.example"}', /object with a "urls" array/],
    ['{"urls": "https://a.example"}', /must be an array/],
    ['{"urls": []}', /empty/],
    ['{"urls": ["https://a.example", 42, {"u": 1}]}', /positions 1, 2/],
  ])('rejects %j with a clear 400 message', (body, message) => {
    const attempt = () => parse(body);
    expect(attempt).toThrow(BadRequestError);
    expect(attempt).toThrow(message);
  });

  it('limits the number of URLs per request and says how many came', () => {
    const urls = Array.from({ length: 101 }, (_, i) => `https://a.example/${i}`);
    expect(() => parse(JSON.stringify({ urls }))).toThrow('At most 100 URLs per request (got 101)');
  });
});
