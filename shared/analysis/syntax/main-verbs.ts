// A correction the trained tagger needs on news English. EWT, its training treebank, is web text:
// a bare plural or a name followed by a past form is there mostly a noun with a participle ("the
// troops stationed there"), so in a news lead ("Israeli tanks shelled positions of ...", "Red
// Cross officials suspended aid deliveries") it tags the clause's only verb VBN or JJ, and the
// parser, without a finite verb, hangs it on the subject as a modifier, losing the whole event.
// A past form in that place, before any finite verb of its clause and with a noun phrase after it,
// is the clause's past-tense verb. Read by Penn tags only, so no word list is involved.

import type { TagSet } from './tagger.js';

/** Penn tags of a finite verb or modal: the clause has its verb already. */
const FINITE = /\|(?:VBD|VBZ|VBP|MD)$/;
/** Tags that open another clause (relative, subordinate, coordinated), whose verb is not this one's. */
const CLAUSE_OPENER = /\|(?:WDT|WP|WRB)$|^(?:SCONJ|CCONJ)\|/;
/** What the word before may be: the subject's head noun, or a time word after it ("officers today ended"). */
const SUBJECT_END = /^(?:NOUN|PROPN)\|/;
/** What may open the noun phrase after the verb: its object. */
const OBJECT_START = /^(?:DET|NUM|ADJ|NOUN|PROPN)\|/;

/**
 * Retags in place, as past tense (VBD), a past participle or adjective ending in "-ed" that follows
 * a noun and precedes a noun phrase, when no finite verb comes before it and none follows it in
 * its clause (up to a comma, a conjunction or a relative word: "Weapons seized the day before were
 * shown" stays a participle). Returns whether any tag changed.
 */
export function reviveMainVerbs(forms: readonly string[], tagIds: Uint8Array, tagSet: TagSet): boolean {
  const { names } = tagSet;
  const vbd = names.indexOf('VERB|VBD');
  if (vbd < 0) return false;
  for (let i = 1; i + 1 < forms.length; i++) {
    const name = names[tagIds[i]];
    if (FINITE.test(name)) return false; // the clause has its verb
    if (name !== 'VERB|VBN' && name !== 'ADJ|JJ') continue;
    if (!/[a-z]ed$/.test(forms[i]) || !SUBJECT_END.test(names[tagIds[i - 1]]) || !OBJECT_START.test(names[tagIds[i + 1]])) continue;
    if (finiteLaterInClause(tagIds, names, i + 1, forms)) return false;
    tagIds[i] = vbd; // the first such word is the clause's verb
    return true;
  }
  return false;
}

function finiteLaterInClause(tagIds: Uint8Array, names: readonly string[], from: number, forms: readonly string[]): boolean {
  for (let j = from; j < forms.length; j++) {
    const name = names[tagIds[j]];
    if (forms[j] === ',' || forms[j] === ';' || CLAUSE_OPENER.test(name)) return false;
    if (FINITE.test(name)) return true;
  }
  return false;
}

/** Relations under which the parser hangs a clause's verb on a noun when it found no verb to root the sentence. */
const NOUN_MODIFIER = new Set(['acl', 'amod']);

/**
 * The same mistake in the tree: a sentence rooted on a noun ("Russian aircraft including helicopter
 * gunships killed 46 Afghan civilians": "killed" read as a reduced relative of "gunships"), with a
 * finite verb (VBD, VBZ, VBP) hung on a noun as `acl` or `amod`. The verb becomes the root, the old
 * root its subject, and a noun it modified from the left its object ("Syrian officers today ended
 * mediation efforts": "ended" had been an adjective of "efforts"). Changes `head` and `deprel` in
 * place; returns whether it did.
 */
