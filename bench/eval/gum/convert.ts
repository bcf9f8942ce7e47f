// GUM news → the gold mention spans of the `mentions` eval (bench/eval/data/gum-news/, see its README).
//
// Reads the Wikinews documents of GUM (Zeldes 2017) in either of two forms and writes
// bench/eval/data/gum-news/{dev,test}.json:
//   - CoNLL-U as GUM publishes it (UD_English-GUM's not-to-release/sources/GUM_news_*.conllu, or the
//     released en_gum-ud-*.conllu, from which only `# newdoc id = GUM_news_*` documents are taken);
//     entities come from MISC `Entity=(id-type-…` brackets;
//   - the condensed `.lite` transcription kept under .devtmp/gum/ (format below), which carries
//     what the rules read and nothing else.
//
//   npx tsx bench/eval/gum/convert.ts [FILE_OR_DIR ...]     (default .devtmp/gum)
//
// The .lite format: `# doc ID`, `# commit SHA`, `# sourceURL URL`, `# dateCreated DATE` header
// lines; `#p` where GUM has `# newpar`; then one sentence a line, its tokens separated by a space
// (SpaceAfter) or `¦` (SpaceAfter=No). A token inside a person/organization/place mention that
// has a proper-noun token carries `⟨UPOS XPOS HEAD DEPREL BRACKETS⟩` (BRACKETS as in GUM's Entity
// field, shortened to `(id-type` / `id)`, or `-`); other tokens are their form alone. Mentions of
// other types (event, abstract, …) that enclose such a mention may carry their brackets too, on
// tokens written with their tags: the rules read them to tell a name inside a longer MISC-like name.
//
// The rules that turn GUM entities into CoNLL-2003-style name spans are in goldEntities() and
// the data README.

import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type GoldType = 'PER' | 'ORG' | 'LOC';

export interface GoldEntity {
  start: number;
  end: number;
  type: GoldType;
  text: string;
}

export interface GoldDoc {
  id: string;
  /** The Wikinews article GUM took the text from. */
  url?: string;
  text: string;
  entities: GoldEntity[];
}

export interface Token {
  form: string;
  upos?: string;
  xpos?: string;
  /** 1-based id of the head within the sentence, 0 for the root. */
  head?: number;
  deprel?: string;
  spaceAfter: boolean;
  /** GUM's Entity brackets on this token, e.g. `(15-place)17)`; '' when none. */
  brackets: string;
}

export interface Sentence {
  tokens: Token[];
  /** A `# newpar` comes before this sentence. */
  newpar: boolean;
}

export interface SourceDoc {
  id: string;
  commit?: string;
  url?: string;
  sentences: Sentence[];
}

/** A GUM mention: token indices (0-based, end inclusive) in its sentence. */
export interface Mention {
  id: string;
  etype: string;
  first: number;
  last: number;
}

const TYPE_OF: Record<string, GoldType> = { person: 'PER', organization: 'ORG', place: 'LOC' };

// ---------------------------------------------------------------------------------------------
// Reading

