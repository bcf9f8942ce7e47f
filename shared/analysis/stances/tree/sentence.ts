// One parsed sentence as the tree pass reads it (./index.ts): its tokens and tree, the actor at each
// token, and the helpers every construction shares to find a verb's arguments (subjects through
// control, coordination, relative clauses and reported speech; targets through licensed
// prepositions, authors, settings and conditions), with the one emitter that turns a source, a
// target and a trigger into a stance (dropping the same side and repeats).

import type { Actor, ResolvedMention, Stance, StanceCategory } from '../../types.js';
import type { DocSentence, DocTree } from '../../text/document.js';
import { categoryClass, confidenceOf, wordClass } from '../../lexicon/stances.js';
import { CATS, COERCIVE_CATS, eventCodeOf, NEG, NEGATING_VERBS, REPORTING, RESULT_VERBS, VERBS, type NounEntry, type VerbEntry } from '../lexicon.js';

export const CONF = confidenceOf('tree', ['subjectObject', 'passiveAgent', 'controlled', 'modifierActor', 'objectPattern', 'judgement'] as const);
/** Prepositions that mark the target of a verb whose entry names none. */
export const DEFAULT_TARGET_CASES = wordClass('treeDefaultTargetCases');
/** Prepositions naming the author of an act an evaluative verb takes as object: "rejected calls by Belarus". */
const AUTHOR_CASES = wordClass('treeAuthorCases');
/** Categories whose object, an act or proposal, stands for its author: "rejected calls by Belarus", "accepted demands from the rebels". */
const AUTHOR_TARGETS = categoryClass('authorTargets');
/** Categories of acts done to a thing that stands for its owner, and the preposition naming the owner: "shelled positions of the Palestinian forces". */
const OWNED_TARGETS = categoryClass('ownedTargets');
const OWNER_CASES = wordClass('treeOwnerCases');
/** Categories of acts done to the country or region they are done in: "shelled targets in Jericho". */
const LOCATED_TARGETS = categoryClass('locatedTargets');
/** The prepositions of that setting, and of the phrase it may sit in ("fired at targets in Jericho"). */
const LOCATED_CASES = wordClass('treeLocatedCases');
const LOCATED_VIA = wordClass('treeLocatedVia');
/** Subordinators of a threat's condition: "... unless Baghdad accepted". */
const CONDITION_MARKS = wordClass('treeConditionMarks');
/** Relative pronouns that stand for the noun their clause modifies ("the Taliban, who attacked ..."). */
const RELATIVE_PRONOUNS = wordClass('treeRelativePronouns');
/** Subject pronouns that, in what a speaker reports, stand for the speaker ("Syria says it will withdraw"). */
const SPEAKER_PRONOUNS = wordClass('treeSpeakerPronouns');
/** Relations under which an actor names the party of its head ("the Azerbaijani parliament"). */
const MODIFIER_RELATIONS = wordClass('treeModifierRelations');

/** An argument: the actor at a token, or at a modifier of it ("the Azerbaijani parliament"). */
export interface Arg { id: string; viaModifier: boolean }

/** Each token's dependents, in sentence order: built once per sentence, so finding a relation's children is cheap. */
function dependents(tree: DocTree): number[][] {
  const kids: number[][] = Array.from({ length: tree.head.length }, () => []);
  for (let j = 0; j < tree.head.length; j++) if (tree.head[j] >= 0) kids[tree.head[j]].push(j);
  return kids;
}

export type SentenceReading = ReturnType<typeof readSentence>;

