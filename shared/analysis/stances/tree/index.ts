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
//   coordination (`conj`) on either side gives one stance per conjunct; a verb without a subject
//   takes its controller's or first conjunct's; a relative pronoun is the noun its clause modifies;
//   a negated verb (`advmod` not/never, or `aux` + "n't") gives nothing; a refused act ("refused to
//   meet") is a rejection, a failed or stopped one nothing;
//   what a speech verb reports (`ccomp`, `parataxis`) is the speaker's claim ("it" is the speaker),
//   unless the speech is denied or negated.
// Further targets: the subject of a demand's that-clause, the author of an evaluated proposal
// ("calls by Belarus"), the subject of a threat's condition ("unless Baghdad accepted"), and, for
// force, coercion, aid and yielding with no other target, the country it is done in.
// Nominal events ("US sanctions against Moscow", "imposed sanctions on Iran", "a Turkish attack on a
// Syrian post") take the noun's possessor or modifier, else the subject of the light verb it is the
// object of (through "of": "tons of aid"; or whose purpose it is: "in protest against"), as source,
// and a preposition the noun licenses, on the noun or that verb, as target.
// Judgements: a predicate a speaker says of an actor, or a label verb's complement, by the word's
// connotation (data/connotation/words.json, the lexicon's labels first).
// The word classes are in data/stance-grammar.json ("tree..." and the category classes);
// confidence comes from data/stance-confidence.json ("tree"); category and score from the entry.
// The helpers every construction shares are in ./sentence.ts; each group of constructions is one
// function here (verbs, judgements, nominal events).

import type { Actor, ResolvedMention, Stance } from '../../types.js';
import type { DocSentence, DocTree } from '../../text/document.js';
import { categoryClass, wordClass } from '../../lexicon/stances.js';
import { CATS, connotationOf, LABEL_VERBS, LIGHT_VERBS, NEGATING_VERBS, NOUNS, objectPattern, REPORTING, VERBS, type VerbEntry } from '../lexicon.js';
import { CONF, DEFAULT_TARGET_CASES, readSentence, type Arg, type SentenceReading } from './sentence.js';

/** Prepositions that mark the beneficiary or target of a verb-object pattern ("send aid to Liberia"). */
const PATTERN_TARGET_CASES = wordClass('treePatternTargetCases');
/** Controlling verbs whose complement's act is refused: "refused to meet the envoy" rejects the envoy. */
const REFUSAL_VERBS = wordClass('treeRefusalVerbs');
/** A refused act whose own verb is no trigger still names its target: "declined to lift the embargo on Cuba". */
const REFUSED_ACT: VerbEntry = { cat: 'reject' };
/** Prepositions that make an event noun the purpose of its verb's doer: "in protest against". */
const PURPOSE_CASES = wordClass('treePurposeCases');
/** Prepositions that make an event noun what its verb's subject seeks: "called for sanctions against Nigeria". */
const SOUGHT_CASES = wordClass('treeSoughtCases');

/** Prepositions after which a passive participle states the subject's attitude: "is opposed to". */
const STATIVE_PASSIVE_CASES = wordClass('treeStativePassiveCases');
const STATIVE_PASSIVES = categoryClass('stativePassives');
const BY = new Set(['by']);

/** What an amount's head or its modifier is tagged ("$", "million", "more"), and how far the climb from the event noun goes. */
const AMOUNT_WORDS = new Set(['NUM', 'SYM', 'ADJ', 'ADV']);
const AMOUNT_HEADS = new Set(['NUM', 'SYM', 'NOUN']);
const MAX_MEASURE_HOPS = 4;

/** How far after a verb the gate looks for a pattern's object: "gave the Ivory Coast 5 million dollars". */
const PATTERN_OBJECT_WINDOW = 8;

/**
 * Whether the tree pass has anything to read, checked before parsing: a trigger (a lexicon verb or
 * noun, or a verb with a pattern object after it) with a party named after it, as every
 * construction it reads has one ("X threatened Y", "The attacks were blamed by X on Y", "X's
 * attack on Y"); the sentence names two parties (the caller checks).
 */
export function hasTriggerBeforeParty(s: DocSentence, parties: readonly { start: number; end: number }[]): boolean {
  if (parties.length < 2) return false;
  const last = Math.max(...parties.map((p) => p.start));
  if (hasJudgement(s, parties)) return true;
  return s.tokens.some((t, i) => t.end <= last && isTrigger(s.tokens, i));
}

