// Names in PETRARCH2's dictionaries: how a record's words read as a person's name, an official's
// title ("UN_SECRETARY_GENERAL") or an organisation's name, and how an upper-case phrase is written
// back in readable form, with acronyms in capitals (which is also the case rule of the look-ups,
// see shared/analysis/actors/petrarch-text.ts). The vocabulary comes from the project's data (role
// nouns, organisation head words) and from the rulers lists of the Countries file (given names).

import { nameKey } from '../../shared/analysis/actors/petrarch-text.js';
import { regularPlural, type ActorRecord, type Phrase } from './petrarch-parse.js';

/** What the project already has, read by the caller from shared/analysis/data and world-countries. */
export interface ProjectData {
  /** ISO 3166-1 alpha-3 codes (world-countries). */
  countryCodes: ReadonlySet<string>;
  /** Words that make a name an organisation's: the head words, introducers, party and anaphora nouns of organizations.json. */
  organizationWords: readonly string[];
  /** Role forms ("secretary general", "envoy"), honorifics and qualifiers of titles.json. */
  roleForms: readonly string[];
  honorifics: readonly string[];
  /** Every name the project's gazetteer knows, with what it names ("organization" → an id of organizations.json). */
  names: readonly { form: string; kind: string; target: string }[];
  /** Whether a lower-case word is ordinary English ("who", "care"; not "hezbollah"). */
  isCommonWord: (lower: string) => boolean;
}

/** Comments that mark records generated from the rulers lists (CountryInfo.txt, IGOrulers.txt). */
export const RULERS_LIST_COMMENT = /CountryInfo\.txt|IGOrulers\.txt/i;

/** Words written in lower case inside a name ("Organization for the Prohibition...", "Osama bin Laden"). */
export const NAME_PARTICLES = new Set([
  'OF', 'THE', 'AND', 'FOR', 'IN', 'ON', 'AT', 'TO', 'BY', 'WITH', 'FROM', 'A', 'AN', 'OR', 'DE', 'DU', 'DES', 'DEL',
  'DELLA', 'DI', 'DA', 'DOS', 'DAS', 'DO', 'LA', 'LE', 'LES', 'LOS', 'EL', 'AL', 'VON', 'VAN', 'DER', 'DEN', 'Y', 'ET',
  'UND', 'WA', 'WAL', 'FI', 'BIN', 'IBN', 'BINT', 'UL',
]);
/** Particles written in lower case even first: "al-Qaeda" and "Al Qaeda" both occur, and lower case matches both. */
const LEADING_PARTICLES = new Set(['AL', 'EL']);
/** Abbreviations without vowels that are not acronyms. */
const NOT_ACRONYMS = new Set(['MR', 'MRS', 'MS', 'DR', 'ST', 'JR', 'SR', 'LTD', 'MT', 'FT']);
/**
 * Words of organisation names beyond the project's head words: company suffixes, armed-group
 * nouns and words no personal name has (used to tell "Morgan Stanley" from a person only with
 * the given-name test, so a wrong entry here costs little).
 */
