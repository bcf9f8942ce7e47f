// Extractive summary: k sentences of the article, in article order.
//
// Each sentence gets a score from three signals, then sentences are picked greedily by score,
// skipping near-duplicates of sentences already picked:
// - lead: news puts the gist first, so the score decays with the position among candidates;
// - salient actors: the salience of the distinct actors the sentence mentions (places and media
//   count half: they set the scene rather than act);
// - strong stances: the strongest |Goldstein score| x confidence among the sentence's stances,
//   plus a little for each further stance (a sentence that relates several actors says more).
// Headlines (no final punctuation), fragments of fewer than MIN_WORDS words and question
// sentences are not candidates or are held back; quotes count a little less than narration.

import type { DocSentence } from './text/document.js';
import type { ActorAnalysis, Sentence, Stance } from './types.js';

/** Weights of the three signals; they sum to 1 so a score stays in [0, 1]. */
const LEAD_WEIGHT = 0.45;
const ACTOR_WEIGHT = 0.3;
const STANCE_WEIGHT = 0.25;
/** Position (among candidates) at which the lead signal has fallen to 1/e. */
const LEAD_DECAY = 4;
/** Summed salience at which the actor signal saturates. */
const ACTOR_SATURATION = 1.5;
/** Two sentences sharing more than this share of their words (Jaccard) are near-duplicates. */
const NEAR_DUPLICATE_JACCARD = 0.6;
const MIN_WORDS = 6;
/** Sentences longer than this read badly as a summary line and lose a little. */
const LONG_WORDS = 45;

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_START = /^[\p{L}\p{N}]/u;

/** The sentence's words of three letters or more, lower case: the document's tokens when it has been read. */
function words(s: Sentence | DocSentence): string[] {
  if (!('tokens' in s)) return (s.text.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 2);
  const out: string[] = [];
  for (const t of s.tokens) if (t.lower.length > 2 && WORD_START.test(t.lower)) out.push(t.lower);
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

const isHeadline = (text: string): boolean => !/[.!?]["”’')\]]*$/.test(text.trim());

/** Picks k sentences (default 3) that favour the lead, salient actors and strong stances, with no near-duplicates. */
export function summarise(analysis: ActorAnalysis, stances: Stance[], k = 3): string[] {
  if (k <= 0) return [];
  const salience = new Map(analysis.actors.map((a) => [a.id, a.type === 'place' || a.type === 'media' ? a.salience / 2 : a.salience]));
  const actorsBySentence = new Map<number, Set<string>>();
  for (const m of analysis.mentions) {
    const set = actorsBySentence.get(m.sentence) ?? new Set<string>();
    set.add(m.actorId);
    actorsBySentence.set(m.sentence, set);
  }
  const stancesBySentence = new Map<number, Stance[]>();
  for (const s of stances) {
    const list = stancesBySentence.get(s.sentence) ?? [];
    list.push(s);
    stancesBySentence.set(s.sentence, list);
  }

  const candidates: { s: Sentence; words: string[] }[] = [];
  for (const s of analysis.sentences) {
    if (isHeadline(s.text)) continue;
    const w = words(s);
    if (w.length >= MIN_WORDS) candidates.push({ s, words: w });
  }
  const scored = candidates.map(({ s, words: w }, position) => {
    const lead = Math.exp(-position / LEAD_DECAY);
    let sal = 0;
    for (const id of actorsBySentence.get(s.index) ?? []) sal += salience.get(id) ?? 0;
    const actor = Math.min(1, sal / ACTOR_SATURATION);
    const own = stancesBySentence.get(s.index) ?? [];
    const strongest = own.reduce((m, st) => Math.max(m, (Math.abs(st.score) / 10) * st.confidence), 0);
    const stance = Math.min(1, strongest + 0.1 * Math.max(0, Math.min(own.length, 4) - 1));
    let score = LEAD_WEIGHT * lead + ACTOR_WEIGHT * actor + STANCE_WEIGHT * stance;
    const text = s.text.trim();
    if (/^["“‘']/.test(text)) score *= 0.85;
    if (/\?["”’']?$/.test(text)) score *= 0.7;
    if (w.length > LONG_WORDS) score *= 0.9;
    return { s, score, bag: new Set(w) };
  });

  const picked: typeof scored = [];
  for (const c of [...scored].sort((a, b) => b.score - a.score || a.s.index - b.s.index)) {
    if (picked.length >= k) break;
    if (picked.some((p) => jaccard(p.bag, c.bag) > NEAR_DUPLICATE_JACCARD)) continue;
    picked.push(c);
  }
  return picked.sort((a, b) => a.s.index - b.s.index).map((p) => p.s.text.trim());
}
