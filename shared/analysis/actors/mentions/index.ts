// FINDING: every span of the text that may name an actor, with what the words around it say
// (title, role, the country or party next to it, whether it modifies a noun, sits after a
// locative preposition, is the subject, is inside a quotation). Nothing here decides which actor
// a mention is; resolve.ts does (STYLE.md 9).
//
// Order of work per sentence:
//   1. gazetteer spans (countries, demonyms, capitals, metonyms, organisations, bodies, places),
//      longest match first, with the case rule of gazetteer.ts;
//   2. role spans ("Defense Minister", "spokeswoman", "parliament member") and honorifics;
//   3. capitalised runs not covered by 1-2: persons (a title or honorific before them, an
//      apposition next to them, or two or more tokens at least one of which is not an ordinary
//      English word), organisations (an organisation head word last, or an introducer before:
//      "group Liberty"), and single capitalised words kept as surname candidates;
//   4. definite role nouns without a name ("the French president", "the prime minister");
//   5. references: "the council" / "the agency" (organisation head nouns), "the country",
//      "the Socialists" (a party by its members), "the government";
//   6. pronouns, and subjects (see markSubjects).
// Two weak kinds are left for resolve.ts to confirm or drop: single capitalised words ('surname':
// a person's surname, an organisation's short name, or nothing) and names made of ordinary words
// before a comma or reporting verb ('weakname': "Robin Cook", a person only if "Mr Cook" follows).
// A name after a locative preposition is flagged, so that one never seen elsewhere becomes a place.

import { SkipLog } from '../../guard.js';
import { ACTOR_LEXICON } from '../../lexicon/actors.js';
import type { CommonWords } from '../common-words.js';
import { actorEngine, type ActorEngine } from '../engine.js';
import { caseMatches, caseMatchesMode, slug, tokenKey, type Gazetteer, type GazetteerEntry, type RoleDef } from '../gazetteer.js';
import type { ActorType, Sentence, Span } from '../../types.js';

export interface Token extends Span {
  text: string;
  key: string;
  /** A word (letters or digits), not punctuation. */
  word: boolean;
  /** First character upper case. */
  cap: boolean;
  /** Followed by a possessive 's (or ' after a plural), which is not part of the token. */
  poss: boolean;
  sentence: number;
  /** Inside quotation marks. */
  quote: boolean;
}

export type RawKind =
  | 'country' | 'demonym' | 'capital' | 'metonym' | 'organization' | 'body' | 'place'
  | 'person' | 'surname' | 'weakname' | 'role' | 'pronoun' | 'government' | 'orgref' | 'countryref';

export interface RawMention extends Span {
  text: string;
  sentence: number;
  kind: RawKind;
  /** Gazetteer id (ISO3, organisation, body or place id) for gazetteer kinds and unknown organisations. */
  target?: string;
  targetType?: ActorType;
  /** person: name tokens as written ("Sergei Shoigu"); surname: the word. */
  name?: string;
  /** person/role: role key from titles.json and the words used ("Defense Minister"). */
  role?: string;
  roleText?: string;
  /** Whether the role acts for a government (after qualifiers such as "former", "shadow"). */
  government?: boolean | 'context' | 'inherit';
  /** The country named next to the title or role noun ("Russian", "the White House's"). */
  roleCountry?: string;
  /** Index (into the returned array) of a body mention the title hangs on ("Foreign Ministry spokeswoman"). */
  roleBody?: number;
  /** The role words without the country or organisation before them ("climate chief"). */
  roleCore?: string;
  /** Index of the person mention whose title this is ("Mr Sharon's spokesman"). */
  rolePossessor?: number;
  /** Organisation or party the title hangs on ("Tory leader", "Oxfam adviser"). */
  roleOrg?: string;
  countryHint?: string;
  gender?: 'm' | 'f';
  /** person: introduced with a title or honorific only ("Mr Blair", "President Bush"). */
  titled?: boolean;
  /** Country or body named right next to a body ("Russian Foreign Ministry"). */
  bodyCountry?: string;
  /** A country word that modifies a noun and does not act ("the Venezuelan economy"). */
  modifier?: boolean;
  /** After a locative preposition ("in Moscow"). */
  locative?: boolean;
  possessive?: boolean;
  plural?: boolean;
  /** First actor of its clause, not after a preposition, or right before a reporting verb. */
  subject?: boolean;
  quote?: boolean;
  /** Definite role noun ("the president"), which may corefer; an indefinite one does not. */
  definite?: boolean;
  pronoun?: 'm' | 'f' | 'plural';
  /** surname: an unknown word right before a reporting verb ("Yukos said"), an organisation unless a person has that name. */
  orgGuess?: boolean;
  /** A metonym form that counts only where its target is named another way ("the bloc"). */
  contextual?: boolean;
  /** weakname promoted to a person by resolve.ts. */
  promoted?: boolean;
  /** Part of a longer name: a body in a person's title ("Foreign Ministry spokeswoman"), a
   * country or place word inside an organisation's name ("Norwegian Refugee Council"). */
  inTitle?: boolean;
  /** Token range [tokStart, tokEnd) and the start of its noun phrase (title included). */
  tokStart: number;
  tokEnd: number;
  npStart: number;
}

/** The word classes and search bounds of actor-words.json and actor-tuning.json. */
const L = ACTOR_LEXICON;
const W = ACTOR_LEXICON.words;
const LIMITS = ACTOR_LEXICON.tuning.limits;
/** Role forms that only make a title before a name ("head", "official"): titles.json. */
const TITLE_ONLY_FORMS = ACTOR_LEXICON.titles.titleOnlyForms;

