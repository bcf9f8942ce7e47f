// Pass 2: a mention for every gazetteer span, with what its neighbours say: the country of a body
// ("Russian Foreign Ministry"), a locative setting ("in Moscow"), a modifier that does not act
// ("the Venezuelan economy", "US-led"). They come first in the sentence's mentions because later
// passes refer to them by index (a title's body, a name's country).

import { agentOf } from '../petrarch.js';
import type { GazetteerSpans, RoleSpans, SentenceScope } from './scope.js';
import type { GSpan, RawMention } from './types.js';

export function emitGazetteerMentions(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans): void {
  const { toks, text } = sc;
  for (const sp of [...gz.at.values()].sort((a, b) => a.from - b.from)) {
    const e = sp.entry;
    const first = toks[sp.from];
    const last = toks[sp.to - 1];
    const startOff = first.start;
    const endOff = sp.partial ? first.start + first.text.indexOf('-') : last.end;
    const m: RawMention = {
      start: startOff, end: endOff, text: text.slice(startOff, endOff), sentence: sc.sentence,
      kind: e.kind, target: e.target, targetType: e.targetType,
      tokStart: sp.from, tokEnd: sp.to, npStart: sp.from, quote: first.quote,
    };
    if (last.poss) m.possessive = true;
    if (e.plural) m.plural = true;
    if (e.contextual) m.contextual = true;
    if (e.kind === 'body' && !e.bodyCountry) {
      const country = countryNextToBody(sc, gz, sp);
      if (country) m.bodyCountry = country;
    }
    if (isLocative(sc, sp)) m.locative = true;
    const modifier = modifierFlag(sc, gz, roles, sp);
    if (modifier !== undefined) m.modifier = modifier;
    gz.mention.set(sp, sc.out.length);
    sc.out.push(m);
    const group = countryGroup(sc, sp, m) ?? groupInCountry(sc, sp, m);
    if (group) {
      m.inTitle = true; // "Syrian" names the group, not the state acting
      sc.out.push(group);
    }
  }
}

/**
 * "Syrian rebels", "Libyan militants": a country word before a PETRARCH2
 * agent noun of a non-state group class is one group actor of that country
 * (`<iso3>-<agent class>`, "syr-rebels"), named as the text first writes it.
 */
function countryGroup(sc: SentenceScope, sp: GSpan, m: RawMention): RawMention | undefined {
  const { toks, text } = sc;
  const e = sp.entry;
  if (e.targetType !== 'country' || (e.kind !== 'demonym' && e.kind !== 'country') || sp.partial || m.possessive || m.locative) return undefined;
  const next = sp.to < sc.end ? toks[sp.to] : undefined;
  if (!next || !next.word || next.cap) return undefined;
  const agent = agentOf(next.text);
  if (!agent || agent.agent.state || !sc.words.groupAgentClasses.has(agent.agent.class)) return undefined;
  const written = text.slice(m.start, next.end);
  return {
    start: m.start, end: next.end, text: written, sentence: sc.sentence, kind: 'organization',
    target: `${e.target.toLowerCase()}-${agent.agent.class}`, targetType: 'group', targetName: written,
    tokStart: sp.from, tokEnd: sp.to + 1, npStart: sp.from, quote: m.quote, possessive: next.poss || undefined,
    plural: agent.number === 'plural' || undefined,
  };
}

/**
 * "Rebels in the Ivory Coast", "militants in Pakistan": a non-state group's agent noun right
 * before "in (the) <country>" is that country's group, as "Ivorian rebels" is. Not a state agent:
 * "troops in Iraq" are as often foreign troops.
 */
function groupInCountry(sc: SentenceScope, sp: GSpan, m: RawMention): RawMention | undefined {
  const { toks, text } = sc;
  const e = sp.entry;
  if (e.targetType !== 'country' || e.kind === 'demonym' || sp.partial || m.possessive) return undefined;
  let k = sp.from - 1;
  if (k > sc.from && toks[k].key === 'the') k--;
  if (k <= sc.from || toks[k].key !== 'in') return undefined;
  const noun = toks[k - 1];
  if (!noun.word || noun.cap && k - 1 !== sc.from) return undefined;
  const agent = agentOf(noun.text.toLowerCase());
  if (!agent || agent.agent.state || !sc.words.groupAgentClasses.has(agent.agent.class)) return undefined;
  const start = noun.start, end = toks[sp.to - 1].end;
  const written = text.slice(start, end);
  return {
    start, end, text: written, sentence: sc.sentence, kind: 'organization',
    target: `${e.target.toLowerCase()}-${agent.agent.class}`, targetType: 'group', targetName: written,
    tokStart: k - 1, tokEnd: sp.to, npStart: k - 1, quote: noun.quote, plural: agent.number === 'plural' || undefined,
  };
}

/** "Russian Foreign Ministry", "Russia's Foreign Ministry", "Foreign Ministry of Russia". */
function countryNextToBody(sc: SentenceScope, gz: GazetteerSpans, sp: GSpan): string | undefined {
  const before = gz.endAt.get(sp.from);
  if (before && before.entry.targetType === 'country') return before.entry.target;
  const after = sp.to < sc.end && sc.toks[sp.to].key === 'of' ? gz.at.get(sp.to + 1) : undefined;
  return after && after.entry.targetType === 'country' ? after.entry.target : undefined;
}

/** "in Moscow", "in neighboring Guyana", "at the White House": a setting, not an agent. */
function isLocative(sc: SentenceScope, sp: GSpan): boolean {
  const { toks, words } = sc;
  const before = sp.from > sc.from ? toks[sp.from - 1] : undefined;
  const before2 = sp.from - 1 > sc.from ? toks[sp.from - 2] : undefined;
  if (!before) return false;
  if (words.locativePrepositions.has(before.key)) return true;
  // one word between: "the" or a plain lower-case word that is no preposition
  const oneWordBetween = before.key === 'the' || (!before.cap && before.word && !words.prepositions.has(before.key));
  return !!before2 && oneWordBetween && words.locativePrepositions.has(before2.key);
}

/**
 * A country word before a noun it does not act through ("the Venezuelan economy", "UK interests")
 * modifies it; before a government or action noun ("Russian forces", "US sanctions"), a title or
 * a reporting verb it acts. Undefined when nothing says either way.
 */
function modifierFlag(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, sp: GSpan): boolean | undefined {
  const { toks, words, lex } = sc;
  const e = sp.entry;
  if (sp.partial) return true; // "US-led", "Russian-made"
  const last = toks[sp.to - 1];
  const next = sp.to < sc.end ? toks[sp.to] : undefined;
  if (!last.poss && next && next.word && !next.cap && e.targetType === 'country') {
    const nk = next.key;
    const nk2 = sp.to + 1 < sc.end ? `${nk} ${toks[sp.to + 1].key}` : nk;
    const governmentNouns = lex.bodies.governmentNouns;
    // "Iraqi police", "Syrian generals": PETRARCH2's agents of a state class act for it too
    const acting = governmentNouns.has(nk) || governmentNouns.has(nk2) || words.actionNouns.has(nk) || roles.at.has(sp.to) || agentOf(next.text)?.agent.state === true;
    if (e.kind === 'demonym') return !acting && !e.plural && !words.subjectVerbs.has(nk);
    return words.inertNouns.has(nk);
  }
  // "Australian Mamdouh Habib": nationality, not the state
  if (e.kind === 'demonym' && !e.plural && next && next.word && next.cap && !gz.at.has(sp.to) && !roles.at.has(sp.to)) return true;
  return undefined;
}