/** A verb or noun of the trigger lexicon, or a verb with a CAMEO pattern object shortly after it. */
export function isTrigger(tokens: DocSentence['tokens'], i: number): boolean {
  const t = tokens[i];
  return (t.upos === 'VERB' && (VERBS.has(t.lemma) || tokens.slice(i + 1, i + 1 + PATTERN_OBJECT_WINDOW).some((o) => o.upos === 'NOUN' && objectPattern(t.lemma, o.lemma, o.lower))))
    || (t.upos === 'NOUN' && NOUNS.has(t.lemma));
}

/**
 * A judgement a speaker may pass on a party, after the first party: a label verb ("called") and a
 * word with a connotation ("reckless", "a liar"), or a speech verb and such a word predicated
 * with "be" ("said his counterpart was naive"). Parsing costs: a connotation word alone is common.
 */
function hasJudgement(s: DocSentence, parties: readonly { start: number; end: number }[]): boolean {
  const first = Math.min(...parties.map((p) => p.start));
  const { tokens } = s;
  const labels = tokens.some((t) => t.upos === 'VERB' && LABEL_VERBS.has(t.lemma));
  if (!labels && !tokens.some((t) => t.upos === 'VERB' && REPORTING.has(t.lemma))) return false;
  return tokens.some((t, i) => t.start > first && (t.upos === 'ADJ' || t.upos === 'NOUN' || t.upos === 'ADV') && connotationOf(t.lemma, t.lower) !== 0
    && (labels || tokens.slice(Math.max(0, i - 3), i).some((b) => b.lemma === 'be')));
}

export function treeStances(s: DocSentence, tree: DocTree, mentions: readonly ResolvedMention[], actors: ReadonlyMap<string, Actor>): Stance[] {
  const r = readSentence(s, tree, mentions, actors);
  readVerbs(r);
  readJudgements(r);
  readNominalEvents(r);
  return r.out;
}

/** Each verb: a CAMEO verb-object pattern, its own entry, and the complements it controls. */
function readVerbs(r: SentenceReading): void {
  const { tokens, tree, children, argsOf, negated, withCase, targetsOf, ownersOf, locatedTargets, conditioned, unasserted, subjectArgs, mereResult, clauseSubjects, emit } = r;
  for (let v = 0; v < tokens.length; v++) {
    if (tokens[v].upos !== 'VERB' || negated(v) || unasserted(v) || mereResult(v)) continue;
    const entry = VERBS.get(tokens[v].lemma);
    // "it had granted asylum": a verb with an object and no passive auxiliary is active, whatever
    // label its subject got
    // "Israel is opposed to French mediation": a participle with "to" and no agent states the
    // subject's attitude
    const stative = !!entry && STATIVE_PASSIVES.has(entry.cat) && children(v, 'nsubj:pass').length > 0 && !children(v, 'obl:agent').length && withCase(children(v, 'obl'), STATIVE_PASSIVE_CASES).length > 0 && !withCase(children(v, 'obl'), BY).length;
    const misread = children(v, 'obj').length > 0 && !children(v, 'aux:pass').length || stative;
    const passiveSubj = misread ? [] : children(v, 'nsubj:pass');
    // "Russia's backing for Assad": a gerund's possessor is its subject
    const gerundOwners = tokens[v].tag === 'VERB|VBG' ? children(v, 'nmod:poss') : [];
    const subjects = misread ? [...children(v, 'nsubj'), ...children(v, 'nsubj:pass')] : children(v, 'nsubj').length ? children(v, 'nsubj') : gerundOwners;
    const controller = (tree.deprel[v] === 'xcomp' || tree.deprel[v] === 'advcl') && tree.head[v] >= 0 ? tree.head[v] : -1;
    // "did not threaten to break off relations", "stopped sending aid": the controller decides (a
    // refusal is read from it, below)
    if (controller >= 0 && !subjects.length && (negated(controller) || NEGATING_VERBS.has(tokens[controller].lemma))) continue;
    const sources = passiveSubj.length
      ? argsOf(children(v, 'obl:agent').length ? children(v, 'obl:agent') : children(v, 'obl').filter((o) => children(o, 'case').some((c) => tokens[c].lower === 'by')))
      // "continued to send arms": a controlled verb's subject is its controller's
      : subjectArgs(subjects.length ? subjects : clauseSubjects(v), v);
    if (!sources.length) continue;
    // "Finland will give Tanzania a grant", "sent aid to Liberia": a verb-object pattern of the
    // CAMEO dictionary, the verb's own entry aside
    const objects = passiveSubj.length ? [] : children(v, 'obj');
    for (const o of objects) {
      const p = objectPattern(tokens[v].lemma, tokens[o].lemma, tokens[o].lower);
      if (!p) continue;
      // "gave the Ivory Coast 5 million dollars": the parser may label the recipient a second obj
      const recipients = objects.filter((x) => x !== o);
      const named = argsOf([...children(v, 'iobj'), ...recipients, ...withCase(children(v, 'obl'), PATTERN_TARGET_CASES), ...withCase(children(o, 'nmod'), PATTERN_TARGET_CASES)]);
      const owners = named.length ? [] : ownersOf([o], p.cat);
      const targets = named.length ? named : owners.length ? owners : locatedTargets(v, [o], p.cat);
      for (const src of sources) for (const tgt of targets) emit(src, tgt, v, p.cat, { cat: p.cat, score: p.score }, CONF.objectPattern, { cameo: p.code, plover: p.plover });
    }
    if (entry && !entry.passiveOnly && !entry.relationalOnly) {
      // a gerund read as a noun takes the noun's prepositions too ("backing for", "support to")
      const asNoun = gerundOwners.length && subjects === gerundOwners ? NOUNS.get(tokens[v].lower) : undefined;
      const targets = asNoun ? targetsOf(v, entry, new Set([...(entry.preps?.length ? entry.preps : DEFAULT_TARGET_CASES), ...asNoun.preps]))
        : passiveSubj.length ? [...argsOf(passiveSubj), ...targetsOf(v, entry)]
        : stative ? targetsOf(v, entry, new Set([...(entry.preps?.length ? entry.preps : DEFAULT_TARGET_CASES), ...STATIVE_PASSIVE_CASES])) : targetsOf(v, entry);
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
      // "threatened to resume attacks in Israel": an act no entry names is done where it is done
      if (!targets.length && !own) targets.push(...locatedTargets(x, children(x, 'obj'), (governing ?? inner).cat));
      // the condition may hang on the threat or on the threatened act
      if (governing?.cat === 'threaten') targets.push(...conditioned(v), ...conditioned(x));
      for (const src of sources) for (const tgt of targets) emit(src, tgt, own ? x : v, governing?.cat ?? inner.cat, governing ?? inner, CONF.controlled);
    }
  }
}