/** Documents of a CoNLL-U file; `only` keeps those whose id it accepts (default: GUM_news_*). */
export function parseConllu(text: string, only: (id: string) => boolean = (id) => id.startsWith('GUM_news_')): SourceDoc[] {
  const docs: SourceDoc[] = [];
  let doc: SourceDoc | undefined;
  let sent: Sentence | undefined;
  let newpar = false;
  let mwtEnd = 0;
  let mwtSpaceAfter = true;
  const finishSentence = () => {
    if (sent && doc && sent.tokens.length) doc.sentences.push(sent);
    sent = undefined;
    mwtEnd = 0;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (!line) {
      finishSentence();
      continue;
    }
    if (line.startsWith('#')) {
      const newdoc = /^# newdoc id\s*=\s*(\S+)/.exec(line);
      if (newdoc) {
        finishSentence();
        doc = { id: newdoc[1], sentences: [] };
        docs.push(doc);
        newpar = false;
        continue;
      }
      if (/^# newpar(\s*$|\s+id\s*=)/.test(line)) newpar = true;
      const url = /^# meta::sourceURL\s*=\s*(\S+)/.exec(line);
      if (url && doc) doc.url = url[1];
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new Error(`CoNLL-U line without 10 columns: ${line.slice(0, 80)}`);
    const [id, form, , upos, xpos, , head, deprel, , misc] = cols;
    if (id.includes('.')) continue;
    const miscs = misc === '_' ? [] : misc.split('|');
    const noSpace = miscs.includes('SpaceAfter=No');
    const range = /^(\d+)-(\d+)$/.exec(id);
    if (range) {
      mwtEnd = Number(range[2]);
      mwtSpaceAfter = !noSpace;
      continue;
    }
    if (!sent) {
      sent = { tokens: [], newpar };
      newpar = false;
    }
    const n = Number(id);
    const inMwt = n <= mwtEnd;
    const entity = miscs.find((m) => m.startsWith('Entity='));
    sent.tokens.push({
      form,
      upos,
      xpos,
      head: Number(head),
      deprel,
      spaceAfter: inMwt ? (n === mwtEnd ? mwtSpaceAfter : false) : !noSpace,
      brackets: entity ? entity.slice('Entity='.length) : '',
    });
  }
  finishSentence();
  return docs.filter((d) => only(d.id));
}

const GLUE = '¦';

/** Documents of a .lite transcription (see the top of this file). */
export function parseLite(text: string): SourceDoc[] {
  const docs: SourceDoc[] = [];
  let doc: SourceDoc | undefined;
  let newpar = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd();
    const where = `line ${i + 1}`;
    if (!line) return;
    const header = /^# (doc|commit|sourceURL|dateCreated) (\S+)$/.exec(line);
    if (header) {
      if (header[1] === 'doc') {
        doc = { id: header[2], sentences: [] };
        docs.push(doc);
      } else if (!doc) throw new Error(`${where}: header before # doc`);
      else if (header[1] === 'commit') doc.commit = header[2];
      else if (header[1] === 'sourceURL') doc.url = header[2];
      return;
    }
    if (line === '#p') {
      newpar = true;
      return;
    }
    if (line.startsWith('#')) throw new Error(`${where}: unknown header ${line}`);
    if (!doc) throw new Error(`${where}: sentence before # doc`);
    doc.sentences.push({ tokens: liteTokens(line, where), newpar });
    newpar = false;
  });
  return docs;
}

function liteTokens(line: string, where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    let form = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== GLUE && line[i] !== '⟨') form += line[i++];
    if (!form) throw new Error(`${where}: empty token at column ${i + 1}`);
    const token: Token = { form, spaceAfter: true, brackets: '' };
    if (line[i] === '⟨') {
      const close = line.indexOf('⟩', i);
      if (close < 0) throw new Error(`${where}: unclosed ⟨ after ${form}`);
      const fields = line.slice(i + 1, close).split(' ');
      if (fields.length !== 5) throw new Error(`${where}: ${form}⟨…⟩ needs UPOS XPOS HEAD DEPREL BRACKETS`);
      const [upos, xpos, head, deprel, brackets] = fields;
      if (!/^\d+$/.test(head)) throw new Error(`${where}: head of ${form} is not a number`);
      Object.assign(token, { upos, xpos, head: Number(head), deprel, brackets: brackets === '-' ? '' : brackets });
      i = close + 1;
    }
    if (i < line.length) {
      if (line[i] === GLUE) token.spaceAfter = false;
      else if (line[i] !== ' ') throw new Error(`${where}: expected a space or ${GLUE} after ${form}`);
      i++;
    }
    tokens.push(token);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Entities

/** The mentions of one sentence from its tokens' Entity brackets (GUM mentions never cross sentences). */
export function mentionsOf(sentence: Sentence): Mention[] {
  const done: Mention[] = [];
  const open: Mention[] = [];
  const bracket = /\((\d+)-([a-z]+)[^()]*|(\d+)\)|\)/g;
  sentence.tokens.forEach((t, i) => {
    for (const m of t.brackets.matchAll(bracket)) {
      if (m[1]) {
        open.push({ id: m[1], etype: m[2], first: i, last: -1 });
        continue;
      }
      // `…)` right after an opening closes it; `17)` closes the innermost open mention 17
      const at = m[3] ? open.map((o) => o.id).lastIndexOf(m[3]) : open.length - 1;
      if (at < 0) throw new Error(`closing ${m[0]} without an open mention at token ${i + 1} (${t.form})`);
      const [mention] = open.splice(at, 1);
      mention.last = i;
      done.push(mention);
    }
  });
  if (open.length) throw new Error(`mention ${open[0].id} (${open[0].etype}) not closed in its sentence`);
  return done.sort((a, b) => a.first - b.first || b.last - a.last);
}

