// The actor stage keeps no state between articles: resolution works on its own copies of the
// mentions, and an engine made afresh gives the same analysis as the process's one.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseActors, createActorEngine } from '../../shared/analysis/actors/index.js';
import { findMentions } from '../../shared/analysis/actors/mentions/index.js';
import { resolveActors } from '../../shared/analysis/actors/resolve/index.js';
import { splitSentences } from '../../shared/analysis/sentences.js';

const SEED = readFileSync(new URL('../fixtures/retold/russia-venezuela.txt', import.meta.url), 'utf8');

describe('actor stage state', () => {
  it('resolveActors leaves the mentions it is given as they were', () => {
    // "Robin Cook" is promoted to a person and "near Khan Younis" becomes a place inside resolution
    const text = 'Robin Cook, who resigned, spoke. Mr Cook said the talks near Khan Younis failed. ' + SEED;
    const s = splitSentences(text);
    const raw = findMentions(text, s);
    const before = structuredClone(raw);
    resolveActors(text, s, raw);
    expect(raw).toEqual(before);
  });

  it('gives the same analysis on a second run and with a fresh engine', () => {
    const first = analyseActors(SEED);
    expect(analyseActors(SEED)).toEqual(first);
    expect(analyseActors(SEED, {}, undefined, createActorEngine())).toEqual(first);
  });
});