const MORE_ORGANIZATION_WORDS = [
  'MISSION', 'FORCE', 'OBSERVATORY', 'COMMAND', 'COMMANDO', 'COMMANDOS', 'BATTALION', 'BATTALIONS', 'REGIMENT', 'MILITIA',
  'CELLS', 'NUCLEI', 'SQUAD', 'SQUADS', 'UNIT', 'UNITS', 'CORPS', 'CO', 'LIMITED', 'LLC', 'BERHAD', 'LABORATORIES',
  'RESOURCES', 'PRODUCTS', 'SERVICES', 'SOLUTIONS', 'ASSOCIATES', 'SONS', 'BROS', 'STATES', 'NATIONS', 'REPUBLIC',
  'STATE', 'GOVERNMENT', 'RIGHTS', 'CATHOLIC', 'ISLAMIC', 'PROTESTANT', 'ORTHODOX', 'JEWISH', 'BUDDHIST', 'JIHAD',
  'MUJAHIDEEN', 'LIBERATION', 'REVOLUTIONARY', 'PEOPLE\'S', 'PEOPLES', 'POPULAR', 'FELLOWSHIP', 'SOLIDARITY', 'WORLDWIDE', 'AND', '&',
];
/** Nouns for members of an organisation, beyond the project's role nouns ("UN monitors", "Hamas fighters"). */
const MEMBER_NOUNS = ['MONITOR', 'PEACEKEEPER', 'OPERATIVE', 'MEMBER', 'FIGHTER', 'MILITANT', 'STAFF', 'WORKER', 'OFFICIAL', 'TROOPS', 'SOLDIER'];
/** Initials longer than this are chance ("COLOMBIA" spelt by the first letters of some long name). */
const INITIALS_MAX = 6;
/** One-word names up to this long with three consonants in a row are acronyms ("UNHCR"; "Schwab" is longer). */
const ACRONYM_CLUSTER_MAX = 5;
/** A given name counts when this many rulers-list people start with it. */
const GIVEN_NAME_MIN_PEOPLE = 2;
/** Person names have two to this many words after their titles. */
const PERSON_NAME_MAX_WORDS = 5;

export interface Vocabulary {
  organizationWords: Set<string>;
  titleWords: Set<string>;
  memberSuffixes: string[][];
  givenNames: Set<string>;
  /** Keys of every phrase of every actor record, for "UN" in "UN_SECRETARY_GENERAL". */
  knownNames: Set<string>;
}

