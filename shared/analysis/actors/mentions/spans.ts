// Pass 1: the spans a sentence's words match in the gazetteer (countries, demonyms, capitals,
// metonyms, organisations, bodies, places; longest match first, with the case rule of keys.ts) and
// in the titles (role forms, outside gazetteer spans).

import { caseMatches, caseMatchesMode, tokenKey } from '../keys.js';
import type { GazetteerEntry, RoleForm } from '../gazetteer.js';
import type { GazetteerSpans, RoleSpans, SentenceScope } from './scope.js';
import type { GSpan, RSpan, Token } from './types.js';

/** What a token that starts no form looks up (one shared array, not one per token). */
const NO_ENTRIES: readonly GazetteerEntry[] = [];
const NO_ROLES: readonly RoleForm[] = [];

export function findGazetteerSpans(sc: SentenceScope): GazetteerSpans {
  const spans: GazetteerSpans = { at: new Map(), endAt: new Map(), cover: new Set(), mention: new Map() };
  let prev: GSpan | undefined;
  for (let i = sc.from; i < sc.end; i++) {
    if (!sc.toks[i].word) continue;
    const m = matchGazetteer(sc, i, prev);
    if (!m) continue;
    if (longerInside(sc, m, prev)) continue; // "the West Bank" is not "the West"
    spans.at.set(i, m);
    spans.endAt.set(m.to, m);
    for (let k = m.from; k < m.to; k++) spans.cover.add(k);
    prev = m;
    i = m.to - 1;
  }
  releaseLongerNames(sc, spans);
  return spans;
}

/**
 * A place name that starts inside place name `m` and reaches further, at least as long: "West
 * Bank" inside "the West | Bank". Only between places: a body or country keeps its own reading
 * ("US Treasury | Department" stays the US Treasury).
 */
function longerInside(sc: SentenceScope, m: GSpan, prev: GSpan | undefined): boolean {
  if (m.entry.kind !== 'place') return false;
  for (let k = m.from + 1; k < m.to; k++) {
    const o = matchGazetteer(sc, k, prev);
    if (o && o.entry.kind === 'place' && o.to > m.to && o.to - o.from >= m.to - m.from) return true;
  }
  return false;
}

/**
 * "the Nigerian Labour Congress", "the United States National Security Council": a run of
 * capitalised words ending in an organisation's head word is one organisation's name when the
 * gazetteer names only parts of it. The parts are released (their spans dropped) so that the name
 * pass reads the run as one organisation (name-organisations.ts, headWordOrganisation, which keeps
 * a leading country, place or demonym as part of the name). Left alone: a run the gazetteer names
 * whole after its leading place words ("the Russian Foreign Ministry", "the US Congress"), and a
 * run with no gazetteer part, which the name pass reads anyway.
 */
