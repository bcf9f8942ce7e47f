// Stances read from the dependency parse, for the sentences the rules could not read (issue 9's
// first step towards arguments from relations instead of left/right search). For each verb of the
// trigger lexicon (the project's own and PETRARCH2's CAMEO verbs):
//   source: its `nsubj`; for a passive (`nsubj:pass`), its `obl:agent` ("blamed by Israel");
//   target: its `obj`, or an `obl` (or an `nmod` of the object) whose `case` is one the entry
//           licenses (or, for a verb without its own, "against"/"on"/"with"); a controlled
//           complement (`xcomp`, or `advcl` with "to": "threatened to break relations with
//           Russia") lends its target to the controlling verb's source;
//   an argument is the actor mentioned at its head, or at a modifier of the head (`amod`,
//   `nmod:poss`, `compound`: "the Azerbaijani parliament", "Russia's army");
//   coordination (`conj`) on either side gives one stance per conjunct;
//   a negated verb (`advmod` not/never, or `aux` + "n't") gives nothing, and a verb inside what a
//   speech verb reports (`ccomp`, `parataxis`) is left to the rules, which know who claims it.
// Nominal events ("US sanctions against Moscow", "imposed sanctions on Iran", "a Turkish attack on a
// Syrian post") take the noun's possessor or modifier, else the subject of the light verb it is the
// object of, as source, and a preposition the noun licenses, on the noun or that verb, as target.
// Confidence comes from data/stance-confidence.json ("tree"); category and score from the entry.

import type { Actor, ResolvedMention, Stance, StanceCategory } from '../../types.js';
import type { DocSentence, DocTree } from '../../text/document.js';
import { confidenceOf, wordClass } from '../../lexicon/stances.js';
import { CATS, EVALUATIVE, eventCodeOf, LIGHT_VERBS, NEG, NEGATING_VERBS, NOUNS, objectPattern, REPORTING, VERBS, type NounEntry, type VerbEntry } from '../lexicon.js';

const CONF = confidenceOf('tree', ['subjectObject', 'passiveAgent', 'controlled', 'modifierActor', 'objectPattern'] as const);
/** Prepositions that mark the beneficiary or target of a verb-object pattern ("send aid to Liberia"). */
const PATTERN_TARGET_CASES = wordClass('treePatternTargetCases');
/** Prepositions that mark the target of a verb whose entry names none. */
const DEFAULT_TARGET_CASES = wordClass('treeDefaultTargetCases');
/** Controlling verbs whose complement's act is refused: "refused to meet the envoy" rejects the envoy. */
const REFUSAL_VERBS = wordClass('treeRefusalVerbs');
/** A refused act whose own verb is no trigger still names its target: "declined to lift the embargo on Cuba". */
const REFUSED_ACT: VerbEntry = { cat: 'reject' };
/** Prepositions naming the author of an act an evaluative verb takes as object: "rejected calls by Belarus". */
const AUTHOR_CASES = wordClass('treeAuthorCases');
/** Subordinators of a threat's condition: "... unless Baghdad accepted". */
const CONDITION_MARKS = wordClass('treeConditionMarks');
/** Relations under which an actor names the party of its head ("the Azerbaijani parliament"). */
const MODIFIER_RELATIONS = wordClass('treeModifierRelations');

/** How far after a verb the gate looks for a pattern's object: "gave the Ivory Coast 5 million dollars". */
const PATTERN_OBJECT_WINDOW = 8;

interface Arg { id: string; viaModifier: boolean }

/** Each token's dependents, in sentence order: built once per sentence, so finding a relation's children is cheap. */
function dependents(tree: DocTree): number[][] {
  const kids: number[][] = Array.from({ length: tree.head.length }, () => []);
  for (let j = 0; j < tree.head.length; j++) if (tree.head[j] >= 0) kids[tree.head[j]].push(j);
  return kids;
}