/** The shared helpers over one parsed sentence, and `out`, the stances `emit` has given so far. */
export function readSentence(s: DocSentence, tree: DocTree, mentions: readonly ResolvedMention[], actors: ReadonlyMap<string, Actor>) {
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
    // "Archbishop Desmond Tutu": the parser may head a name with its title
    for (const j of kids[k]) if (tree.deprel[j] === 'flat' && actorAt[j]) return { id: actorAt[j]!, viaModifier: false };
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
    // ("conceded to demands from UNITA": the act may come with the verb's own preposition)
    const acts = [...objs, ...withCase(children(v, 'obl'), cases)].filter((o) => !argOf(o));
    // ("rejected calls by Kofi Annan": the parser may hang the author on the verb)
    const authors = entry && acts.length ? [...authorsOf(acts, entry.cat), ...(objs.length && AUTHOR_TARGETS.has(entry.cat) ? withCase(children(v, 'obl'), AUTHOR_CASES) : [])] : [];
    const named = argsOf([...objs, ...children(v, 'iobj'), ...withCase(children(v, 'obl'), cases), ...onObject, ...authors]);
    if (named.length || !entry) return named;
    const owners = ownersOf([...objs, ...withCase(children(v, 'obl'), cases)], entry.cat);
    return owners.length ? owners : locatedTargets(v, objs, entry.cat);
  };
  /** "rejected calls by Belarus", "demonstrations against violations by the Israeli military": the authors of evaluated acts (the categories of `authorTargets`). */
  const authorsOf = (acts: number[], cat: StanceCategory): number[] => (AUTHOR_TARGETS.has(cat) ? acts.flatMap((o) => withCase(children(o, 'nmod'), AUTHOR_CASES)) : []);
  /** "shelled positions of the Palestinian forces": force done to a thing is done to its owner (the categories of `ownedTargets`). */
  const ownersOf = (things: number[], cat: StanceCategory): Arg[] => (OWNED_TARGETS.has(cat) ? argsOf(things.filter((o) => !argOf(o)).flatMap((o) => withCase(children(o, 'nmod'), OWNER_CASES))) : []);
  /**
   * "shelled targets in Jericho", "lifted the curfew in Montenegro", "deployed troops in Syria": an
   * act done in a country or region, with no target named otherwise, is done to it (the categories
   * of `locatedTargets` in stance-grammar.json; the same side is filtered out at emission).
   */
  const locatedTargets = (v: number, objs: number[], cat: StanceCategory): Arg[] => {
    if (!LOCATED_TARGETS.has(cat)) return [];
    const places = [...children(v, 'obl'), ...objs.flatMap((o) => children(o, 'nmod'))];
    // one step into the object's phrase: "fired at targets in Jericho"
    const inner = withCase(children(v, 'obl'), LOCATED_VIA).flatMap((o) => children(o, 'nmod'));
    return argsOf(withCase([...places, ...inner], LOCATED_CASES));
  };
  /** "threatened to launch an offensive unless Baghdad accepted": who must meet the threat's condition. */
  const conditioned = (v: number): Arg[] => argsOf(children(v, 'advcl').filter((c) => children(c, 'mark').some((m) => CONDITION_MARKS.has(tokens[m].lower))).flatMap((c) => children(c, 'nsubj')));

  /** The speech verb whose `ccomp` or `parataxis` holds token `v` ("Syria says it will withdraw"), or -1. */
  const reportingHead = (v: number): number => {
    for (let k = v, hops = 0; tree.head[k] >= 0 && hops < tokens.length; k = tree.head[k], hops++) {
      if ((tree.deprel[k] === 'ccomp' || tree.deprel[k] === 'parataxis') && REPORTING.has(tokens[tree.head[k]].lemma)) return tree.head[k];
    }
    return -1;
  };
  /** Who claims what `v` says: the speech verb's subject, when an actor is named there. */
  const speakerOf = (v: number): Arg | undefined => {
    const h = reportingHead(v);
    return h < 0 ? undefined : argsOf(children(h, 'nsubj'))[0];
  };
  // what a speech verb reports is read when the rules could not: asserted ("said", not "denied"
  // or "did not say"), and claimed by the speaker
  const unasserted = (v: number): boolean => {
    const h = reportingHead(v);
    return h >= 0 && (negated(h) || NEGATING_VERBS.has(tokens[h].lemma));
  };
  /** The subject's actors; "it", "they" in what a speaker reports is the speaker ("Uganda said it had paid"). */
  const subjectArgs = (ks: number[], v: number): Arg[] => {
    const named = argsOf(ks);
    if (named.length) return named;
    // "the Taliban, who attacked the convoy": a relative pronoun is the noun its clause modifies
    const relative = relativeHead(ks, v);
    if (relative >= 0) return argsOf([relative]);
    if (!ks.some((k) => SPEAKER_PRONOUNS.has(tokens[k].lower))) return named;
    const speaker = speakerOf(v);
    return speaker ? [speaker] : [];
  };
  /** The noun a relative clause modifies, when `ks` is its relative pronoun and `v` is in that clause; else -1. */
  const relativeHead = (ks: number[], v: number): number => {
    if (!ks.some((k) => RELATIVE_PRONOUNS.has(tokens[k].lower))) return -1;
    for (let k = v, hops = 0; tree.head[k] >= 0 && hops < 4; k = tree.head[k], hops++) {
      if (tree.deprel[k] === 'acl:relcl') return tree.head[k];
      if (tree.deprel[k] !== 'xcomp' && tree.deprel[k] !== 'conj') return -1;
    }
    return -1;
  };

  // "had defeated Marinov" in a count of votes: a result, not a stance (the rules read results as
  // what a vote did); "police beat protesters" stays an attack
  const mereResult = (v: number): boolean => RESULT_VERBS.has(tokens[v].lemma) && !COERCIVE_CATS.has(VERBS.get(tokens[v].lemma)?.cat ?? 'agree');

  /**
   * A verb's subjects; for a verb without its own, a controlled one's controller's ("promised to
   * continue aid") or a coordinated one's first conjunct's ("ducks and dives, attacking the BBC").
   */
  const clauseSubjects = (v: number): number[] => {
    for (let k = v, hops = 0; hops < 6; hops++) {
      const own = children(k, 'nsubj');
      if (own.length) return own;
      const inherits = (tree.deprel[k] === 'xcomp' || tree.deprel[k] === 'advcl' || tree.deprel[k] === 'conj') && tree.head[k] >= 0;
      if (inherits) k = tree.head[k];
      else if (misattachedInfinitive(k)) k = tree.head[tree.head[k]];
      else return [];
    }
    return [];
  };
  /**
   * "agreed in principle to provide aid", "agreed on Saturday to send troops": the parser hangs the
   * infinitive on the noun of the adverbial before it (an `acl` of an `obl`), though the verb
   * controls it.
   */
  const misattachedInfinitive = (k: number): boolean => {
    const h = tree.head[k];
    return tree.deprel[k] === 'acl' && h >= 0 && tree.deprel[h] === 'obl' && tree.head[h] >= 0
      && children(k, 'mark').some((m) => tokens[m].lower === 'to') && tokens[tree.head[h]].upos === 'VERB';
  };
  /** "stopped sending aid", "did not threaten to ...": a controller that negates what it controls. */
  const controlledNegatively = (v: number): boolean => {
    const c = (tree.deprel[v] === 'xcomp' || tree.deprel[v] === 'advcl') && tree.head[v] >= 0 ? tree.head[v] : -1;
    return c >= 0 && (negated(c) || NEGATING_VERBS.has(tokens[c].lemma));
  };

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
      score: entry.score ?? CATS[cat].score, category: cat, claim: speakerOf(v)?.id ?? null, confidence,
      trigger: { start: tokens[v].start, end: tokens[v].end }, ...(code ?? eventCodeOf(cat, tokens[v].lemma)),
    });
  };

  return { s, tokens, tree, children, withConjuncts, argOf, argsOf, negated, withCase, targetsOf, authorsOf, ownersOf, locatedTargets, conditioned, reportingHead, speakerOf, unasserted, subjectArgs, relativeHead, mereResult, clauseSubjects, controlledNegatively, emit, out };
}