function releaseLongerNames(sc: SentenceScope, spans: GazetteerSpans): void {
  const { toks, lex } = sc;
  for (let i = sc.from; i < sc.end; i++) {
    if (!inNameRun(sc, i)) continue;
    let j = i;
    while (j + 1 < sc.end && inNameRun(sc, j + 1) && !toks[j].poss) j++;
    const from = i;
    i = j;
    if (j === from || !lex.organizations.headWords.has(toks[j].text)) continue;
    // the spans inside the run; one reaching outside it leaves the run to the gazetteer
    const inside: GSpan[] = [];
    let crosses = false;
    for (let k = from; k <= j; k++) {
      const sp = spans.at.get(k);
      if (sp) {
        if (sp.to > j + 1 || sp.partial) crosses = true;
        inside.push(sp);
      } else if (spans.cover.has(k) && k === from) crosses = true;
    }
    if (crosses) continue;
    let lead = 0;
    while (lead < inside.length && inside[lead].from === (lead === 0 ? from : inside[lead - 1].to) && PLACE_KINDS.has(inside[lead].entry.kind)) lead++;
    const rest = inside.slice(lead);
    const restFrom = lead > 0 ? inside[lead - 1].to : from;
    if (rest.length === 0) continue; // only place words and unknown words: the name pass reads it
    if (rest.length === 1 && rest[0].from === restFrom && rest[0].to === j + 1) continue; // "Russian | Foreign Ministry"
    // "the Senate Judiciary Committee", "the US Treasury Department": a state body's own organs and
    // forms stay with the body, which carries its country
    if (rest[0].from === restFrom && rest[0].entry.kind === 'body') continue;
    // "General Motors Inc": a known organisation with its legal form is still that organisation
    if (rest[0].from === restFrom && rest[0].entry.kind === 'organization' && everyWord(sc, rest[0].to, j + 1, (t) => lex.organizations.legalSuffixes.has(t.text))) continue;
    // the words outside spans are ordinary English ("National", "Labour"), not a name ("the Clinton State Department")
    if (!everyWord(sc, restFrom, j + 1, (t, k) => spans.cover.has(k) || sc.english.has(t.key))) continue;
    for (const sp of rest) {
      spans.at.delete(sp.from);
      spans.endAt.delete(sp.to);
      for (let k = sp.from; k < sp.to; k++) spans.cover.delete(k);
    }
  }
}

function everyWord(sc: SentenceScope, from: number, to: number, ok: (t: Token, k: number) => boolean): boolean {
  for (let k = from; k < to; k++) if (!ok(sc.toks[k], k)) return false;
  return true;
}

/** Gazetteer kinds a longer name may start with and keep as its own mention ("Nigerian", "Irving"). */
const PLACE_KINDS = new Set(['country', 'demonym', 'place', 'capital']);

/** A capitalised word that can be part of a longer name: not "The", not a day or month. */
function inNameRun(sc: SentenceScope, k: number): boolean {
  const t = sc.toks[k];
  // "Republican-controlled", "US-led": a hyphenated modifier is no part of a name
  return t.word && t.cap && !/-\p{Ll}/u.test(t.text) && !sc.words.neverName.has(t.key) && !sc.words.daysAndMonths.has(t.key);
}

export function findRoleSpans(sc: SentenceScope, gz: GazetteerSpans): RoleSpans {
  const roles: RoleSpans = { at: new Map(), endAt: new Map(), cover: new Set(), consumed: new Set() };
  for (let i = sc.from; i < sc.end; i++) {
    if (gz.cover.has(i) || !sc.toks[i].word) continue;
    const r = matchRole(sc, i);
    if (!r) continue;
    let clash = false;
    for (let k = r.from; k < r.to; k++) if (gz.cover.has(k)) clash = true;
    if (clash) continue;
    roles.at.set(i, r);
    roles.endAt.set(r.to, r);
    for (let k = r.from; k < r.to; k++) roles.cover.add(k);
    i = r.to - 1;
  }
  return roles;
}

/** Longest gazetteer match starting at token i, or undefined. `prev` is the span before it. */
function matchGazetteer(sc: SentenceScope, i: number, prev: GSpan | undefined): GSpan | undefined {
  const { g, toks, end } = sc;
  const t = toks[i];
  for (const e of g.byFirst.get(t.key) ?? NO_ENTRIES) {
    const n = e.keys.length;
    if (i + n > end) continue;
    let ok = true;
    let caseOk = true;
    for (let k = 0; k < n; k++) {
      const tk = toks[i + k];
      if (tk.key !== e.keys[k] || (k < n - 1 && tk.poss)) {
        ok = false;
        break;
      }
      if (caseOk && !caseMatchesMode(e.caseModes[k], e.formToks[k], tk.text)) caseOk = false;
    }
    if (!ok) continue;
    if (!caseOk) {
      // "the Russian foreign ministry": a body in lower case counts only right after a country
      const afterCountry = e.kind === 'body' && prev && prev.to === i && prev.entry.targetType === 'country';
      if (!afterCountry) continue;
    }
    if (e.ambiguous && ambiguousNeighbour(sc, i, i + n)) continue;
    if (partOfOtherName(sc, e, i + n)) continue;
    return { entry: e, from: i, to: i + n };
  }
  // "US-led", "Russian-made", "EU-wide": the first part of a hyphenated word
  const dash = t.text.indexOf('-');
  if (dash > 0 && t.word) {
    const head = t.text.slice(0, dash);
    const e = g.byFirst.get(tokenKey(head))?.find((x) => x.keys.length === 1 && caseMatches(x.form, head));
    if (e && e.kind !== 'place') return { entry: e, from: i, to: i + 1, partial: true };
  }
  return undefined;
}