/** Judgements a speaker passes on an actor, by the connotation of the word. */
function readJudgements(r: SentenceReading): void {
  const { tokens, children, argOf, argsOf, negated, speakerOf, unasserted, subjectArgs, emit } = r;
  // judgements: "the minister said his French counterpart was naive" (a predicate a speaker says
  // of an actor), "called Moscow reckless" (a label verb's complement): criticism or praise by the
  // word's connotation
  const judge = (src: Arg, tgts: Arg[], w: number) => {
    // "a reliable partner": the noun's own connotation, else its adjective's
    const polarity = connotationOf(tokens[w].lemma, tokens[w].lower) || (tokens[w].upos === 'NOUN' ? children(w, 'amod').map((j) => connotationOf(tokens[j].lemma, tokens[j].lower)).find((p) => p) ?? 0 : 0);
    if (!polarity) return;
    const cat = polarity < 0 ? 'criticize' : 'praise';
    for (const tgt of tgts) emit(src, tgt, w, cat, { cat }, CONF.judgement);
  };
  for (let w = 0; w < tokens.length; w++) {
    if ((tokens[w].upos !== 'ADJ' && tokens[w].upos !== 'NOUN') || !children(w, 'cop').length || negated(w) || unasserted(w)) continue;
    const speaker = speakerOf(w);
    if (speaker) judge(speaker, argsOf(children(w, 'nsubj')), w);
  }
  for (let v = 0; v < tokens.length; v++) {
    if (tokens[v].upos !== 'VERB' || !LABEL_VERBS.has(tokens[v].lemma) || negated(v) || unasserted(v)) continue;
    const objects = children(v, 'obj');
    const labelled = argsOf(objects);
    // "called Moscow reckless" (xcomp, or an advmod where the tagger read an adverb), "called
    // Moscow a liar" (a second object)
    const labels = [...children(v, 'xcomp'), ...children(v, 'advmod'), ...objects.filter((o) => !argOf(o))].filter((w) => tokens[w].upos === 'ADJ' || tokens[w].upos === 'NOUN' || tokens[w].upos === 'ADV');
    for (const src of subjectArgs(children(v, 'nsubj'), v)) for (const w of labels) judge(src, labelled, w);
  }
}