const PROPER = new Set(['NNP', 'NNPS']);
/** Words that join the parts of an organisation's or a place's name ("Bank of America", "Bosnia and Herzegovina", "American - Islamic"). */
const NAME_JOINERS = new Set(['of', 'and', '&', 'for', 'on', 'de', '-', '–']);
/**
 * Titles and honorifics that GUM tags NNP and keeps in a person mention but CoNLL-2003 leaves out of
 * the name ("Professor Cres Eastman" → "Cres Eastman", "Ms Bauchtman" → "Bauchtman").
 */
export const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'st', 'saint', 'rev', 'reverend', 'father',
  'president', 'vice', 'prime', 'minister', 'secretary', 'general', 'senator', 'sen', 'rep', 'representative', 'congressman',
  'congresswoman', 'governor', 'gov', 'mayor', 'king', 'queen', 'prince', 'princess', 'emperor', 'pope', 'chancellor',
  'chairman', 'chairwoman', 'chair', 'director', 'judge', 'justice', 'sheikh', 'ayatollah', 'captain', 'capt', 'colonel', 'col',
  'major', 'maj', 'lieutenant', 'lt', 'sergeant', 'sgt', 'commander', 'admiral', 'gen', 'chief', 'officer', 'ambassador',
  'commissioner', 'sheriff', 'spokesman', 'spokeswoman', 'spokesperson', 'deputy', 'foreign', 'defence', 'defense', 'interior', 'state',
  'attorney', 'detective', 'inspector', 'superintendent', 'constable', 'officer', 'agent', 'coach', 'head', 'senior', 'junior',
  'former', 'leader', 'premier', 'representative', 'mp', 'councillor', 'councilman', 'mr.', 'dr.',
]);

/** A one-word adjective shaped like a demonym: "Australian", "Afghan", "Chinese", "British", "Israeli". */
const DEMONYM_SHAPE = /^\p{Lu}\p{Ll}+(an|ese|ish|i|ic)$/u;

/** A capitalised adherent's noun: "Scientologist", "Buddhist", "Communists". */
const ADHERENT_SHAPE = /^\p{Lu}\p{Ll}+ists?$/u;

const isProper = (t: Token) => !!t.xpos && PROPER.has(t.xpos);
const isTitle = (t: Token) => TITLES.has(t.form.toLowerCase().replace(/\.$/, ''));

/**
 * The name spans of one GUM mention, as token indices [first, last], none when the mention names
 * nothing in the CoNLL-2003 sense. `others` are the mentions of the same sentence. The rules (also in the data README):
 *  1. the mention's head is its token whose head lies outside it; the head and the tokens
 *     attached to it by `flat` (GUM heads "Senior researcher Mu Li" on "researcher") are the core;
 *  2. the anchor is the head when it is NNP/NNPS, else the first NNP/NNPS token of the core; no
 *     anchor, no name (pronouns, "the government", "Australian children");
 *  3. the span is the run of NNP/NNPS tokens inside the mention around the anchor; for
 *     organisations and places a joiner (of, and, &, for, on, de) inside the run is kept when a
 *     proper noun follows it ("Medical Journal of Australia"); determiners and the possessive 's
 *     are never NNP, so they fall outside;
 *  4. persons lose leading titles (TITLES: "Professor", "Prime Minister"), and a person span that
 *     is only titles is no name ("the Prime Minister"), nor one inside an organisation or place
 *     mention nested in the person mention ("the State Department Spokesperson");
 *     in a place, a proper-noun run joined to the span by a comma is a place too ("Aceh, Indonesia");
 *  5. a one-word span tagged ADJ (a demonym GUM tags NNP, "Australian") and a one-word plural
 *     proper noun person ("Bangladeshis", a people) are not names of an actor: CoNLL-2003 calls them MISC.
 */
