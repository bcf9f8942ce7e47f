// The analyser never throws on text, and no rule fails on any sentence of the repository's own
// texts or of generated text built to break rules: random Unicode, one long run of words without
// punctuation, thousands of one-word sentences, deeply nested quotes and brackets. (npm run eval
// does the same over 11,095 real news sentences.)

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../shared/analysis/analyse.js';
import type { Analysis } from '../../shared/analysis/types.js';
import { extractArticle } from '../../shared/extract/index.js';
import { seededRandom } from '../../shared/random.js';

const ROOT = join(import.meta.dirname, '../..');
const texts = (dir: string, ext: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(ext)).map((f) => [`${dir}/${f}`, readFileSync(join(ROOT, dir, f), 'utf8')] as const);

/** Every offset the analysis gives points into the text, and nothing was skipped. */
function expectSound(text: string, a: Analysis): void {
  expect(a.skipped).toEqual([]);
  for (const actor of a.actors) for (const m of actor.mentions) expect(m.start >= 0 && m.end <= text.length && m.start < m.end).toBe(true);
  for (const s of a.stances) {
    if (s.trigger) expect(s.trigger.start >= 0 && s.trigger.end <= text.length).toBe(true);
    expect(text.includes(s.text)).toBe(true);
  }
}

const random = seededRandom(2026);
const WORDS = ['Russia', 'said', 'the', 'US', 'threatened', 'China', 'and', 'Iran', 'condemned', 'talks', 'with', 'he', 'she',
  'Putin', 'government', 'minister', 'sanctions', 'on', 'against', 'who', 'its', 'but', 'not', 'urged', 'to', 'by', 'was'];
const pick = () => WORDS[Math.floor(random() * WORDS.length)];

const generated: [string, string][] = [
  ['random Unicode', Array.from({ length: 20_000 }, () => String.fromCodePoint(Math.floor(random() * 0x2ffff))).join('')],
  ['100 KB without punctuation', Array.from({ length: 18_000 }, pick).join(' ').slice(0, 100_000)],
  ['5,000 one-word sentences', Array.from({ length: 5000 }, (_, i) => `${WORDS[i % WORDS.length]}.`).join(' ')],
  ['nested quotes and brackets', `${'"(“[\'‘«'.repeat(60).split('').map((o) => `${o}Russia said `).join('')}${'»’\']”)"'.repeat(60)} China condemned it.`],
  ['sentence-initial conjunctions', 'But running out the clock. And. Or Russia. But, said Iran, and.'],
  ['lone marks', '" \' ( ) [ ] , ; : . ! ? ... -- — ’s n\'t'],
];

describe('the analyser on texts built to break it', () => {
  it.each(generated)('%s', (_, text) => {
    expectSound(text, analyse(text));
  }, 60_000);

  it('a sentence that starts with a conjunction and has no subject (the crash of issue 8)', () => {
    const text = 'But Manning would not give the Chargers another chance, running out the clock with ball control offense to clinch the victory.';
    expectSound(text, analyse(text));
  });
});

describe('the analyser on the repository\'s own texts', () => {
  it.each([...texts('test/fixtures/analysis', '.txt'), ...texts('test/fixtures/retold', '.txt')])('%s', (_, text) => {
    expectSound(text, analyse(text));
  });

  it.each(texts('local/samples', '.html'))('%s (extracted)', (name, html) => {
    const article = extractArticle(html, `https://example.com/${name}`);
    expectSound(article.text, analyse(article.text, { title: article.title }));
  });
});