/**
 * Whether the tree pass has anything to read, checked before parsing: a trigger (a lexicon verb or
 * noun, or a verb with a pattern object after it) with a party named after it, as every
 * construction it reads has one ("X threatened Y", "The attacks were blamed by X on Y", "X's
 * attack on Y"); the sentence names two parties (the caller checks).
 */
export function hasTriggerBeforeParty(s: DocSentence, parties: readonly { start: number; end: number }[]): boolean {
  if (parties.length < 2) return false;
  const last = Math.max(...parties.map((p) => p.start));
  return s.tokens.some((t, i) => t.end <= last && (
    (t.upos === 'VERB' && (VERBS.has(t.lemma) || s.tokens.slice(i + 1, i + 1 + PATTERN_OBJECT_WINDOW).some((o) => o.upos === 'NOUN' && objectPattern(t.lemma, o.lemma, o.lower))))
    || (t.upos === 'NOUN' && NOUNS.has(t.lemma))));
}

export function treeStances(s: DocSentence, tree: DocTree, mentions: readonly ResolvedMention[], actors: ReadonlyMap<string, Actor>): Stance[] {
  const { tokens } = s;
  const kids = dependents(tree);
  /** The dependents of `k` with relation `rel` exactly. */
  const children = (k: number, rel: string): number[] => kids[k].filter((j) => tree.deprel[j] === rel);
  const withConjuncts = (k: number): number[] => [k, ...children(k, 'conj')];
  // the actor mentioned at each token (places act for nobody; pronouns are the rules' business);
  // one after "from" or "in" too: it is reached only through a preposition the trigger licenses
  // ("withdrew its troops from Lebanon", "an offer from India")
  const actorAt: (string | undefined)[] = new Array(tokens.length).fill(undefined);
  for (const m of mentions) {
    const a = actors.get(m.actorId);
    if (!a || a.type === 'place' || m.kind === 'pronoun') continue;
    for (let i = 0; i < tokens.length; i++) if (tokens[i].start < m.end && tokens[i].end > m.start) actorAt[i] ??= m.actorId;
  }
  const argOf = (k: number): Arg | undefined => {
    if (actorAt[k]) return { id: actorAt[k]!, viaModifier: false };
    for (const j of kids[k]) if (MODIFIER_RELATIONS.has(tree.deprel[j]) && actorAt[j]) return { id: actorAt[j]!, viaModifier: true };
    return undefined;
  };
  const argsOf = (ks: number[]): Arg[] => ks.flatMap(withConjuncts).flatMap((k) => argOf(k) ?? []);
  const negated = (v: number): boolean => kids[v].some((j) => (tree.deprel[j] === 'advmod' || tree.deprel[j] === 'aux' || tree.deprel[j] === 'part') && NEG.has(tokens[j].lower));
  const withCase = (ks: number[], cases: ReadonlySet<string>) => ks.filter((o) => children(o, 'case').some((c) => cases.has(tokens[c].lower)));
  const targetsOf = (v: number, entry: VerbEntry | undefined, cases: ReadonlySet<string> = entry?.preps?.length ? new Set(entry.preps) : DEFAULT_TARGET_CASES): Arg[] => {
    const objs = entry?.object === false ? [] : children(v, 'obj');
    // "break relations with Russia", "blamed by Israel on Hamas": the licensed preposition may hang
    // on the object or the agent
    const onObject = [...objs, ...children(v, 'obl:agent')].flatMap((o) => withCase(children(o, 'nmod'), cases));
    // "rejected calls by Belarus for aid": an evaluated act stands for its author
    const authors = entry && EVALUATIVE.has(entry.cat) ? objs.filter((o) => !argOf(o)).flatMap((o) => withCase(children(o, 'nmod'), AUTHOR_CASES)) : [];
    return argsOf([...objs, ...children(v, 'iobj'), ...withCase(children(v, 'obl'), cases), ...onObject, ...authors]);
  };
  /** "threatened to launch an offensive unless Baghdad accepted": who must meet the threat's condition. */
  const conditioned = (v: number): Arg[] => argsOf(children(v, 'advcl').filter((c) => children(c, 'mark').some((m) => CONDITION_MARKS.has(tokens[m].lower))).flatMap((c) => children(c, 'nsubj')));

  const out: Stance[] = [];
  const seen = new Set<string>();
  const emit = (src: Arg, tgt: Arg, v: number, cat: StanceCategory, entry: VerbEntry | NounEntry, conf: number, code?: { cameo: string; plover: string | null }) => {
    if (src.id === tgt.id) return;
    const sa = actors.get(src.id), ta = actors.get(tgt.id);
    if (!sa || !ta || sa.actsFor === ta.id || ta.actsFor === sa.id || sa.country === ta.id || ta.country === sa.id) return;
    const key = `${src.id}>${tgt.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const confidence = src.viaModifier || tgt.viaModifier ? Math.min(conf, CONF.modifierActor) : conf;
    out.push({
      sentence: s.index, text: s.text, source: src.id, target: tgt.id, polarity: CATS[cat].polarity,
      score: entry.score ?? CATS[cat].score, category: cat, claim: null, confidence,
      trigger: { start: tokens[v].start, end: tokens[v].end }, ...(code ?? eventCodeOf(cat, tokens[v].lemma)),
    });
  };

  // reported speech is the rules' (who claims it, whether it is asserted): a verb inside what a
  // speech verb reports is left to them
  const reported = (v: number): boolean => {
    for (let k = v, hops = 0; tree.head[k] >= 0 && hops < tokens.length; k = tree.head[k], hops++) {
      if ((tree.deprel[k] === 'ccomp' || tree.deprel[k] === 'parataxis') && REPORTING.has(tokens[tree.head[k]].lemma)) return true;
    }
    return false;
  };

  for (let v = 0; v < tokens.length; v++) {
    if (tokens[v].upos !== 'VERB' || negated(v) || reported(v)) continue;
    const entry = VERBS.get(tokens[v].lemma);
    const passiveSubj = children(v, 'nsubj:pass');
    const controller = (tree.deprel[v] === 'xcomp' || tree.deprel[v] === 'advcl') && tree.head[v] >= 0 ? tree.head[v] : -1;
    // "did not threaten to break off relations", "stopped sending aid": the controller decides (a
    // refusal is read from it, below)
    if (controller >= 0 && !children(v, 'nsubj').length && (negated(controller) || reported(controller) || NEGATING_VERBS.has(tokens[controller].lemma))) continue;
    const sources = passiveSubj.length
      ? argsOf(children(v, 'obl:agent').length ? children(v, 'obl:agent') : children(v, 'obl').filter((o) => children(o, 'case').some((c) => tokens[c].lower === 'by')))
      // "continued to send arms": a controlled verb's subject is its controller's
      : argsOf(children(v, 'nsubj').length || controller < 0 ? children(v, 'nsubj') : children(controller, 'nsubj'));
    if (!sources.length) continue;
    // "Finland will give Tanzania a grant", "sent aid to Liberia": a verb-object pattern of the
    // CAMEO dictionary, the verb's own entry aside
    const objects = passiveSubj.length ? [] : children(v, 'obj');
    for (const o of objects) {
      const p = objectPattern(tokens[v].lemma, tokens[o].lemma, tokens[o].lower);
      if (!p) continue;
      // "gave the Ivory Coast 5 million dollars": the parser may label the recipient a second obj
      const recipients = objects.filter((x) => x !== o);
      const targets = argsOf([...children(v, 'iobj'), ...recipients, ...withCase(children(v, 'obl'), PATTERN_TARGET_CASES), ...withCase(children(o, 'nmod'), PATTERN_TARGET_CASES)]);
      for (const src of sources) for (const tgt of targets) emit(src, tgt, v, p.cat, { cat: p.cat, score: p.score }, CONF.objectPattern, { cameo: p.code, plover: p.plover });
    }
    if (entry && !entry.passiveOnly && !entry.relationalOnly) {
      const targets = passiveSubj.length ? [...argsOf(passiveSubj), ...targetsOf(v, entry)] : targetsOf(v, entry);
      // "demanded that the government end curbs": a demand's that-clause names who must act
      if (entry.that) targets.push(...argsOf(children(v, 'ccomp').flatMap((c) => children(c, 'nsubj'))));
      if (entry.cat === 'threaten') targets.push(...conditioned(v));
      const conf = passiveSubj.length ? CONF.passiveAgent : CONF.subjectObject;
      for (const src of sources) for (const tgt of targets) emit(src, tgt, v, entry.cat, entry, conf);
    }
    // "threatened to break relations with Russia": the complement's trigger and target, the controller's source
    // (the parser labels it xcomp, or advcl with "to")
    const complements = [...children(v, 'xcomp'), ...children(v, 'advcl').filter((x) => children(x, 'mark').some((m) => tokens[m].lower === 'to'))];
    // "refused to meet the envoy" is a rejection; "failed to support", "stopped attacking" are nothing
    const refusal = REFUSAL_VERBS.has(tokens[v].lemma);
    if (!refusal && NEGATING_VERBS.has(tokens[v].lemma)) continue;
    for (const x of complements) {
      if (negated(x) || tokens[x].upos !== 'VERB') continue;
      const own = VERBS.get(tokens[x].lemma);
      const inner = own ?? (refusal ? REFUSED_ACT : entry);
      if (!inner || inner.passiveOnly || inner.relationalOnly) continue;
      // "threatened to break relations": the threat is the act, whatever the complement's own verb;
      // "refused to meet": the refusal is
      const governing = refusal ? REFUSED_ACT : entry?.cat === 'threaten' ? entry : undefined;
      const cases = new Set([...(own ? DEFAULT_TARGET_CASES : PATTERN_TARGET_CASES), ...(inner.preps ?? [])]);
      const targets = targetsOf(x, own, cases);
      // the condition may hang on the threat or on the threatened act
      if (governing?.cat === 'threaten') targets.push(...conditioned(v), ...conditioned(x));
      for (const src of sources) for (const tgt of targets) emit(src, tgt, own ? x : v, governing?.cat ?? inner.cat, governing ?? inner, CONF.controlled);
    }
  }
  // nominal events: "US sanctions against Moscow", "imposed sanctions on Iran", "a Turkish attack
  // on a Syrian post": the noun's possessor or modifier, else the subject of the light verb it is
  // the object of, is the source; a licensed preposition on the noun or on that verb marks the target
  for (let n = 0; n < tokens.length; n++) {
    const entry = tokens[n].upos === 'NOUN' ? NOUNS.get(tokens[n].lemma) : undefined;
    if (!entry || reported(n)) continue;
    const cases = new Set(entry.preps);
    // only a light verb ("impose", "launch", "stage") hands its subject to the event: "ruled out
    // talks" is no meeting
    const governor = tree.head[n] >= 0 && tokens[tree.head[n]].upos === 'VERB' && tree.deprel[n] === 'obj' && LIGHT_VERBS.has(tokens[tree.head[n]].lemma) ? tree.head[n] : -1;
    if (governor >= 0 && negated(governor)) continue;
    const own = argOf(n);
    const sources = own?.viaModifier ? [own] : governor >= 0 ? argsOf(children(governor, 'nsubj')) : [];
    const targets = argsOf([...withCase(children(n, 'nmod'), cases), ...(governor >= 0 ? withCase(children(governor, 'obl'), cases) : [])]);
    for (const src of sources) for (const tgt of targets) emit(src, tgt, n, entry.cat, entry, own?.viaModifier ? CONF.modifierActor : CONF.subjectObject);
  }
  return out;
}
