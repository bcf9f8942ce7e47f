import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../shared/fetch/index.js';

const NOW = Date.parse('2026-12-03T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Thu, 03 Dec 2026 10:02:00 GMT', 120],
    ['Thursday, 03-Dec-26 10:00:30 GMT', 30],
    ['Thu Dec  3 10:00:05 2026', 5],
    ['Thu, 03 Dec 2026 09:00:00 GMT', 0],
  ])('reads %j as %i seconds', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });

  it.each([undefined, '', 'soon', '-5', '1.5', '12 minutes'])('gives up on %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});