export function rerootNounSentence(tagNames: readonly string[], head: Int32Array, deprel: string[]): boolean {
  const root = head.indexOf(-1);
  if (root < 0 || !/^(?:NOUN|PROPN)\|/.test(tagNames[root])) return false;
  let v = -1;
  for (let i = root + 1; i < tagNames.length && v < 0; i++) if (NOUN_MODIFIER.has(deprel[i]) && FINITE.test(tagNames[i]) && tagNames[i].startsWith('VERB|')) v = i;
  if (v < 0) return false;
  const modified = head[v];
  head[v] = -1;
  deprel[v] = 'root';
  head[root] = v;
  deprel[root] = 'nsubj';
  if (modified > v && modified !== root) {
    head[modified] = v;
    deprel[modified] = 'obj';
  }
  return true;
}

/**
 * An agent without "by" ("US troops have killed eight al-Qaeda leaders": the labeller called
 * "leaders" `obl:agent`) is the verb's object, or an oblique when the verb has one; and a passive
 * subject of a verb that then has no passive auxiliary and no agent is its subject. Changes `deprel`
 * in place; returns whether it did.
 */
export function relabelCaselessAgents(forms: readonly string[], head: Int32Array, deprel: string[]): boolean {
  let changed = false;
  const childrenOf = (h: number, rel: string) => deprel.flatMap((d, j) => (head[j] === h && d === rel ? [j] : []));
  for (let i = 0; i < deprel.length; i++) {
    if (deprel[i] !== 'obl:agent' || childrenOf(i, 'case').some((c) => forms[c].toLowerCase() === 'by')) continue;
    const v = head[i];
    deprel[i] = v >= 0 && childrenOf(v, 'obj').length === 0 ? 'obj' : 'obl';
    changed = true;
    if (v >= 0 && childrenOf(v, 'aux:pass').length === 0 && childrenOf(v, 'obl:agent').length === 0) {
      for (const subj of childrenOf(v, 'nsubj:pass')) deprel[subj] = 'nsubj';
    }
  }
  return changed;
}

/** Tags of a clause's verb: any verb or auxiliary. */
const ANY_VERB = /^(?:VERB|AUX)\|/;
/** What ends a "that" clause for this purpose. */
const CLAUSE_END = new Set([',', ';', ':', '.', '!', '?']);
/** Tags a misread verb of a "that" clause comes out as. */
const MISREAD_AS = /^(?:NOUN|ADP|ADJ|ADV)\|/;

/**
 * A "that" clause with a subject and an object but no verb ("demanded that the Sudanese government
 * end curbs", "that President Mugabe abandon his policy"): its verb, a bare subjunctive EWT rarely
 * shows, was tagged as a noun or a preposition. Of the words that follow a noun and come before an
 * object phrase, the one the tagger itself finds most verb-like (`verbGap`: how far its best verb
 * score trails its best score) becomes a base-form verb (VB), if the tagger scores it as a verb at
 * all. Returns whether any tag changed.
 */
export function reviveSubjunctives(forms: readonly string[], tagIds: Uint8Array, tagSet: TagSet, verbGap: (i: number) => number | undefined): boolean {
  const { names } = tagSet;
  const vb = names.indexOf('VERB|VB');
  if (vb < 0) return false;
  let changed = false;
  for (let t = 0; t < forms.length; t++) {
    if (forms[t].toLowerCase() !== 'that' || !names[tagIds[t]].startsWith('SCONJ|')) continue;
    let end = t + 1;
    while (end < forms.length && !CLAUSE_END.has(forms[end])) end++;
    if ([...tagIds.subarray(t + 1, end)].some((id) => ANY_VERB.test(names[id]))) continue;
    let best = -1, bestGap = Infinity;
    for (let i = t + 2; i + 1 < end; i++) {
      if (!MISREAD_AS.test(names[tagIds[i]]) || !SUBJECT_END.test(names[tagIds[i - 1]]) || !OBJECT_START_OR_PRONOUN.test(names[tagIds[i + 1]])) continue;
      const gap = verbGap(i);
      if (gap !== undefined && gap < bestGap) { best = i; bestGap = gap; }
    }
    if (best >= 0) { tagIds[best] = vb; changed = true; }
  }
  return changed;
}

/** An object phrase's first word, a possessive pronoun among them ("abandon his policy"). */
const OBJECT_START_OR_PRONOUN = /^(?:DET|NUM|ADJ|NOUN|PROPN|PRON)\|/;