export const bare = (w: string): string => w.replace(/^[("']+|[)"',.:;]+$/g, '');

export function vocabulary(p: ProjectData, countries: ActorRecord[], all: ActorRecord[]): Vocabulary {
  const split = (s: string): string[] => s.toUpperCase().split(/[\s-]+/).filter(Boolean);
  const organizationWords = new Set([...p.organizationWords.flatMap(split), ...MORE_ORGANIZATION_WORDS]);
  const titleWords = new Set(
    [...p.roleForms.flatMap((f) => [...split(f), ...f.toUpperCase().split(/\s+/)]), ...p.honorifics.map((h) => h.toUpperCase().replace(/\.$/, ''))]
      .filter((w) => !NAME_PARTICLES.has(w)),
  );
  const memberSuffixes = [...p.roleForms.map(split), ...MEMBER_NOUNS.map((n) => [n])]
    .flatMap((ws) => [ws, regularPlural(ws)]);
  const counts = new Map<string, number>();
  for (const r of countries) {
    if (!r.comments.some((c) => RULERS_LIST_COMMENT.test(c))) continue;
    const first = stripTitles(r.phrases[0].words, titleWords)[0];
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  const givenNames = new Set(
    [...counts].filter(([w, n]) => n >= GIVEN_NAME_MIN_PEOPLE && !NAME_PARTICLES.has(w) && !organizationWords.has(w)).map(([w]) => w),
  );
  const knownNames = new Set(all.flatMap((r) => r.phrases.map((ph) => nameKey(ph.words.join(' ')))));
  return { organizationWords, titleWords, memberSuffixes, givenNames, knownNames };
}

export function stripTitles(words: string[], titleWords: Set<string>): string[] {
  let i = 0;
  while (i < words.length - 1 && titleWords.has(bare(words[i]))) i++;
  return words.slice(i);
}

/** "KHALED_MESHAAL", "E._SLACK", "PRESIDENT_BORIS_YELTSIN": titles, then a given name or initial, then more. */
export function looksLikePersonName(words: string[], v: Vocabulary): boolean {
  const w = stripTitles(words.filter((x) => !x.startsWith('(')), v.titleWords).map(bare);
  if (w.length < 2 || w.length > PERSON_NAME_MAX_WORDS) return false;
  if (w.some((x) => /\d/.test(x) || v.organizationWords.has(x))) return false;
  if (NAME_PARTICLES.has(w[0]) || NAME_PARTICLES.has(w[w.length - 1])) return false;
  return /^[A-Z]\.?$/.test(w[0]) || v.givenNames.has(w[0]);
}

/**
 * Names someone acting for an organisation the dictionaries list: a role noun after its name or
 * "of" its name ("UN_SECRETARY_GENERAL", "WORLD_BANK_PRESIDENT", "PRESIDENT_OF_THE_WORLD_BANK",
 * "AL_QAEDA_OPERATIVES"), not an organisation whose name ends in one ("INTERNATIONAL_ASSOCIATION_
 * OF_JUDGES", "BURGER_KING").
 */
function memberRole(words: string[], v: Vocabulary): { start: number; end: number } | undefined {
  if (words.length < 2) return undefined;
  const w = words.map(bare);
  const known = (ws: string[]): boolean => ws.length > 0 && v.knownNames.has(nameKey(ws.join(' ')));
  for (const suffix of v.memberSuffixes) {
    if (suffix.length >= w.length) continue;
    const start = w.length - suffix.length;
    if (suffix.every((s, i) => w[start + i] === s) && known(w.slice(0, start))) return { start, end: w.length };
    if (suffix.every((s, i) => w[i] === s) && w[suffix.length] === 'OF' && known(w.slice(suffix.length + 1))) return { start: 0, end: suffix.length };
  }
  return undefined;
}

export const isMemberPhrase = (words: string[], v: Vocabulary): boolean => memberRole(words, v) !== undefined;

/** A member phrase with its role noun in lower case, as text writes it ("UN envoy", "president of the World Bank"). */
export function memberForms(ph: Phrase, acronyms: Set<string>, p: ProjectData, v: Vocabulary): string[] {
  const role = memberRole(ph.words, v);
  if (!role) return phraseForms(ph, acronyms, p);
  const noun = ph.words.slice(role.start, role.end).join(' ').toLowerCase();
  if (role.start > 0) return [`${phraseForms({ ...ph, words: ph.words.slice(0, role.start) }, acronyms, p)[0]} ${noun}`];
  // after a leading role, "of the" stay in lower case: render as if a word came first, then drop it
  return [`${noun} ${renderPhrase(['X', ...ph.words.slice(role.end)], acronyms).slice(2)}`];
}

// ------------------------------------------------------------------------------------ rendering

/**
 * Tokens that are acronyms wherever they occur: written with periods ("U.N."), put in
 * parentheses after a name ("(AAIA)"), without vowels ("BBC", "WFP"), or a one-word name equal
 * to the initials of another listed name ("NATO", "IAEA").
 */
export function globalAcronyms(records: ActorRecord[], placeKeys: ReadonlySet<string>): Set<string> {
  const initials = new Set<string>();
  const singles = new Set<string>();
  const out = new Set<string>();
  for (const r of records) {
    for (const p of r.phrases) {
      const ws = p.words.map(bare).filter(Boolean);
      const content = (ws[0] === 'THE' ? ws.slice(1) : ws).flatMap((w) => w.split('-'));
      if (content.length >= 2) {
        initials.add(content.map((w) => w[0]).join(''));
        initials.add(content.filter((w) => !NAME_PARTICLES.has(w)).map((w) => w[0]).join(''));
      }
      if (content.length === 1) singles.add(content[0]);
      for (const w of p.words) {
        // "(IRA)" after a name is its acronym; "(COLOMBIA)" says where it is
        const paren = /^\(([A-Z]{2,})\)$/.exec(w);
        if (paren && paren[1].length <= INITIALS_MAX && !placeKeys.has(paren[1])) out.add(paren[1]);
        const letters = bare(w);
        if (/^[A-Z]{2,}$/.test(letters) && !/[AEIOUY]/.test(letters) && !NOT_ACRONYMS.has(letters)) out.add(letters);
      }
    }
  }
  for (const s of singles) if (initials.has(s) && /^[A-Z]{2,}$/.test(s) && s.length <= INITIALS_MAX) out.add(s);
  for (const p of NAME_PARTICLES) out.delete(p);
  return out;
}

function titleCase(part: string): string {
  if (part === '') return part;
  const apostrophe = part.indexOf("'");
  if (apostrophe > 0) {
    // O'Neil, D'Escoto; but People's, Qa'ida
    const head = titleCase(part.slice(0, apostrophe));
    const tail = part.slice(apostrophe + 1);
    return `${head}'${apostrophe === 1 ? titleCase(tail) : tail.toLowerCase()}`;
  }
  if (/^MC[A-Z]{2,}/.test(part)) return `Mc${titleCase(part.slice(2))}`;
  return part[0] + part.slice(1).toLowerCase();
}

/**
 * A readable form of a phrase: title case, particles in lower case after the first word,
 * initials and acronyms in capitals. Its capitals are also its case rule (see petrarch-text.ts).
 */
export function renderPhrase(words: string[], acronyms: ReadonlySet<string>, singleWordAcronym = false): string {
  return words
    .map((w, i) => {
      if (/^([A-Z]\.)+[A-Z]?$/.test(w) || /\d/.test(w)) return w;
      const core = bare(w);
      if (singleWordAcronym || acronyms.has(core)) return w;
      return w
        .split(/(?<=[-/])/)
        .map((part, j) => {
          const letters = bare(part.replace(/[-/]$/, ''));
          if ((i > 0 || j > 0 || LEADING_PARTICLES.has(letters)) && NAME_PARTICLES.has(letters)) return part.toLowerCase();
          return part.replace(/[A-Z][A-Z']*/g, (m) => titleCase(m));
        })
        .join('');
    })
    .join(' ');
}

/**
 * A one-word name that must only match in capitals: three letters or fewer ("AU"), a short word
 * no one can say ("UNDP", "OHCHR": three consonants in a row), or an English word ("WHO", "CARE":
 * "Who" at the start of a sentence is not the World Health Organization).
 */
function isSingleWordAcronym(words: string[], p: ProjectData): boolean {
  if (words.length !== 1) return false;
  const w = bare(words[0]);
  if (!/^[A-Z]+$/.test(w)) return false;
  return w.length <= 3 || (w.length <= ACRONYM_CLUSTER_MAX && /[^AEIOUY]{3}/.test(w)) || p.isCommonWord(w.toLowerCase());
}

/** Splits the words in parentheses ("(AAIA)", "(EL", "SALVADOR)") from the rest. */
function splitParentheses(words: string[]): { rest: string[]; inside: string[][] } {
  const rest: string[] = [];
  const inside: string[][] = [];
  let open: string[] | undefined;
  for (const w of words) {
    if (!open && w.startsWith('(')) open = [];
    if (open) open.push(w.replace(/^\(|\)$/g, ''));
    else rest.push(w);
    if (open && w.endsWith(')')) {
      inside.push(open);
      open = undefined;
    }
  }
  if (open) inside.push(open);
  return { rest, inside };
}

/**
 * The forms of a phrase: as written, with a parenthesised acronym split off ("... Army (AAIA)" →
 * "... Army", "AAIA"); other words in parentheses are dropped ("(COLOMBIA)", "(EL_SALVADOR)",
 * "(HOUSE_OF_LEARNING)"): they say where the group is or translate its name. A leading "The"
 * goes (the look-up ignores it), unless it is part of a one-word name ("The Guardian").
 */
export function phraseForms(ph: Phrase, acronyms: Set<string>, p: ProjectData): string[] {
  let { rest, inside } = splitParentheses(ph.words);
  if (rest.length > 1 && rest[0] === 'THE' && (rest.length > 2 || !p.isCommonWord(bare(rest[1]).toLowerCase()))) rest = rest.slice(1);
  const out: string[] = [];
  if (rest.length > 0) out.push(renderPhrase(rest, acronyms, isSingleWordAcronym(rest, p)));
  for (const ws of inside) if (ws.length === 1 && acronyms.has(ws[0])) out.push(ws[0]);
  return out;
}

