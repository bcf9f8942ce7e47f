// What one article adds to its day, and when two articles are the same story.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../shared/article.js';
import type { Analysis, Stance } from '../../shared/analysis/types.js';
import {
  compareFingerprints, contributionOf, EVIDENCE_PER_RELATION, fingerprintOf, siteOf, TOP_STANCES_PER_ARTICLE,
} from '../../shared/digest/contribution.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/analysis');
const fixtureTexts = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => ({ name: f, text: readFileSync(path.join(FIXTURES, f), 'utf8') }));
const heatPumps = fixtureTexts.find((f) => f.name.startsWith('01-'))!.text;

function record(over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'a1b2c3d4e5f60718', url: 'https://news.example/story', canonicalUrl: 'https://news.example/story',
    status: 'analyzed', day: '2026-11-23', createdAt: '2026-11-23T08:00:00Z', updatedAt: '2026-11-23T08:01:00Z',
    stages: { ingest: { at: '2026-11-23T08:00:00Z' } }, title: 'EU imposes duties on Chinese heat pumps',
    siteName: 'Example News', publishedTime: '2026-11-23T07:30:00Z', text: heatPumps, ...over,
  };
}

const stance = (over: Partial<Stance>): Stance => ({
  sentence: 0, text: 'The EU imposed duties on China.', source: 'eu', target: 'CHN', polarity: -1, score: -8,
  category: 'sanction', claim: null, confidence: 0.8, ...over,
});

const analysis: Analysis = {
  actors: [
    { id: 'eu', name: 'European Union', type: 'organization', aliases: [], mentions: [{ start: 0, end: 2 }, { start: 10, end: 12 }], salience: 0.9 },
    { id: 'CHN', name: 'China', type: 'country', aliases: [], mentions: [{ start: 20, end: 25 }], salience: 0.8 },
    { id: 'FRA', name: 'France', type: 'country', aliases: [], mentions: [{ start: 30, end: 36 }], salience: 0.2 },
  ],
  stances: [
    stance({ sentence: 1, score: -8 }),
    stance({ sentence: 4, score: -2, category: 'accuse', source: 'CHN', target: 'eu', text: 'China accused the EU of protectionism.', claim: 'CHN' }),
    stance({ sentence: 5, score: -5.8, category: 'threaten', source: 'CHN', target: 'eu', text: 'China threatened countermeasures.' }),
    stance({ sentence: 6, score: 3.4, category: 'praise', polarity: 1, source: 'FRA', target: 'eu', text: 'France praised the Commission.' }),
    stance({ sentence: 7, score: -2, source: 'CHN', target: 'eu', text: 'China rejected it.', confidence: 0.5 }),
    stance({ sentence: 8, score: -2, source: 'CHN', target: 'eu', text: 'China rejected it again.', confidence: 0.9 }),
    stance({ sentence: 9, score: 5, source: 'eu', target: 'eu', text: 'The EU praised itself.' }),
    // A source the actor stage did not list still gets an actor entry.
    stance({ sentence: 10, score: -4, source: 'HUN', target: 'eu', text: 'Hungary criticised the Commission.' }),
  ],
  summary: ['The European Union imposed provisional anti-subsidy duties on heat pumps made in China.', 'Second.'],
};

describe('contributionOf', () => {
  const c = contributionOf(record(), analysis);

  it('sums per actor: mentions, salience, stances given and received (self-stances left out)', () => {
    const eu = c.actors.find((a) => a.id === 'eu')!;
    expect(eu).toMatchObject({ name: 'European Union', type: 'organization', mentions: 2, salience: 0.9, givenSum: -8, givenCount: 1 });
    expect(eu.receivedCount).toBe(6);
    expect(eu.receivedSum).toBeCloseTo(-2 - 5.8 + 3.4 - 2 - 2 - 4, 6);
    const chn = c.actors.find((a) => a.id === 'CHN')!;
    expect(chn).toMatchObject({ givenCount: 4, receivedSum: -8, receivedCount: 1 });
    expect(c.actors.find((a) => a.id === 'HUN')).toMatchObject({ name: 'HUN', mentions: 0, salience: 0, givenCount: 1 });
    expect(c.actors.map((a) => a.id)).toEqual(['CHN', 'FRA', 'HUN', 'eu']);
  });

  it('sums per relation and keeps its strongest evidence, linked to the article', () => {
    const rel = c.relations.find((r) => r.source === 'CHN' && r.target === 'eu')!;
    expect(rel.count).toBe(4);
    expect(rel.net).toBeCloseTo(-11.8, 6);
    expect(rel.evidence).toHaveLength(EVIDENCE_PER_RELATION);
    expect(rel.evidence.map((e) => e.sentence)).toEqual([5, 8, 4]); // |score| desc, then confidence
    expect(rel.evidence[0]).toMatchObject({
      articleId: 'a1b2c3d4e5f60718', url: 'https://news.example/story', title: 'EU imposes duties on Chinese heat pumps',
      site: 'Example News', key: 'a1b2c3d4e5f60718:5', category: 'threaten',
    });
    expect(c.relations.some((r) => r.source === r.target)).toBe(false);
  });

  it('offers its strongest stances to the day, at most a fixed number', () => {
    expect(c.topStances[0]).toMatchObject({ source: 'eu', target: 'CHN', score: -8 });
    expect(c.topStances.length).toBeLessThanOrEqual(TOP_STANCES_PER_ARTICLE);
    const many = contributionOf(record(), { ...analysis, stances: Array.from({ length: 30 }, (_, i) => stance({ sentence: i, score: -(i % 10) - 1 })) });
    expect(many.topStances).toHaveLength(TOP_STANCES_PER_ARTICLE);
    expect(many.topStances.map((s) => s.score)).toEqual([-10, -10, -10, -9, -9, -9, -8, -8, -8, -7]);
  });

  it('makes a short line: the first summary sentence, else the excerpt', () => {
    expect(c.line).toEqual({
      id: 'a1b2c3d4e5f60718', url: 'https://news.example/story', title: 'EU imposes duties on Chinese heat pumps', site: 'Example News',
      publishedTime: '2026-11-23T07:30:00Z', summary: 'The European Union imposed provisional anti-subsidy duties on heat pumps made in China.',
      stances: c.topStances.length,
    });
    expect(c.line.stances).toBeGreaterThan(0);
    const noSummary = contributionOf(record({ excerpt: 'The excerpt.' }), { ...analysis, summary: [] });
    expect(noSummary.line.summary).toBe('The excerpt.');
    const long = contributionOf(record(), { ...analysis, summary: ['word '.repeat(200)] });
    expect(long.line.summary.length).toBeLessThanOrEqual(240);
    expect(long.line.summary.endsWith('…')).toBe(true);
  });

  it('credits the site name, else the host without www', () => {
    expect(siteOf({ siteName: 'Meridian', canonicalUrl: 'https://x.example/a' })).toBe('Meridian');
    expect(siteOf({ siteName: undefined, canonicalUrl: 'https://www.x.example/a', finalUrl: 'https://www.y.example/b' })).toBe('y.example');
    expect(contributionOf(record({ siteName: undefined }), analysis).site).toBe('news.example');
  });
});