/**
 * "Paris Agreement", "Moscow Times", "Sofia Rebelo": a capital, metonym or country name followed by
 * the head word of another name (a law, event, organisation), or a capital followed by an unknown
 * capitalised word (a surname), is part of that other name.
 */
function partOfOtherName(sc: SentenceScope, e: GazetteerEntry, next: number): boolean {
  const { g, lex } = sc;
  if (next >= sc.end || e.kind === 'demonym' || e.kind === 'body' || e.kind === 'place') return false;
  const t = sc.toks[next];
  if (!t.word || !t.cap || g.byFirst.has(t.key) || g.rolesByFirst.has(t.key)) return false;
  // "UN Convention on the Law of the Sea", "EU Charter": the organisation names a document
  if (e.kind === 'organization') return lex.organizations.notActorHeads.has(t.text);
  if (/\p{Lu}/u.test(e.form.slice(1)) && !e.form.includes(' ')) return false; // codes: "US Army"
  if (lex.organizations.notActorHeads.has(t.text) || lex.organizations.headWords.has(t.text) || lex.organizations.publicationHeads.has(t.text)) return true;
  // the lexicon alone, not this text's lower-case words: a surname is unknown English either way
  return (e.kind === 'capital' || e.kind === 'metonym') && !sc.english.has(t.key) && !sc.words.daysAndMonths.has(t.key);
}

/** "Michael Jordan", "Chad Smith", "Atlanta, Georgia": a capitalised unknown word next to it. */
function ambiguousNeighbour(sc: SentenceScope, from: number, to: number): boolean {
  const { g, toks } = sc;
  const isNameLike = (t: Token | undefined): boolean => !!t && t.word && t.cap && !g.byFirst.has(t.key) && !g.honorifics.has(t.text) && !g.rolesByFirst.has(t.key);
  const prev = toks[from - 1];
  if (prev && prev.sentence === toks[from].sentence && isNameLike(prev) && !sc.words.daysAndMonths.has(prev.key)) return true;
  // "Israel's Cabinet": after a possessive the capitalised word is what the country has, not a surname
  if (to < sc.end && !toks[to - 1].poss && isNameLike(toks[to])) return true;
  if (prev && prev.text === ',' && isNameLike(toks[from - 2]) && toks[from - 2].sentence === toks[from].sentence) return true;
  return false;
}

function matchRole(sc: SentenceScope, i: number): RSpan | undefined {
  const { toks } = sc;
  for (const r of sc.g.rolesByFirst.get(toks[i].key) ?? NO_ROLES) {
    const n = r.keys.length;
    if (i + n > sc.end) continue;
    let ok = true;
    for (let k = 0; k < n; k++) {
      const tk = toks[i + k];
      if (tk.key !== r.keys[k] || (k < n - 1 && tk.poss)) {
        ok = false;
        break;
      }
    }
    // "PM", "MP": upper-case forms match only upper case
    if (ok && /^[A-Z]{2,}$/.test(r.form) && toks[i].text !== r.form) ok = false;
    if (ok) return { role: r.role, form: r.form, from: i, to: i + n };
  }
  return undefined;
}