/** "the Socialists", "the Islamists", "the Nationalists": a capitalised plural of members. */
const PARTY_PLURAL = /^\p{Lu}\p{Ll}+(?:ists|ives)$/u;
/** An unknown acronym: three to six capitals ("CBI", "IFS"), not a Roman numeral. */
const ACRONYM = /^(?![IVXLCDM]+$)[A-Z]{3,6}$/;
const TOKEN_RE = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*\+?|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string, sentences: Sentence[]): Token[] {
  const out: Token[] = [];
  let si = 0;
  let inQuote = false;
  let nextNewline = text.indexOf('\n');
  if (nextNewline < 0) nextNewline = Infinity;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    let t = m[0];
    const start = m.index;
    // quotation state resets at paragraph breaks
    if (nextNewline < start) {
      inQuote = false;
      nextNewline = text.indexOf('\n', start);
      if (nextNewline < 0) nextNewline = Infinity;
    }
    while (si < sentences.length - 1 && start >= sentences[si].end) si++;
    // a straight quote opens after white space or an opening bracket, and closes after a word or punctuation
    const opensStraight = t === '"' && (start === 0 || /[\s(\[]/.test(text[start - 1])) && !/\s/.test(text[start + 1] ?? ' ');
    if (t === '“' || opensStraight) {
      inQuote = true;
      out.push(mk(t, start, si, true));
      continue;
    }
    if (t === '”' || t === '"') {
      inQuote = false;
      out.push(mk(t, start, si, true));
      continue;
    }
    let poss = false;
    const first = t.charCodeAt(0);
    // ASCII fast path before the Unicode class
    const isWord = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || (first >= 48 && first <= 57)
      || (first > 127 && /[\p{L}\p{N}]/u.test(t[0]));
    if (isWord) {
      const ps = /['’][sS]$/.exec(t);
      if (ps && t.length > 2) {
        t = t.slice(0, -2);
        poss = true;
      } else if ((t.endsWith('s') || t.endsWith('S')) && (text[start + t.length] === "'" || text[start + t.length] === '’') && !/[\p{L}]/u.test(text[start + t.length + 1] ?? '')) {
        poss = true;
      }
    }
    const tok = mk(t, start, si, inQuote);
    tok.poss = poss;
    tok.word = isWord;
    tok.cap = isWord && (first >= 65 && first <= 90 ? true : first > 127 && /\p{Lu}/u.test(t[0]));
    out.push(tok);
  }
  return out;
}

function mk(t: string, start: number, sentence: number, quote: boolean): Token {
  return { start, end: start + t.length, text: t, key: tokenKey(t), word: false, cap: false, poss: false, sentence, quote };
}

interface GSpan {
  entry: GazetteerEntry;
  from: number;
  to: number; // exclusive token index
  /** Matched only the first part of a hyphenated token ("US-led"). */
  partial?: boolean;
}
interface RSpan {
  role: RoleDef;
  form: string;
  from: number;
  to: number;
}

/** Longest gazetteer match starting at token i, or undefined. */
function matchGazetteer(g: Gazetteer, words: CommonWords, toks: Token[], i: number, end: number, prev: GSpan | undefined): GSpan | undefined {
  const t = toks[i];
  const list = g.byFirst.get(t.key);
  if (list) {
    for (const e of list) {
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
      if (e.ambiguous && ambiguousNeighbour(g, toks, i, i + n, end)) continue;
      if (partOfOtherName(g, words, e, toks, i + n, end)) continue;
      return { entry: e, from: i, to: i + n };
    }
  }
  // "US-led", "Russian-made", "EU-wide": the first part of a hyphenated word
  const dash = t.text.indexOf('-');
  if (dash > 0 && t.word) {
    const head = t.text.slice(0, dash);
    const hl = g.byFirst.get(tokenKey(head));
    const e = hl?.find((x) => x.keys.length === 1 && caseMatches(x.form, head));
    if (e && e.kind !== 'place') return { entry: e, from: i, to: i + 1, partial: true };
  }
  return undefined;
}

/**
 * "Paris Agreement", "Moscow Times", "Sofia Rebelo": a capital, metonym or country name followed by
 * the head word of another name (a law, event, organisation), or a capital followed by an unknown
 * capitalised word (a surname), is part of that other name.
 */
function partOfOtherName(g: Gazetteer, words: CommonWords, e: GazetteerEntry, toks: Token[], next: number, end: number): boolean {
  if (next >= end || e.kind === 'demonym' || e.kind === 'body' || e.kind === 'place') return false;
  const t = toks[next];
  if (!t.word || !t.cap || g.byFirst.has(t.key) || g.rolesByFirst.has(t.key)) return false;
  // "UN Convention on the Law of the Sea", "EU Charter": the organisation names a document
  if (e.kind === 'organization') return L.organizations.notActorHeads.has(t.text);
  if (/\p{Lu}/u.test(e.form.slice(1)) && !e.form.includes(' ')) return false; // codes: "US Army"
  if (L.organizations.notActorHeads.has(t.text) || L.organizations.headWords.has(t.text)) return true;
  return (e.kind === 'capital' || e.kind === 'metonym') && !words.has(t.key) && !W.daysAndMonths.has(t.key);
}

/** "Michael Jordan", "Chad Smith", "Atlanta, Georgia": a capitalised unknown word next to it. */
function ambiguousNeighbour(g: Gazetteer, toks: Token[], from: number, to: number, end: number): boolean {
  const isNameLike = (t: Token | undefined): boolean => !!t && t.word && t.cap && !g.byFirst.has(t.key) && !g.honorifics.has(t.text) && !g.rolesByFirst.has(t.key);
  const prev = toks[from - 1];
  if (prev && prev.sentence === toks[from].sentence && isNameLike(prev) && !W.daysAndMonths.has(prev.key)) return true;
  if (to < end && isNameLike(toks[to])) return true;
  if (prev && prev.text === ',' && isNameLike(toks[from - 2]) && toks[from - 2].sentence === toks[from].sentence) return true;
  return false;
}

function matchRole(g: Gazetteer, toks: Token[], i: number, end: number): RSpan | undefined {
  const list = g.rolesByFirst.get(toks[i].key);
  if (!list) return undefined;
  for (const r of list) {
    const n = r.keys.length;
    if (i + n > end) continue;
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

export function findMentions(text: string, sentences: Sentence[], skips = new SkipLog(), engine: ActorEngine = actorEngine()): RawMention[] {
  const g = engine.gazetteer;
  const toks = tokenize(text, sentences);
  // words seen in lower case in this text are ordinary words here, whatever the lexicon says
  const lowerSeen = new Set<string>();
  const capKeys = new Set<string>();
  for (const t of toks) {
    if (!t.word) continue;
    // only words that may end up in a name run need the lexicon
    if (t.cap) {
      if (!g.byFirst.has(t.key) && !W.neverName.has(t.key) && !W.daysAndMonths.has(t.key)) capKeys.add(t.key);
    }
    else lowerSeen.add(t.key);
  }
  engine.words.prime(capKeys);
  const common = (k: string): boolean => lowerSeen.has(k) || engine.words.has(k);

  const out: RawMention[] = [];
  let ti = 0;
  // the list is appended sentence by sentence; each sentence only looks at its own part
  for (const s of sentences) {
    const from = ti;
    while (ti < toks.length && toks[ti].start < s.end) ti++;
    const before = out.length;
    skips.sentence('mentions', s.index, () => findInSentence(g, engine.words, text, toks, from, ti, s.index, common, lowerSeen, out), undefined);
    if (skips.skipped.at(-1)?.sentence === s.index) out.length = before; // a half-done sentence leaves nothing
  }
  return out;
}

function findInSentence(
  g: Gazetteer, words: CommonWords, text: string, toks: Token[], from: number, end: number, sentence: number,
  common: (k: string) => boolean, lowerSeen: Set<string>, out: RawMention[],
): void {
  const outStart = out.length;
  // 1. gazetteer spans
  const gAt = new Map<number, GSpan>(); // by start token
  const gCover = new Set<number>();
  let prev: GSpan | undefined;
  for (let i = from; i < end; i++) {
    if (!toks[i].word) continue;
    const m = matchGazetteer(g, words, toks, i, end, prev);
    if (!m) continue;
    gAt.set(i, m);
    for (let k = m.from; k < m.to; k++) gCover.add(k);
    prev = m;
    i = m.to - 1;
  }
  // 2. role spans and honorifics (not inside gazetteer spans)
  const rAt = new Map<number, RSpan>();
  const rEndAt = new Map<number, RSpan>(); // by exclusive end
  const rCover = new Set<number>();
  for (let i = from; i < end; i++) {
    if (gCover.has(i) || !toks[i].word) continue;
    const r = matchRole(g, toks, i, end);
    if (!r) continue;
    let clash = false;
    for (let k = r.from; k < r.to; k++) if (gCover.has(k)) clash = true;
    if (clash) continue;
    rAt.set(i, r);
    rEndAt.set(r.to, r);
    for (let k = r.from; k < r.to; k++) rCover.add(k);
    i = r.to - 1;
  }
  const isHonorific = (i: number): boolean => i >= from && i < end && toks[i].cap && toks[i].text.length <= g.honorificMaxChars && g.honorifics.has(toks[i].text);
  const consumedRoles = new Set<RSpan>();
  const gMention = new Map<GSpan, number>(); // gazetteer span -> index in out (filled below)
  const sentenceStart = (i: number): boolean => {
    if (i === from) return true;
    const p = toks[i - 1];
    return !p.word && (p.text === '"' || p.text === '“' || p.text === "'" || p.text === '‘' || p.text === ':' || p.text === '-' || p.text === '(' || p.text === '[');
  };

  // emit gazetteer mentions first (persons refer to them by index)
  for (const sp of [...gAt.values()].sort((a, b) => a.from - b.from)) {
    const e = sp.entry;
    const first = toks[sp.from];
    const last = toks[sp.to - 1];
    const startOff = first.start;
    const endOff = sp.partial ? first.start + first.text.indexOf('-') : last.end;
    const next = toks[sp.to];
    const nextInSentence = sp.to < end ? next : undefined;
    const before = sp.from > from ? toks[sp.from - 1] : undefined;
    const before2 = sp.from - 1 > from ? toks[sp.from - 2] : undefined;
    const m: RawMention = {
      start: startOff, end: endOff, text: text.slice(startOff, endOff), sentence,
      kind: e.kind, target: e.target, targetType: e.targetType,
      tokStart: sp.from, tokEnd: sp.to, npStart: sp.from, quote: first.quote,
    };
    if (last.poss) m.possessive = true;
    if (e.plural) m.plural = true;
    if (e.contextual) m.contextual = true;
    if (e.kind === 'body' && !e.bodyCountry) {
      // "Russian Foreign Ministry", "Russia's Foreign Ministry", "Foreign Ministry of Russia"
      const pg = [...gAt.values()].find((x) => x.to === sp.from && x.entry.targetType === 'country');
      const after = nextInSentence?.key === 'of' ? gAt.get(sp.to + 1) : undefined;
      if (pg) m.bodyCountry = pg.entry.target;
      else if (after && after.entry.targetType === 'country') m.bodyCountry = after.entry.target;
    }
    // locative: "in Moscow", "in neighboring Guyana", "at the White House"
    const locPrev = before && W.locativePrepositions.has(before.key) ? true
      : before && before2 && (before.key === 'the' || (!before.cap && before.word && !W.prepositions.has(before.key))) && W.locativePrepositions.has(before2.key);
    if (locPrev) m.locative = true;
    // modifier: a country word before a noun it does not act through
    if (sp.partial) m.modifier = true;
    else if (!last.poss && nextInSentence && nextInSentence.word && !nextInSentence.cap && e.targetType === 'country') {
      const nk = nextInSentence.key;
      const nk2 = sp.to + 1 < end ? `${nk} ${toks[sp.to + 1].key}` : nk;
      const acting = L.bodies.governmentNouns.has(nk) || L.bodies.governmentNouns.has(nk2) || W.actionNouns.has(nk) || rAt.has(sp.to);
      if (e.kind === 'demonym') m.modifier = !acting && !e.plural && !W.subjectVerbs.has(nk);
      else m.modifier = W.inertNouns.has(nk);
    } else if (e.kind === 'demonym' && !e.plural && nextInSentence && nextInSentence.word && nextInSentence.cap && !gAt.has(sp.to) && !rAt.has(sp.to)) {
      // "Australian Mamdouh Habib": nationality, not the state
      m.modifier = true;
    }
    gMention.set(sp, out.length);
    out.push(m);
  }

  // 3. capitalised runs
  const personAt: RawMention[] = [];
  for (let i = from; i < end; i++) {
    const t = toks[i];
    if (!t.word || !t.cap || gCover.has(i) || rCover.has(i) || isHonorific(i)) continue;
    if (W.neverName.has(t.key) && !(W.pronounSurnames.has(t.key) && ((i + 1 < end && toks[i + 1].cap && toks[i + 1].word && !gCover.has(i + 1) && !common(toks[i + 1].key)) || isHonorific(i - 1)))) continue;
    // build the run
    let j = i;
    const runToks: number[] = [];
    while (j < end) {
      const tj = toks[j];
      // "He Lingyun", "Mr He": a pronoun-looking surname before an unknown capitalised word or after an honorific
      const heName = W.pronounSurnames.has(tj.key) && tj.cap && ((j + 1 < end && toks[j + 1].cap && toks[j + 1].word && !gCover.has(j + 1) && !common(toks[j + 1].key)) || isHonorific(j - 1));
      if (tj.word && tj.cap && !gCover.has(j) && !rCover.has(j) && !isHonorific(j) && (!W.neverName.has(tj.key) || heName)) {
        runToks.push(j);
        j++;
        if (tj.poss) break;
        // initial with a period: "George W. Bush"
        if (/^\p{Lu}$/u.test(tj.text) && toks[j]?.text === '.' && toks[j].start === tj.end) j++;
        continue;
      }
      if (tj.word && !tj.cap && W.nameConnectors.has(tj.key) && runToks.length > 0 && j + 1 < end && toks[j + 1].cap && toks[j + 1].word && !gCover.has(j + 1)) {
        runToks.push(j);
        j++;
        continue;
      }
      break;
    }
    if (runToks.length === 0) continue;
    const fullRun = [...runToks];
    // strip ordinary words capitalised only because they open the sentence, days and months
    while (runToks.length > 0) {
      const k = runToks[0];
      const key = toks[k].key;
      // "Talks", "Human" open sentences; "Tony Blair" keeps "Tony" (an unknown word follows and
      // "tony" is not seen in lower case here)
      const nextKey = runToks.length > 1 ? toks[runToks[1]].key : undefined;
      const ordinaryOpener = sentenceStart(k) && common(key)
        && (lowerSeen.has(key) || W.sentenceAdverbs.has(key) || nextKey === undefined || common(nextKey));
      const titledHere = isHonorific(k - 1) || rEndAt.has(k) || (toks[k - 1]?.text === '.' && isHonorific(k - 2));
      if ((W.daysAndMonths.has(key) && !titledHere) || ordinaryOpener) runToks.shift();
      else break;
    }
    i = j - 1;
    if (runToks.length < fullRun.length && fullRun.length <= LIMITS.weakNameMaxTokens && fullRun.length >= 2 && !W.daysAndMonths.has(toks[fullRun[0]].key)
      && nameFollows(toks, fullRun[fullRun.length - 1] + 1, end)) {
      // "Robin Cook, who ...": the opener may be a given name after all; resolve.ts decides
      const fa = toks[fullRun[0]];
      const fb = toks[fullRun[fullRun.length - 1]];
      out.push({
        start: fa.start, end: fb.end, text: text.slice(fa.start, fb.end), sentence, kind: 'weakname',
        name: fullRun.map((k) => toks[k].text).join(' '), tokStart: fullRun[0], tokEnd: fullRun[fullRun.length - 1] + 1,
        npStart: fullRun[0], quote: fa.quote, possessive: fb.poss || undefined,
      });
    }
    if (runToks.length === 0) continue;
    const a = runToks[0];
    const b = runToks[runToks.length - 1];
    const lastTok = toks[b];
    const words = runToks.map((k) => toks[k].text);
    const before = a - 1 >= from ? toks[a - 1] : undefined;

    // "St Petersburg", "Fort Worth": a place
    if (L.places.namePrefixes.has(toks[a].text)) continue;
    // "the CBI said", "The IFS warned": an unknown acronym acting as a subject is an organisation
    if (runToks.length === 1 && ACRONYM.test(lastTok.text) && !lastTok.poss) {
      const nx = b + 1 < end ? toks[b + 1] : undefined;
      const prevThe = before?.key === 'the';
      if (nx && W.subjectVerbs.has(nx.key) && (prevThe || sentenceStart(a))) {
        out.push({
          start: lastTok.start, end: lastTok.end, text: lastTok.text, sentence, kind: 'organization', target: slug(lastTok.text),
          targetType: 'organization', tokStart: b, tokEnd: b + 1, npStart: prevThe ? a - 1 : a, quote: lastTok.quote,
        });
        continue;
      }
    }
    // "Institute for Fiscal Studies", "Council on Foreign Relations": a head word, of/for/on, a name
    let orgEnd = b;
    let tailCountry: GSpan | undefined;
    // "Business Council of Australia": a country (not a place) right after "of" ends the name
    const ofCountry = L.organizations.headWords.has(lastTok.text) && !lastTok.poss && b + 2 < end && toks[b + 1].key === 'of' ? gAt.get(b + 2) : undefined;
    if (ofCountry && ofCountry.entry.kind === 'country' && !ofCountry.partial && (runToks.length >= 2 || [...gAt.values()].some((x) => x.to === a && x.entry.kind === 'demonym'))) {
      tailCountry = ofCountry;
      orgEnd = ofCountry.to - 1;
      j = Math.max(j, ofCountry.to);
      i = j - 1;
    } else if (L.organizations.headWords.has(lastTok.text) && !lastTok.poss && b + 2 < end && W.orgLinks.has(toks[b + 1].key) && !gCover.has(b + 2)) {
      let k = b + 2;
      // names stop at weekdays and months ("the Labor Party on Wednesday")
      while (k < end && toks[k].word && !W.daysAndMonths.has(toks[k].key) && (toks[k].cap || (toks[k].key === 'and' && toks[k + 1]?.cap && k > b + 2)) && !gCover.has(k) && !rCover.has(k)) {
        k++;
        if (toks[k - 1].poss) break;
      }
      if (k > b + 2) {
        orgEnd = k - 1;
        j = Math.max(j, k);
        i = j - 1;
      }
    }
    if (orgEnd > b) {
      // "European Bank for Reconstruction and Development", "Australian Council of Trade Unions":
      // absorb a place, country or demonym word right before
      const pg = [...gAt.values()].find((x) => x.to === a && (x.entry.kind === 'place' || x.entry.kind === 'demonym' || x.entry.kind === 'country') && !toks[x.to - 1].poss && !x.partial);
      if (tailCountry) {
        const idx = gMention.get(tailCountry);
        if (idx !== undefined) out[idx].inTitle = true;
      }
      const s0 = pg ? pg.from : a;
      if (pg) {
        const idx = gMention.get(pg);
        if (idx !== undefined) out[idx].inTitle = true;
      }
      const startOff = toks[s0].start;
      const endTok = toks[orgEnd];
      out.push({
        start: startOff, end: endTok.end, text: text.slice(startOff, endTok.end), sentence, kind: 'organization',
        target: slug(text.slice(startOff, endTok.end)), targetType: 'organization', tokStart: s0, tokEnd: orgEnd + 1, npStart: s0,
        quote: toks[a].quote, possessive: endTok.poss || undefined,
      });
      continue;
    }
    // "the small Free Citizens party": a name followed by a party noun is an organisation
    const after = b + 1 < end ? toks[b + 1] : undefined;
    if (after && after.word && !after.cap && L.organizations.partyNouns.has(after.key) && !lastTok.poss && (runToks.length >= 2 || !common(lastTok.key))) {
      const startOff = toks[a].start;
      out.push({
        start: startOff, end: lastTok.end, text: text.slice(startOff, lastTok.end), sentence, kind: 'organization',
        target: slug(text.slice(startOff, lastTok.end)), targetType: 'organization', tokStart: a, tokEnd: b + 1, npStart: a,
        quote: toks[a].quote,
      });
      continue;
    }
    // "World War II": a trailing numeral does not hide the head word
    const headTok = /^[IVX]+$|^\d+$/.test(lastTok.text) && runToks.length > 1 ? toks[runToks[runToks.length - 2]] : lastTok;
    if (L.organizations.notActorHeads.has(headTok.text)) continue;
    // organisations by head word or introducer
    const introduced = before && before.word && !before.cap && L.organizations.introducers.has(before.key);
    if ((runToks.length >= 2 && L.organizations.headWords.has(lastTok.text)) || (introduced && !rEndAt.has(a))) {
      let s0 = a;
      // "Guantanamo Human Rights Commission": absorb a place or country word right before
      const pg = [...gAt.values()].find((x) => x.to === a && x.entry.kind !== 'organization' && x.entry.kind !== 'body' && !toks[x.to - 1].poss && !x.partial);
      if (pg && !introduced) s0 = pg.from;
      const startOff = toks[s0].start;
      const m: RawMention = {
        start: startOff, end: lastTok.end, text: text.slice(startOff, lastTok.end), sentence, kind: 'organization',
        target: slug(text.slice(startOff, lastTok.end)), targetType: 'organization', tokStart: s0, tokEnd: b + 1, npStart: s0,
        quote: toks[a].quote,
      };
      if (lastTok.poss) m.possessive = true;
      if (pg && !introduced) {
        // the absorbed place is part of the name, not a mention of its own
        const idx = gMention.get(pg);
        if (idx !== undefined) out[idx].inTitle = true;
      }
      out.push(m);
      continue;
    }
    // person: title / honorific before, or apposition, or a two-plus-token name
    const left = leftContext(g, toks, from, a, rEndAt, gAt, isHonorific);
    const app = left.role ? undefined : apposition(g, toks, from, end, left.npStart ?? a, b + 1, rAt, rEndAt, gAt);
    const allInitialOk = runToks.every((k) => toks[k].text.length > 1 || /^\p{Lu}$/u.test(toks[k].text));
    const nonCommon = runToks.some((k) => !common(toks[k].key) && !W.nameConnectors.has(toks[k].key));
    // "General Motors", "Prime Minister's Questions": a title before a plural ordinary word or a
    // head word is part of some other name
    const titleBlocked = runToks.length === 1 && left.honorific === undefined
      && ((common(lastTok.key) && /s$/.test(lastTok.key) && common(lastTok.key.slice(0, -1))) || L.organizations.headWords.has(lastTok.text) || L.organizations.notActorHeads.has(lastTok.text));
    const roleOk = left.role !== undefined && !toks[left.role.to - 1].poss && !titleBlocked;
    const isPerson = allInitialOk && (left.honorific !== undefined || roleOk || (app !== undefined && !titleBlocked) || (runToks.length >= 2 && nonCommon));
    if (!isPerson) {
      if (runToks.length === 1) {
        const m: RawMention = {
          start: lastTok.start, end: lastTok.end, text: lastTok.text, sentence, kind: 'surname', name: lastTok.text,
          tokStart: b, tokEnd: b + 1, npStart: b, quote: lastTok.quote, possessive: lastTok.poss || undefined,
        };
        // "Yukos said": an unknown word reporting something is an organisation unless it is a person's name
        const nx = b + 1 < end ? toks[b + 1] : undefined;
        const pv = b - 1 >= from ? toks[b - 1] : undefined;
        if (nx && W.orgGuessVerbs.has(nx.key) && !lastTok.poss && !common(lastTok.key) && !lowerSeen.has(lastTok.key) && !(pv && W.prepositions.has(pv.key))) m.orgGuess = true;
        out.push(m);
      } else if (runToks.length <= LIMITS.weakNameMaxTokens && allInitialOk && nameFollows(toks, b + 1, end)) {
        // "Robin Cook": a name made of ordinary words, kept in case "Mr Cook" shows it is one
        out.push({
          start: toks[a].start, end: lastTok.end, text: text.slice(toks[a].start, lastTok.end), sentence, kind: 'weakname',
          name: words.join(' '), tokStart: a, tokEnd: b + 1, npStart: a, quote: toks[a].quote, possessive: lastTok.poss || undefined,
        });
      }
      continue;
    }
    const role = roleOk ? left.role : app?.role;
    const startOff = toks[a].start;
    const m: RawMention = {
      start: startOff, end: lastTok.end, text: text.slice(startOff, lastTok.end), sentence, kind: 'person',
      name: words.join(' '), tokStart: a, tokEnd: b + 1, npStart: left.npStart ?? a, quote: toks[a].quote,
      titled: runToks.length === 1,
    };
    if (lastTok.poss) m.possessive = true;
    if (left.honorific === 'm' || left.honorific === 'f') m.gender = left.honorific;
    if (role) {
      m.role = role.role.key;
      m.roleText = (roleOk ? left.roleText : app?.roleText) ?? role.form;
      const noGov = (roleOk ? left.noGov : app?.noGov) ?? false;
      m.government = noGov ? false : role.role.government;
      if (role.role.gender) m.gender = role.role.gender;
      const gb = role.role.genderByForm?.[role.form];
      if (gb) m.gender = gb;
      if (role.role.countryHint) m.countryHint = role.role.countryHint;
      consumedRoles.add(role);
    }
    const ctx = roleOk ? left : app;
    if (ctx) {
      if (ctx.country) m.roleCountry = ctx.country;
      if (ctx.body) {
        m.roleBody = gMention.get(ctx.body);
        // the body only qualifies the title ("US Treasury Under-Secretary"): not an actor of its own
        if (m.roleBody !== undefined) out[m.roleBody].inTitle = true;
      }
      if (ctx.org) m.roleOrg = ctx.org;
      for (const gs of ctx.gspans) {
        const idx = gMention.get(gs);
        // "Russian Defense Minister", "Tory leader": the country or party qualifies the title
        if (idx !== undefined && !out[idx].possessive) out[idx].modifier = true;
      }
    }
    if (app) m.npStart = Math.min(m.npStart, app.npStart ?? m.npStart);
    const possessorTok = ctx?.possessorTok;
    if (possessorTok !== undefined) {
      for (let q = outStart; q < out.length; q++) {
        const x = out[q];
        if ((x.kind === 'person' || x.kind === 'surname') && x.tokStart <= possessorTok && possessorTok < x.tokEnd) {
          m.rolePossessor = q;
          break;
        }
      }
    }
    // "near Khan Younis": a name right after a locative preposition may be a place (resolve.ts decides)
    const pre = m.npStart - 1 >= from ? toks[m.npStart - 1] : undefined;
    if (pre && W.placePrepositions.has(pre.key) && !lastTok.poss) m.locative = true;
    out.push(m);
    personAt.push(m);
  }

  const nameTok = new Set<number>();
  for (let k = outStart; k < out.length; k++) if (out[k].kind === 'person') for (let q = out[k].tokStart; q < out[k].tokEnd; q++) nameTok.add(q);
  // 4. definite role nouns without a name
  for (const r of rAt.values()) {
    if (consumedRoles.has(r)) continue;
    if (TITLE_ONLY_FORMS.has(r.form)) continue;
    const left = leftOfRole(g, toks, from, r.from, gAt);
    const nextTok = r.to < end ? toks[r.to] : undefined;
    let country = left.country;
    // "the president of Venezuela"
    if (nextTok?.key === 'of') {
      const ofG = gAt.get(r.to + 1);
      if (ofG && ofG.entry.targetType === 'country') country = ofG.entry.target;
    }
    const lastRoleTok = toks[r.to - 1];
    // "prime minister's questions" is an event, not the person
    if (lastRoleTok.poss && !left.definite) continue;
    if (!left.definite && !country) continue;
    const s0 = left.gspans.length ? Math.min(...left.gspans.map((x) => x.from)) : r.from;
    const startOff = toks[s0].start;
    const m: RawMention = {
      start: startOff, end: lastRoleTok.end, text: text.slice(startOff, lastRoleTok.end), sentence, kind: 'role',
      role: r.role.key, roleText: text.slice(toks[left.qualFrom ?? r.from].start, lastRoleTok.end),
      roleCore: text.slice(toks[coreFrom(toks, left, r.from)].start, lastRoleTok.end),
      government: left.noGov ? false : r.role.government, definite: true,
      tokStart: s0, tokEnd: r.to, npStart: left.npStart ?? s0, quote: toks[r.from].quote,
    };
    if (country) m.roleCountry = country;
    if (left.org) m.roleOrg = left.org;
    if (left.body) m.roleBody = gMention.get(left.body);
    if (r.role.gender) m.gender = r.role.gender;
    const gb = r.role.genderByForm?.[r.form];
    if (gb) m.gender = gb;
    if (lastRoleTok.poss) m.possessive = true;
    // the demonym inside "the French president" is part of this mention, not its own
    for (const gs of left.gspans) {
      const idx = gMention.get(gs);
      if (idx !== undefined) out[idx].modifier = true;
    }
    out.push(m);
  }

  // "the country's largest trade union confederation": an unnamed organisation described by its size
  for (let i = from + 1; i < end; i++) {
    const t = toks[i];
    if (!t.word || t.cap || !W.sizeAdjectives.has(t.key)) continue;
    const p = toks[i - 1];
    if (!(p.key === 'the' || p.poss)) continue;
    let k = i + 1;
    while (k < end && k <= i + LIMITS.describedOrgMaxWords && (toks[k].word || ((toks[k].text === "'" || toks[k].text === '’') && toks[k - 1].poss)) && !toks[k].cap && !W.describedOrgHeads.has(toks[k].key) && !W.prepositions.has(toks[k].key) && !W.subjectVerbs.has(toks[k].key)) k++;
    if (k >= end || k === i + 1 || !W.describedOrgHeads.has(toks[k].key) || toks[k].cap || rCover.has(k)) continue;
    // "trade union confederation": the last of several head nouns
    while (k + 1 < end && !toks[k].poss && W.describedOrgHeads.has(toks[k + 1].key) && !toks[k + 1].cap) k++;
    const name = text.slice(t.start, toks[k].end);
    out.push({ start: t.start, end: toks[k].end, text: name, sentence, kind: 'organization', target: slug(name), targetType: 'organization', tokStart: i, tokEnd: k + 1, npStart: i - 1, quote: t.quote, possessive: toks[k].poss || undefined });
    i = k;
  }
  // "the council", "the agency": an organisation named before; "the country": the topic country;
  // "the Socialists": a party named by its members; "the opposition", "the junta": a group
  for (let i = from + 1; i < end; i++) {
    const t = toks[i];
    let p = toks[i - 1];
    if (!t.word || gCover.has(i) || rCover.has(i)) continue;
    // "the militant group", "the Georgian opposition": one modifier between "the" and the noun
    if (p.key !== 'the' && i - 2 >= from && toks[i - 2].key === 'the' && !t.cap && ((p.word && !p.cap && W.anaphorModifiers.has(p.key)) || (gCover.has(i - 1) && W.groupNouns.has(t.key)))) p = toks[i - 2];
    const nx = i + 1 < end ? toks[i + 1] : undefined;
    // "opposition protesters", "opposition parties": the members of the group stand for it
    if (!t.cap && W.groupNouns.has(t.key) && nx && nx.word && !nx.cap && W.groupMembers.has(nx.key) && !rCover.has(i + 1)) {
      out.push({ start: t.start, end: nx.end, text: text.slice(t.start, nx.end), sentence, kind: 'organization', target: t.key, targetType: 'group', tokStart: i, tokEnd: i + 2, npStart: p.key === 'the' ? i - 1 : i, quote: t.quote, possessive: nx.poss || undefined });
      i++;
      continue;
    }
    if (p.key !== 'the') continue;
    if (!t.cap && W.groupNouns.has(t.key) && !(nx && nx.word && !nx.cap && !W.subjectVerbs.has(nx.key) && !W.prepositions.has(nx.key) && nx.key !== 'and' && nx.key !== 'or')) {
      // the mention replaces a country word that only qualifies it ("the Georgian opposition")
      for (let q = outStart; q < out.length; q++) if (out[q].tokEnd === i && gCover.has(i - 1) && out[q].targetType === 'country') out[q].modifier = true;
      out.push({ start: t.start, end: t.end, text: t.text, sentence, kind: 'organization', target: t.key, targetType: 'group', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
      continue;
    }
    if (!t.cap && L.organizations.headNounAnaphora.has(t.key) && !(nx && (nx.key === 'of' || nx.key === 'for'))) {
      out.push({ start: t.start, end: t.end, text: t.text, sentence, kind: 'orgref', name: t.key, tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
    } else if (!t.cap && W.countryNouns.has(t.key)) {
      out.push({ start: t.start, end: t.end, text: t.text, sentence, kind: 'countryref', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
    } else if (t.cap && PARTY_PLURAL.test(t.text) && !lowerSeen.has(t.key)) {
      // replaces the surname candidate the capitalised-run step left for this word
      let k = -1;
      let taken = false;
      for (let q = outStart; q < out.length; q++) {
        const x = out[q];
        if (x.kind === 'surname' && x.tokStart === i && x.tokEnd === i + 1) k = q;
        else if (x.kind !== 'surname' && x.tokStart <= i && i < x.tokEnd) taken = true;
      }
      if (taken) continue;
      const m: RawMention = { start: t.start, end: t.end, text: t.text, sentence, kind: 'organization', target: slug(t.text), targetType: 'organization', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined };
      if (k >= 0) out[k] = m;
      else out.push(m);
    }
  }

  // bare "the government" / "the Cabinet": the home government, resolved later
  for (let i = from; i < end; i++) {
    const t = toks[i];
    if (!t.word || gCover.has(i) || !L.bodies.homeGovernmentNouns.has(t.key)) continue;
    const p = toks[i - 1];
    if (i - 1 < from || p.key !== 'the' || gCover.has(i - 1)) continue;
    out.push({ start: t.start, end: t.end, text: t.text, sentence, kind: 'government', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
  }

  // 5. pronouns
  for (let i = from; i < end; i++) {
    const t = toks[i];
    if (!t.word) continue;
    const p = W.pronouns.get(t.key);
    if (!p || nameTok.has(i)) continue;
    out.push({ start: t.start, end: t.end, text: t.text, sentence, kind: 'pronoun', pronoun: p, tokStart: i, tokEnd: i + 1, npStart: i, quote: t.quote });
  }

  markSubjects(toks, from, end, out, outStart);
}

interface LeftContext {
  role?: RSpan;
  roleText?: string;
  honorific?: 'm' | 'f' | 'x';
  noGov?: boolean;
  country?: string;
  body?: GSpan;
  org?: string;
  gspans: GSpan[];
  npStart?: number;
  definite?: boolean;
  qualFrom?: number;
  bodyInTitle?: GSpan;
  possessorTok?: number;
}

/** What stands before a name: honorific, title, qualifiers, and the country/body/party of the title. */
function leftContext(
  g: Gazetteer, toks: Token[], from: number, a: number, rEndAt: Map<number, RSpan>, gAt: Map<number, GSpan>,
  isHonorific: (i: number) => boolean,
): LeftContext {
  const ctx: LeftContext = { gspans: [] };
  let i = a;
  if (i - 1 >= from && toks[i - 1].text === '.' && isHonorific(i - 2)) i--;
  if (isHonorific(i - 1)) {
    const h = g.honorifics.get(toks[i - 1].text.replace(/\.$/, ''));
    ctx.honorific = h ?? 'x'; // "Dr": a person, gender unknown
    i--;
    ctx.npStart = i;
  }
  const r = rEndAt.get(i);
  if (r) {
    ctx.role = r;
    const lr = leftOfRole(g, toks, from, r.from, gAt);
    ctx.country = lr.country;
    ctx.body = lr.body;
    ctx.org = lr.org;
    ctx.noGov = lr.noGov;
    ctx.gspans = lr.gspans;
    ctx.npStart = lr.npStart;
    ctx.roleText = textBetween(toks, lr.qualFrom ?? r.from, r.to);
    ctx.bodyInTitle = lr.body;
    ctx.possessorTok = lr.possessorTok;
  }
  return ctx;
}

/**
 * What follows a name made of ordinary words when it is one: a comma (apposition), a reporting
 * verb or auxiliary, or a bracket ("Robin Cook, who...", "Jack Straw said"); not a headline's
 * quote or object ("End Bush 'denial'").
 */
function nameFollows(toks: Token[], k: number, end: number): boolean {
  if (k >= end) return false;
  const t = toks[k];
  return t.text === ',' || t.text === '(' || W.subjectVerbs.has(t.key);
}

/** First token of a role phrase after any country or organisation words ("UN's climate chief" -> "climate chief"). */
function coreFrom(toks: Token[], left: LeftContext, r: number): number {
  let k = left.qualFrom ?? r;
  for (const sp of left.gspans) if (sp.to > k && sp.to <= r) k = sp.to;
  return k;
}

function textBetween(toks: Token[], a: number, b: number): string {
  let s = '';
  for (let k = a; k < b; k++) s += (k > a && toks[k].start > toks[k - 1].end ? ' ' : '') + toks[k].text;
  return s;
}

/** Gazetteer spans of a sentence by their end token, built once per sentence. */
const endIndex = new WeakMap<Map<number, GSpan>, Map<number, GSpan>>();

/** Walks left from a role span over qualifiers, up to two modifier words and country/body/party spans. */
function leftOfRole(g: Gazetteer, toks: Token[], from: number, r: number, gAt: Map<number, GSpan>): LeftContext {
  const ctx: LeftContext = { gspans: [], npStart: r };
  let i = r - 1;
  let free = 0;
  let qualFrom: number | undefined;
  let gEndAt = endIndex.get(gAt);
  if (!gEndAt) {
    gEndAt = new Map<number, GSpan>();
    for (const sp of gAt.values()) gEndAt.set(sp.to, sp);
    endIndex.set(gAt, gEndAt);
  }
  while (i >= from) {
    const t = toks[i];
    const sp = gEndAt.get(i + 1);
    if (sp) {
      const e = sp.entry;
      if (e.targetType === 'country' || e.kind === 'metonym') ctx.country ??= e.target.length === 3 && /^[A-Z]{3}$/.test(e.target) ? e.target : undefined;
      if (e.kind === 'body') {
        ctx.body ??= sp;
        qualFrom = sp.from; // "Foreign Ministry spokeswoman" names the role with its body
      }
      if (e.kind === 'organization' || (e.kind === 'metonym' && e.targetType === 'organization')) {
        ctx.org ??= e.target;
        if (e.kind === 'organization') qualFrom = sp.from; // "Tory leader", "Oxfam adviser"
      }
      if (e.kind === 'place') break;
      ctx.gspans.push(sp);
      ctx.npStart = sp.from;
      i = sp.from - 1;
      // "The White House's point man": the possessive ends the phrase on the left
      if (toks[sp.to - 1].poss) {
        if (i >= from && toks[i].key === 'the') {
          ctx.definite = true;
          ctx.npStart = i;
        }
        break;
      }
      continue;
    }
    if (!t.word) break;
    // "African Union Commission Chairperson": an organisation head word before the title belongs
    // to the title (the organisation to its left, if any, is whom the person acts for)
    if (t.cap && L.organizations.headWords.has(t.text) && !t.poss && free === 0) {
      qualFrom = i;
      ctx.npStart = i;
      i--;
      continue;
    }
    if (L.titles.qualifiers.noGovernment.has(t.key)) {
      ctx.noGov = true;
      qualFrom = i;
      ctx.npStart = i;
      i--;
      continue;
    }
    if (L.titles.qualifiers.keep.has(t.key)) {
      qualFrom = i;
      ctx.npStart = i;
      i--;
      continue;
    }
    if (W.determiners.has(t.key)) {
      ctx.definite = t.key !== 'a' && t.key !== 'an';
      ctx.npStart = i;
      break;
    }
    // "foreign affairs spokesman", "senior policy adviser": up to two plain modifier words
    if (!t.cap && free < LIMITS.roleModifierWords && !W.prepositions.has(t.key) && !W.subjectVerbs.has(t.key) && !W.pronouns.has(t.key) && t.key !== 'and' && t.key !== 'or' && !/^\d/.test(t.key)) {
      // only if something that anchors the title (a country, body or party) stands before them
      const anchor = gEndAt.get(i) ?? (i - 1 >= from && free === 0 ? gEndAt.get(i - 1) : undefined);
      if (!anchor) break;
      free++;
      qualFrom = i;
      ctx.npStart = i;
      i--;
      continue;
    }
    if (t.poss) {
      ctx.definite = true;
      // "Mr Sharon's spokesman": the spokesman speaks for that person
      if (t.cap) ctx.possessorTok = i;
      break;
    }
    break;
  }
  if (qualFrom !== undefined) ctx.qualFrom = qualFrom;
  return ctx;
}

/**
 * "The White House's point man for Venezuela, Elliott Abrams, said" and "Michael Ancram, the
 * shadow foreign secretary, said": a role noun phrase next to the name, set off by commas.
 */
function apposition(
  g: Gazetteer, toks: Token[], from: number, end: number, a: number, b: number,
  rAt: Map<number, RSpan>, rEndAt: Map<number, RSpan>, gAt: Map<number, GSpan>,
): (LeftContext & { role: RSpan }) | undefined {
  // before: "ROLE [for|of X ...], NAME"
  if (a - 1 >= from && toks[a - 1].text === ',') {
    let i = a - 1;
    // skip "for Venezuela" / "of the UN" (up to 4 tokens)
    let k = i;
    for (let n = 0; n < LIMITS.appositionTailTokens && k > from; n++) {
      if (rEndAt.has(k)) break;
      if (!toks[k - 1].word) break;
      k--;
    }
    const r = rEndAt.get(k);
    if (r && (k === i || toks[k].key === 'for' || toks[k].key === 'of')) {
      const lr = leftOfRole(g, toks, from, r.from, gAt);
      if (lr.definite || lr.country || lr.org) {
        let country = lr.country;
        if (!country && toks[k].key === 'of') {
          const ofG = gAt.get(k + 1);
          if (ofG?.entry.targetType === 'country') country = ofG.entry.target;
        }
        return { ...lr, country, role: r, roleText: textBetween(toks, lr.qualFrom ?? r.from, r.to) };
      }
    }
    void i;
  }
  // after: "NAME, the ROLE [of X],"
  if (b < end && toks[b].text === ',') {
    let i = b + 1;
    let definite = false;
    let country: string | undefined;
    let org: string | undefined;
    const gspans: GSpan[] = [];
    let noGov = false;
    for (let n = 0; n < LIMITS.appositionPrefixTokens && i < end; n++) {
      const t = toks[i];
      const sp = gAt.get(i);
      if (sp) {
        if (sp.entry.targetType === 'country') country ??= sp.entry.target;
        if (sp.entry.kind === 'organization') org ??= sp.entry.target;
        gspans.push(sp);
        i = sp.to;
        continue;
      }
      if (W.determiners.has(t.key)) definite = t.key !== 'a' && t.key !== 'an';
      else if (L.titles.qualifiers.noGovernment.has(t.key)) noGov = true;
      else if (!L.titles.qualifiers.keep.has(t.key)) break;
      i++;
    }
    const r = rAt.get(i);
    if (r && (definite || country || org) && !TITLE_ONLY_FORMS.has(r.form)) {
      if (!country && toks[r.to]?.key === 'of') {
        const ofG = gAt.get(r.to + 1);
        if (ofG?.entry.targetType === 'country') country = ofG.entry.target;
      }
      return { role: r, roleText: r.form, definite, country, org, noGov, gspans, npStart: a };
    }
  }
  return undefined;
}

/**
 * Subject: the first actor mention of the sentence (or of the clause after a closing quote) whose
 * noun phrase no preposition precedes, or any mention right before a reporting verb or auxiliary.
 */
function markSubjects(toks: Token[], from: number, end: number, out: RawMention[], outStart: number): void {
  const ms = out.slice(outStart).filter((m) => m.kind !== 'place' && !m.modifier && !m.locative).sort((x, y) => x.npStart - y.npStart || x.start - y.start);
  let firstDone = false;
  let clauseStart = from;
  for (const m of ms) {
    // a closing quote before the mention opens a new clause: `"...," he said`
    for (let k = clauseStart; k < m.npStart; k++) {
      if (toks[k].text === '”' || (toks[k].text === '"' && !toks[k].quote)) {
        clauseStart = k + 1;
        firstDone = false;
      }
    }
    const nextTok = m.tokEnd < end ? toks[m.tokEnd] : undefined;
    const nextWord = nextTok?.text === ',' ? undefined : nextTok;
    const prevTok = m.npStart - 1 >= from ? toks[m.npStart - 1] : undefined;
    const beforeVerb = !!nextWord && W.subjectVerbs.has(nextWord.key) && !m.possessive && !(prevTok && W.prepositions.has(prevTok.key));
    let prepBefore = false;
    for (let k = clauseStart; k < m.npStart; k++) if (W.prepositions.has(toks[k].key) || W.subjectVerbs.has(toks[k].key)) prepBefore = true;
    if (!m.possessive && ((!firstDone && !prepBefore) || beforeVerb)) m.subject = true;
    if (!m.possessive || m.kind === 'person') firstDone = firstDone || !m.possessive;
  }
}