/** Events named by a noun of the lexicon, their source from the noun or the light verb that takes it. */
function readNominalEvents(r: SentenceReading): void {
  const { tokens, tree, children, argOf, argsOf, negated, withCase, authorsOf, locatedTargets, unasserted, subjectArgs, clauseSubjects, controlledNegatively, emit } = r;
  // nominal events: "US sanctions against Moscow", "imposed sanctions on Iran", "a Turkish attack
  // on a Syrian post": the noun's possessor or modifier, else the subject of the light verb it is
  // the object of, is the source; a licensed preposition on the noun or on that verb marks the target
  for (let n = 0; n < tokens.length; n++) {
    const entry = tokens[n].upos === 'NOUN' ? NOUNS.get(tokens[n].lemma) : undefined;
    if (!entry || unasserted(n)) continue;
    const cases = new Set(entry.preps);
    // "25,000 tons of food aid to refugees", "70 million dollars of aid for Romania": the event is
    // measured by the noun the verb takes, through "of"
    // ("$100 million more in aid to the Syrian opposition": "in" after an amount, and the amount's
    // own modifiers, lead to the noun the verb takes)
    let np = n;
    for (let hops = 0; hops < MAX_MEASURE_HOPS && tree.head[np] >= 0; hops++) {
      const h = tree.head[np];
      const rel = tree.deprel[np];
      const cased = (c: string) => children(np, 'case').some((k) => tokens[k].lower === c);
      const measured = (rel === 'nmod' && tokens[h].upos === 'NOUN' && cased('of'))
        || ((rel === 'nmod' || rel === 'obl') && AMOUNT_WORDS.has(tokens[h].upos) && cased('in'))
        || (np !== n && (rel === 'advmod' || rel === 'amod' || rel === 'nummod') && AMOUNT_HEADS.has(tokens[h].upos));
      if (!measured) break;
      np = h;
    }
    // only a light verb ("impose", "launch", "stage") hands its subject to the event: "ruled out
    // talks" is no meeting
    // "staged a strike in protest against the arrests": "in" an act's purpose, the doer's own (the
    // parser hangs it on the verb or on the act it names)
    const inPurpose = (tree.deprel[np] === 'obl' || tree.deprel[np] === 'nmod') && children(np, 'case').some((c) => PURPOSE_CASES.has(tokens[c].lower));
    let head = tree.head[np];
    if (inPurpose && head >= 0 && tree.deprel[np] === 'nmod' && tokens[head].upos === 'NOUN' && tree.deprel[head] === 'obj') head = tree.head[head];
    if (head >= 0 && tokens[head].upos !== 'VERB') head = -1;
    // "called for sanctions against Nigeria", "mobilized reservists for a war against Iraq": what the
    // subject seeks; not "thanked Japan for aid to Yemen", where the object did it
    const sought = head >= 0 && tree.deprel[np] === 'obl' && children(np, 'case').some((c) => SOUGHT_CASES.has(tokens[c].lower))
      && ![...children(head, 'obj'), ...children(head, 'iobj')].some((o) => argOf(o));
    const governor = head >= 0 && (tree.deprel[np] === 'obj' && LIGHT_VERBS.has(tokens[head].lemma) || inPurpose || sought) ? head : -1;
    if (governor >= 0 && (negated(governor) || controlledNegatively(governor))) continue;
    const own = argOf(n);
    // "promised to continue military aid to Mozambique": a controlled light verb's subject is its controller's
    const sources = own?.viaModifier ? [own] : governor >= 0 ? subjectArgs(clauseSubjects(governor), governor) : [];
    const marked = [...new Set([n, np])].flatMap((k) => withCase(children(k, 'nmod'), cases)).concat(governor >= 0 ? withCase(children(governor, 'obl'), cases) : []);
    const direct = argsOf(marked);
    // "demonstrations against violations by the Israeli military": an evaluated act stands for its author
    const named = direct.length ? direct : argsOf(authorsOf(marked.filter((k) => !argOf(k)), entry.cat));
    // "imposed a blockade in Lebanon": done where it is done
    const targets = named.length ? named : locatedTargets(governor >= 0 ? governor : n, [...new Set([n, np])], entry.cat);
    // what a subject seeks is a stance on its target, not the act itself: "called for sanctions
    // against Nigeria" opposes Nigeria, "called for aid to Mozambique" supports it
    const act = sought && governor >= 0 && !own?.viaModifier ? { cat: CATS[entry.cat].polarity < 0 ? 'oppose' as const : 'support' as const } : entry;
    for (const src of sources) for (const tgt of targets) emit(src, tgt, n, act.cat, act, own?.viaModifier ? CONF.modifierActor : CONF.subjectObject);
  }
}