describe('near-duplicate fingerprints', () => {
  // A site's copy of the wire story: its own headline, dateline and credit line, a few words edited.
  const copy = heatPumps
    .replace(/^.*\n/, 'Beijing vows response as EU slaps duties on Chinese heat pumps\n')
    .replace('BRUSSELS, Nov 23 (Meridian Wire) -', 'BRUSSELS (Daily Courier) -')
    .replace('escalating a trade dispute', 'deepening a trade dispute')
    .replace('struck a cautious tone', 'sounded a cautious note')
    .replace(/Reporting by .*$/, 'Copyright Daily Courier 2026');
  // The same story, reported independently: same facts and quotes, different sentences.
  const rewrite = `EU hits Chinese heat pumps with tariffs as Beijing cries protectionism

Brussels on Monday slapped temporary duties of as much as 34.6% on Chinese-made heat pumps, saying
state support let China's manufacturers sell up to 40% below European prices. Beijing warned that
the move would "seriously damage" relations and promised "all necessary measures".
The levies start on Tuesday. EU governments have four months to decide whether they become
permanent, and the bloc is divided: Paris, Rome and Madrid support the tariffs while Budapest and
Bratislava fear a trade war. Germany's chancellor called for "a negotiated solution". Trade chief
Annelie Vestergaard insisted Europe was "not closing our market" and only wanted fair competition.
Chinese officials hinted at probes into European pork, dairy and brandy.`;

  it('a wire copy with a new headline, dateline and a few edits is a duplicate', () => {
    const cmp = compareFingerprints(fingerprintOf(heatPumps)!, fingerprintOf(copy)!);
    expect(cmp.duplicate).toBe(true);
    expect(cmp.jaccard).toBeGreaterThan(0.7);
  });

  it('a copy cut to its first half is a duplicate (contained in the original)', () => {
    const paras = heatPumps.split('\n').filter(Boolean);
    const half = paras.slice(0, Math.ceil(paras.length / 2)).join('\n\n');
    const cmp = compareFingerprints(fingerprintOf(heatPumps)!, fingerprintOf(half)!);
    expect(cmp.containment).toBeGreaterThan(0.8);
    expect(cmp.duplicate).toBe(true);
  });

  it('an independent report of the same story is not', () => {
    const cmp = compareFingerprints(fingerprintOf(heatPumps)!, fingerprintOf(rewrite)!);
    expect(cmp.duplicate).toBe(false);
    expect(cmp.jaccard).toBeLessThan(0.2);
  });

  it('no two different fixture articles are duplicates', () => {
    const fps = fixtureTexts.map((f) => fingerprintOf(f.text)!);
    for (let i = 0; i < fps.length; i++) {
      for (let j = i + 1; j < fps.length; j++) {
        const cmp = compareFingerprints(fps[i], fps[j]);
        expect(cmp.duplicate, `${fixtureTexts[i].name} vs ${fixtureTexts[j].name}`).toBe(false);
        expect(cmp.jaccard).toBeLessThan(0.2);
      }
    }
  });

  it('is deterministic, and absent for a text too short to compare', () => {
    expect(fingerprintOf(heatPumps)).toEqual(fingerprintOf(heatPumps));
    expect(fingerprintOf(heatPumps)!.minhash).toMatch(/^[0-9a-f]{256}$/);
    expect(fingerprintOf('Too short to say anything.')).toBeUndefined();
    expect(contributionOf(record({ text: '' }), { ...analysis, summary: [] }).fingerprint).toBeUndefined();
  });

  it('falls back to the title and summary when the record has no text', () => {
    const c = contributionOf(record({ text: undefined }), analysis);
    expect(c.fingerprint).toBeUndefined(); // title + one summary sentence: too short
    const longSummary = { ...analysis, summary: heatPumps.split('\n').filter(Boolean).slice(1, 4) };
    expect(contributionOf(record({ text: undefined }), longSummary).fingerprint).toBeDefined();
  });
});