export function nameSpans(sentence: Sentence, mention: Mention, others: readonly Mention[] = []): [number, number][] {
  const type = TYPE_OF[mention.etype];
  if (!type) return [];
  const toks = sentence.tokens;
  const inside = (i: number) => i >= mention.first && i <= mention.last;
  for (let i = mention.first; i <= mention.last; i++) {
    if (toks[i].head === undefined || toks[i].xpos === undefined) {
      throw new Error(`token ${i + 1} (${toks[i].form}) of ${mention.etype} mention ${mention.id} has no tag or head`);
    }
  }
  const range = Array.from({ length: mention.last - mention.first + 1 }, (_, k) => mention.first + k);
  const head = range.find((i) => !inside(toks[i].head! - 1)) ?? mention.first;
  // the core: every token whose head lies outside the mention ("veteran politician Raymond Wong", where GUM
  // attaches "Wong" to the word the mention is in apposition to), and what hangs on those by flat or appos
  // ("Pan-democrat Gary Fan", "Fan" an apposition of "democrat"; not of a numeral, "One Rohingya", a people)
  const core = new Set([head, ...range.filter((i) => !inside(toks[i].head! - 1))]);
  for (let grew = true; grew;) {
    grew = false;
    for (const i of range) {
      const gov = toks[i].head! - 1;
      const joins = /^flat(:|$)/.test(toks[i].deprel!) || (/^appos(:|$)/.test(toks[i].deprel!) && toks[gov]?.upos !== 'NUM');
      if (!core.has(i) && joins && core.has(gov)) {
        core.add(i);
        grew = true;
      }
    }
  }
  // tokens of organisation or place mentions nested in this one: never part of a person's name
  const nested = new Set<number>();
  for (const o of others) {
    if (o === mention || o.etype === 'person' || o.first < mention.first || o.last > mention.last) continue;
    for (let i = o.first; i <= o.last; i++) nested.add(i);
  }
  const nameToken = (i: number) => i >= mention.first && i <= mention.last && isProper(toks[i]) && !(type === 'PER' && nested.has(i));
  // mentions of any type nested in this one: where they end, and the tokens they cover
  const inner = others.filter((o) => o !== mention && o.first >= mention.first && o.last <= mention.last
    && !(o.first === mention.first && o.last === mention.last));
  const innerTokens = new Set(inner.flatMap((o) => Array.from({ length: o.last - o.first + 1 }, (_, k) => o.first + k)));
  const innerEnds = new Set(inner.map((o) => o.last));
  /** A mention's head: its first token whose syntactic head lies outside it. */
  const headOf = (o: Mention) => {
    for (let i = o.first; i <= o.last; i++) if (toks[i].head! - 1 < o.first || toks[i].head! - 1 > o.last) return i;
    return o.first;
  };
  // a person's name starts from a capitalised word: GUM tags "critic" in "the Scientology-critic site" NNP
  let anchor = type === 'PER'
    ? [head, ...range].find((i) => core.has(i) && nameToken(i) && !isTitle(toks[i]) && /^\p{Lu}/u.test(toks[i].form))
    : isProper(toks[head]) ? head : range.find((i) => core.has(i) && isProper(toks[i]));
  // an organisation or place headed by a common noun: the name that modifies that noun, when no nested
  // mention of its own covers it ("Yonhap news agency", "the Sea Org group", "North Korea's news agency
  // Korean Central News Agency", "al-Ikhbariya television"; not "KPA" in "KPA civil police posts", a nested
  // organisation, nor a word that is no capitalised name, "the #istandwithahmed movement", "the pro-Beijing camp")
  if (anchor === undefined && type !== 'PER') {
    anchor = range.find((i) => toks[i].head! - 1 === head && /^(compound|appos|dep|flat)(:|$)/.test(toks[i].deprel!)
      && isProper(toks[i]) && !innerTokens.has(i)
      && (/^\p{Lu}/u.test(toks[i].form) || (toks[i + 1]?.xpos === 'HYPH' && !toks[i].spaceAfter)));
  }
  if (anchor === undefined) return [];
  /** "of", "and the", "of the": joiners (and a "the" after one) between two proper nouns of an organisation or place. */
  const bridge = (from: number, step: 1 | -1): number => {
    if (type === 'PER') return 0;
    const between: string[] = [];
    let i = from + step;
    while (i >= mention.first && i <= mention.last && between.length < 2 && !nameToken(i)) between.push(toks[(i += step) - step].form.toLowerCase());
    if (!nameToken(i) || !between.length) return 0;
    // not into a nested mention headed by a common noun: "Taikoo of the Hong Kong Island constituency"
    if (inner.some((o) => i >= o.first && i <= o.last && !isProper(toks[headOf(o)]))) return 0;
    const words = step === 1 ? between : [...between].reverse();
    // "of", "and", "-", "of the", "for the", "on the"; not "and the", a coordination of two names;
    // a possessive inside the name ("Korean People's Army"), not one that ends a nested mention ("Mecca's Grand Mosque")
    const at = from + step;
    const possessive = words.length === 1 && toks[at].xpos === 'POS' && !innerEnds.has(at) && !innerEnds.has(at - 1);
    const ok = possessive
      || (words.length === 1 ? NAME_JOINERS.has(words[0]) : ['of', 'for', 'on'].includes(words[0]) && words[1] === 'the');
    return ok ? between.length + 1 : 0;
  };
  /** "al-Amr": a hyphen glued to the proper nouns on both sides. */
  const hyphen = (i: number) => i > mention.first && i < mention.last && toks[i].xpos === 'HYPH' && !toks[i - 1].spaceAfter && !toks[i].spaceAfter;
  const runAround = (at: number): [number, number] => {
    let first = at;
    let last = at;
    for (;;) {
      if (nameToken(first - 1)) first--;
      else if (hyphen(first - 1) && nameToken(first - 2)) first -= 2;
      else if (bridge(first, -1)) first -= bridge(first, -1);
      else break;
    }
    for (;;) {
      if (nameToken(last + 1)) last++;
      else if (hyphen(last + 1) && nameToken(last + 2)) last += 2;
      else if (bridge(last, 1)) last += bridge(last, 1);
      else break;
    }
    return [first, last];
  };
  let [first, last] = runAround(anchor);
  const spans: [number, number][] = [];
  if (type === 'PER') {
    // titles, and an adherent's noun before the name ("Scientologist Tom Cruise")
    while (first <= last && (isTitle(toks[first]) || (first < last && ADHERENT_SHAPE.test(toks[first].form)))) first++;
    if (first > last) return [];
    // "the Muslim Student Association": a person inside the name of an organisation or place is no person's name
    const inName = others.some((o) => o !== mention && o.etype !== 'person' && TYPE_OF[o.etype] && o.first <= mention.first && o.last >= mention.last
      && nameSpans(sentence, o, others).some(([f, l]) => f <= first && l >= last));
    if (inName) return [];
  } else if (type === 'LOC') {
    // "Aceh, Indonesia": a place, a comma, the place it lies in
    const isComma = (i: number) => i >= mention.first && i <= mention.last && toks[i].form === ',';
    if (isComma(first - 1) && nameToken(first - 2)) spans.push(runAround(first - 2));
    if (isComma(last + 1) && nameToken(last + 2)) spans.push(runAround(last + 2));
  }
  spans.unshift([first, last]);
  // a name that runs on into the proper nouns of an enclosing mention of another kind (an award, an event,
  // a title) is part of that name, which CoNLL-2003 files under MISC: "the Budweiser Man of the Match award",
  // "FIFA World Cup 2018"; not "Hong Kong legislative election"
  const insideOtherName = (f: number, l: number) => others.some((o) => o !== mention && !TYPE_OF[o.etype]
    && o.first <= mention.first && o.last >= mention.last
    && [f - 1, l + 1].some((i) => i >= o.first && i <= o.last && isProper(toks[i])));
  return spans.filter(([f, l]) => !insideOtherName(f, l))
    .filter(([f, l]) => !(f === l && toks[f].upos === 'ADJ' && DEMONYM_SHAPE.test(toks[f].form))
    && !(type === 'PER' && f === l && toks[f].xpos === 'NNPS'));
}

