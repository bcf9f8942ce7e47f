// Treebank sentences for training and scoring: CoNLL-U read once, words hashed once, tags and
// labels as small integers. Multiword tokens and empty nodes are not words here (UD's basic tree).

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readConllu } from '../../shared/analysis/syntax/conllu.js';
import { UPOS as UPOS_NAMES, UPOS_INDEX, type TagSet } from '../../shared/analysis/syntax/tagger.js';
import { hashWords, type ClusterLexicon, type SentenceWords } from '../../shared/analysis/syntax/words.js';

export interface TreebankSentence {
  forms: string[];
  words: SentenceWords;
  upos: Uint8Array;
  /** "UPOS|XPOS" of each word, as in the treebank. */
  pairs: string[];
  /** Gold tags in the tag set being trained (see withTags). */
  tags: Uint8Array;
  /** Gold head of word i (0-based words; 0 is the root, word i is i + 1). */
  heads: Int32Array;
  /** Dependency relations with subtypes, as in the treebank. */
  deprels: string[];
  /** Lemmas, as in the treebank. */
  lemmas: string[];
}

export function readTreebank(path: string, clusters?: ClusterLexicon): TreebankSentence[] {
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return readConllu(text).map((s) => {
    const forms = s.words.map((w) => w.form);
    const upos = Uint8Array.from(s.words.map((w) => {
      const t = UPOS_INDEX.get(w.upos);
      if (t === undefined) throw new Error(`${path}: unknown UPOS "${w.upos}"`);
      return t;
    }));
    return {
      forms,
      words: hashWords(forms, clusters),
      upos,
      pairs: s.words.map((w) => `${w.upos}|${w.xpos}`),
      tags: upos,
      heads: Int32Array.from(s.words.map((w) => w.head)),
      deprels: s.words.map((w) => w.deprel),
      lemmas: s.words.map((w) => w.lemma),
    };
  });
}

/** The tag set to train: UPOS, or UPOS|XPOS pairs seen in `train` (most frequent first). */
export function tagSetFrom(train: readonly TreebankSentence[], fine: boolean): string[] {
  if (!fine) return [...UPOS_NAMES];
  const counts = new Map<string, number>();
  for (const s of train) for (const p of s.pairs) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
}

/** Sets each sentence's gold `tags` in `tagSet`; a pair the set lacks becomes its UPOS's commonest tag. */
export function withTags(sentences: readonly TreebankSentence[], tagSet: TagSet): TreebankSentence[] {
  const index = new Map(tagSet.names.map((n, i) => [n, i]));
  const byUpos = new Map<number, number>();
  tagSet.upos.forEach((u, i) => { if (!byUpos.has(u)) byUpos.set(u, i); });
  return sentences.map((s) => ({
    ...s,
    tags: Uint8Array.from(s.pairs.map((p, i) => index.get(p) ?? index.get(p.split('|')[0]) ?? byUpos.get(s.upos[i]) ?? 0)),
  }));
}
