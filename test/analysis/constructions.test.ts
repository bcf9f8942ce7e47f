// The construction registry as a table test: every example sentence, analysed end to end (actor
// stage included), yields at least the stances its construction promises, and a negative example
// yields none. Adding a construction adds its examples here without touching this file.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../shared/analysis/analyse.js';
import { CONSTRUCTIONS } from '../../shared/analysis/stances/constructions.js';

const cases = CONSTRUCTIONS.flatMap((c) => c.examples.map((e) => [c.name, e.text, e.stances] as const));

describe('stance constructions (shared/analysis/stances/constructions.ts)', () => {
  it('each construction has examples and names the module that reads it', () => {
    for (const c of CONSTRUCTIONS) {
      expect(c.examples.length, c.name).toBeGreaterThan(0);
      expect(existsSync(join(import.meta.dirname, '../../shared/analysis/stances', c.module)), `${c.name}: ${c.module}`).toBe(true);
    }
  });

  it.each(cases)('%s: %s', (_, text, expected) => {
    const got = analyse(text).stances.map((s) => `${s.source}>${s.target} ${s.polarity > 0 ? '+' : '-'}${s.category}`);
    if (expected.length === 0) expect(got).toEqual([]);
    else expect(got).toEqual(expect.arrayContaining([...expected]));
  });
});