/** The document's text and the character offsets of each sentence's tokens in it. */
export function buildText(doc: SourceDoc): { text: string; offsets: [number, number][][] } {
  let text = '';
  const offsets: [number, number][][] = [];
  doc.sentences.forEach((s, k) => {
    if (k > 0) text += s.newpar ? '\n\n' : '\n';
    const spans: [number, number][] = [];
    s.tokens.forEach((t, i) => {
      spans.push([text.length, text.length + t.form.length]);
      text += t.form;
      if (t.spaceAfter && i < s.tokens.length - 1) text += ' ';
    });
    offsets.push(spans);
  });
  return { text, offsets };
}

/** The gold name spans of a document, in text order, one per span (the outermost mention's type wins). */
export function goldDoc(doc: SourceDoc): GoldDoc {
  const { text, offsets } = buildText(doc);
  const entities: GoldEntity[] = [];
  const seen = new Set<string>();
  doc.sentences.forEach((s, k) => {
    const mentions = mentionsOf(s);
    for (const m of mentions) {
      for (const span of nameSpans(s, m, mentions)) {
        const start = offsets[k][span[0]][0];
        const end = offsets[k][span[1]][1];
        const key = `${start}:${end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        entities.push({ start, end, type: TYPE_OF[m.etype], text: text.slice(start, end) });
      }
    }
  });
  entities.sort((a, b) => a.start - b.start || a.end - b.end);
  return { id: doc.id, ...(doc.url ? { url: doc.url } : {}), text, entities };
}

// ---------------------------------------------------------------------------------------------
// The split

/** GUM's Wikinews documents (UD_English-GUM, not-to-release/file-lists), whichever of them are converted. */
export const GUM_NEWS_IDS = [
  'afghan', 'asylum', 'clock', 'crane', 'defector', 'election', 'expo', 'flag', 'hackers', 'homeopathic', 'ie9', 'imprisoned',
  'iodine', 'korea', 'lanterns', 'nasa', 'questionnaire', 'sensitive', 'soccer', 'stampede', 'taxes', 'warhol', 'warming', 'worship',
].map((name) => `GUM_news_${name}`);

/**
 * dev or test, by the document's place among the sorted ids of `all` (GUM's news documents, so that
 * a document keeps its split whichever others are converted): 1st, 3rd, 5th … dev; 2nd, 4th … test.
 * An id not in `all` is placed as if added to it.
 */
export function splitOf(ids: readonly string[], all: readonly string[] = GUM_NEWS_IDS): Map<string, 'dev' | 'test'> {
  const order = [...new Set([...all, ...ids])].sort();
  return new Map(ids.map((id) => [id, order.indexOf(id) % 2 === 0 ? 'dev' : 'test'] as const));
}

// ---------------------------------------------------------------------------------------------
// Command line

function readSources(paths: readonly string[]): SourceDoc[] {
  const files = paths.flatMap((p) => (statSync(p).isDirectory()
    ? readdirSync(p).filter((f) => /\.(lite|conllu)$/.test(f)).sort().map((f) => join(p, f))
    : [p]));
  const docs = files.flatMap((f) => (f.endsWith('.lite') ? parseLite(readFileSync(f, 'utf8')) : parseConllu(readFileSync(f, 'utf8'))));
  const ids = docs.map((d) => d.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`${dup} is read twice: keep one source per document`);
  return docs;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DATA_DIR = join(ROOT, 'bench/eval/data/gum-news');

function main(argv: string[]): void {
  const docs = readSources(argv.length ? argv : [join(ROOT, '.devtmp/gum')]).map((d) => ({ source: d, gold: goldDoc(d) }));
  const split = splitOf(docs.map((d) => d.gold.id));
  mkdirSync(DATA_DIR, { recursive: true });
  for (const part of ['dev', 'test'] as const) {
    const chosen = docs.filter((d) => split.get(d.gold.id) === part).sort((a, b) => a.gold.id.localeCompare(b.gold.id));
    const body = chosen.map((d) => JSON.stringify(d.gold)).join(',\n');
    writeFileSync(join(DATA_DIR, `${part}.json`), `[\n${body}\n]\n`);
    const count = (t: GoldType) => chosen.reduce((n, d) => n + d.gold.entities.filter((e) => e.type === t).length, 0);
    const sentences = chosen.reduce((n, d) => n + d.source.sentences.length, 0);
    const tokens = chosen.reduce((n, d) => n + d.source.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);
    process.stdout.write(`${part}: ${chosen.length} docs, ${sentences} sentences, ${tokens} tokens; PER ${count('PER')} ORG ${count('ORG')} LOC ${count('LOC')}\n`);
    for (const d of chosen) process.stdout.write(`  ${d.gold.id}${d.source.commit ? ` @ ${d.source.commit.slice(0, 7)}` : ''}: ${d.gold.entities.length} entities\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
