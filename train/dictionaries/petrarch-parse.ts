// Readers for PETRARCH2's actor and agent dictionaries (openeventdata/petrarch2, MIT), following
// the documented format (docs/source/dictionaries.rst and the TABARI manual it builds on) rather
// than PETRARCH2's own reader where the two differ: that reader loses the direction of `<date` and
// `>date` on a primary line and reads two code groups on one line (`[A 010101-020202] [B]`) as one
// garbled code, and both occur in the files. Nothing is dropped silently: every line that cannot
// be read as documented becomes an `Issue` with its file, line and reason, and the converter
// reports them.
//
// Actor files (Phoenix.*.actors.txt): a record is a primary phrase, optional `+` synonym lines and
// optional code lines (`\t[CODE]`, `\t[CODE >YYMMDD]`, `\t[CODE <YYMMDD]`, `\t[CODE YYMMDD-YYMMDD]`);
// codes may also follow the primary phrase on its own line. Words are joined by `_` or blanks;
// a phrase ending in `_` is an exact word, one without is a stem (TABARI; PETRARCH2 matches whole
// words either way). `#` starts a comment (PETRARCH2 cuts the line at the first `#`), `<!-- -->`
// comments may span lines, blank and comment lines do not end a record (PETRARCH2 attaches a `+`
// line after a blank line to the record above, and so do we).
//
// Agent file (Phoenix.agents.txt): `PHRASE {PLURAL} [~CODE]` with `!MARKER! = A, B` substitution
// sets; see `parseAgentDictionary`.

export interface Issue {
  file: string;
  line: number;
  reason: IssueReason;
  /** The source line (trimmed). */
  text: string;
  detail?: string;
}

export type IssueReason =
  /** A code group whose date restriction is not `<date`, `>date` or `date-date` with real dates. */
  | 'bad-date'
  /** A date of odd length, kept as PETRARCH2 reads it (">201005011" → 2010-05-01). */
  | 'odd-date'
  /** A code group that is not `[CODE ...]` with a CAMEO-like code. */
  | 'bad-code'
  /** Text after the last code group that is not marked as a comment (kept codes, dropped text). */
  | 'trailing-text'
  /** A phrase with U+FFFD, control characters or double-encoded UTF-8 from the source. */
  | 'damaged-encoding'
  /** A `+` line or code line before any primary phrase. */
  | 'orphan-line'
  /** Two synonyms run together with a `+` inside one phrase; read as two phrases. */
  | 'joined-synonyms'
  /** A record with no code at all (PETRARCH2 gives it the null code: it never codes an actor). */
  | 'no-code'
  /**
   * A record with no code line at all, directly followed (next line) by a record that shares a
   * word of four letters or more with it ("BORIS_YELTSIN" above "BORIS_N._YELTSIN" ... above
   * "RUSSIAN_PRESIDENT_YELTSIN [codes]"): read as a lost `+`, its phrases join that record.
   */
  | 'no-code-joined-next'
  /** Agents: a line without `[code]` (PETRARCH2 skips it too). */
  | 'agent-without-code'
  /** Agents: `{` without `}`. */
  | 'agent-bad-plural'
  /** Agents: a `!MARKER!` that is not defined (PETRARCH2 skips the line). */
  | 'agent-unknown-marker'
  /** Agents: the same phrase listed again with another code (the later line wins, as in PETRARCH2). */
  | 'agent-code-conflict'
  /** Agents: `!MARKER!` inside a word ("AD!MINIST!RATION", a search-and-replace accident): read as the word. */
  | 'agent-marker-in-word'
  /** Agents: a last word cut to a stem ("DEFENSE_MINIST", "PORT_AUTHORIT"), expanded to its words. */
  | 'agent-stem'
  /** A `[---]` null code: "no actor" outside the record's dated codes. */
  | 'null-code';

export interface Phrase {
  /** Upper-case words as written, punctuation kept ("U.N.", "CHILDREN'S", "AL-QAEDA"). */
  words: string[];
  /** Ends with `_`: an exact word; otherwise the last word is a stem (TABARI). */
  exact: boolean;
  line: number;
}

/** A code and the dates it applies between (ISO yyyy-mm-dd, inclusive); no dates: the default. */
export interface DatedCode {
  code: string;
  from?: string;
  to?: string;
  line: number;
}

export interface ActorRecord {
  file: string;
  line: number;
  /** The primary phrase first, then the `+` synonyms in file order. */
  phrases: Phrase[];
  codes: DatedCode[];
  /** Comment texts on the record's lines ("CountryInfo.txt", "IGOrulers.txt", "MleH 23 Jul 2009"). */
  comments: string[];
  /** The latest `#####  Title  #####` heading above the record, if any. */
  section?: string;
}

export interface ActorDictionary {
  records: ActorRecord[];
  issues: Issue[];
  /** Lines read as part of a record (primary, synonym or code lines). */
  lines: number;
}

/** A CAMEO code: 3-letter blocks (digits occur in a few sub-codes), or `---`, the null code. */
const CODE_RE = /^(?:---|[A-Z][A-Z0-9]{2,})$/;
/** A `+` that starts a second phrase: after a blank or before `_` ("ISLAMI+_ISLAMIC"), never inside a word ("B+H"). */
const JOINING_PLUS_RE = /\+(?=_)|(?<=\s)\+/;
/** Years 00-30 in a six-digit date are 20YY, others 19YY (KEDS, TABARI and PETRARCH). */
const TWO_DIGIT_YEAR_PIVOT = 30;
/** A heading line in the actor files: `######   The United Nations  #######`. */
const SECTION_RE = /^#{2,}\s*([^#]*?)\s*#*\s*$/;
/** U+FFFD, C0 controls other than tab, or a UTF-8 sequence decoded as Latin-1 ("PÃŠBLICAS"). */
const DAMAGED_RE = /[\uFFFD\u0000-\u0008\u000B-\u001F\u007F]|Ã[\u0080-\u02FF]/;

/** Splits a source line into its content and its `#` comment, the way PETRARCH2 does. */
export function splitComment(line: string): { content: string; comment?: string } {
  const hash = line.indexOf('#');
  if (hash < 0) return { content: line };
  const comment = line.slice(hash).replace(/^#+|#+$/g, '').trim();
  return { content: line.slice(0, hash), comment: comment || undefined };
}

/**
 * A dictionary date, read as PETRARCH2 reads it (`dstr_to_ordate`): up to seven digits are YYMMDD
 * from the first six (00-30 → 20YY), eight or more are YYYYMMDD from the first eight, and the day
 * must exist. Returns ISO yyyy-mm-dd and whether the string had an odd length (a typo the reading
 * papers over: ">201005011" → 2010-05-01), or undefined when it is not a date.
 */
export function parseDictionaryDate(s: string): { iso: string; odd: boolean } | undefined {
  if (!/^\d{6,}$/.test(s)) return undefined;
  const long = s.length >= 8;
  const y = long ? Number(s.slice(0, 4)) : (Number(s.slice(0, 2)) <= TWO_DIGIT_YEAR_PIVOT ? 2000 : 1900) + Number(s.slice(0, 2));
  const m = Number(long ? s.slice(4, 6) : s.slice(2, 4));
  const d = Number(long ? s.slice(6, 8) : s.slice(4, 6));
  if (m < 1 || m > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d > days) return undefined;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { iso, odd: s.length !== 6 && s.length !== 8 };
}

export type CodeGroup =
  | { ok: true; code: string; from?: string; to?: string; odd?: string }
  | { ok: false; reason: 'bad-code' | 'bad-date'; detail: string };

/**
 * The inside of one `[...]` group: `CODE`, `CODE <date`, `CODE >date` or `CODE date-date`. `odd`
 * describes a date of odd length that was read anyway (see `parseDictionaryDate`).
 */
export function parseCodeGroup(inner: string): CodeGroup {
  const parts = inner.trim().split(/\s+/).filter(Boolean);
  const code = parts[0] ?? '';
  if (!CODE_RE.test(code)) return { ok: false, reason: 'bad-code', detail: `code "${code}"` };
  if (parts.length === 1) return { ok: true, code };
  const restriction = parts.slice(1).join('');
  const m = /^(?:([<>])(\d+)|(\d+)-(\d+))$/.exec(restriction);
  if (!m) return { ok: false, reason: 'bad-date', detail: `restriction "${restriction}"` };
  const raw = m[1] ? [m[2]] : [m[3], m[4]];
  const dates = raw.map(parseDictionaryDate);
  const bad = dates.findIndex((d) => !d);
  if (bad >= 0) return { ok: false, reason: 'bad-date', detail: `date "${raw[bad]}"` };
  const odd = raw.flatMap((r, i) => (dates[i]!.odd ? [`"${r}" read as ${dates[i]!.iso}`] : [])).join(', ') || undefined;
  if (m[1] === '<') return { ok: true, code, to: dates[0]!.iso, odd };
  if (m[1] === '>') return { ok: true, code, from: dates[0]!.iso, odd };
  const [from, to] = [dates[0]!.iso, dates[1]!.iso];
  if (from > to) return { ok: false, reason: 'bad-date', detail: `range ends before it starts (${from} > ${to})` };
  return { ok: true, code, from, to, odd };
}

/** Every `[...]` group in `s` and whatever text is left outside them. */
export function codeGroups(s: string): { groups: string[]; rest: string } {
  const groups: string[] = [];
  const rest = s.replace(/\[([^\]]*)\]/g, (_, inner: string) => {
    groups.push(inner);
    return ' ';
  });
  return { groups, rest: rest.trim() };
}

/**
 * A phrase string: words joined by `_` or blanks; a trailing `_` marks an exact word. A `+` inside
 * the phrase joins two synonyms that lost their line break ("..._AL_ISLAMI+_ISLAMIC_ADEN_ARMY_").
 */
export function parsePhrases(raw: string, line: number): { phrases: Phrase[]; joined: boolean } {
  const pieces = raw.split(JOINING_PLUS_RE).map((p) => p.trim()).filter((p) => p.replace(/_/g, '').trim() !== '');
  const phrases = pieces.map((p) => ({
    words: p.split(/[_\s]+/).filter(Boolean),
    exact: p.endsWith('_'),
    line,
  }));
  return { phrases, joined: pieces.length > 1 };
}

interface SourceLine {
  n: number;
  content: string;
  comment?: string;
  section?: string;
}

/** Lines with comments removed, blank and comment-only lines dropped, headings remembered. */
function* contentLines(text: string): Generator<SourceLine> {
  const lines = text.split(/\r?\n/);
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i];
    const n = i + 1;
    // XML comments: on one line, or from `<!--` to the line holding `-->` (PETRARCH2's rule)
    if (raw.includes('<!--')) {
      const start = raw.indexOf('<!--');
      const end = raw.indexOf('-->', start);
      if (end >= 0) raw = raw.slice(0, start) + raw.slice(end + 3);
      else {
        raw = raw.slice(0, start);
        while (i + 1 < lines.length && !lines[i + 1].includes('-->')) i++;
        i++;
      }
    }
    const heading = SECTION_RE.exec(raw.trim());
    if (heading && heading[1]) {
      section = heading[1];
      continue;
    }
    const { content, comment } = splitComment(raw);
    if (content.trim() === '') continue;
    yield { n, content, comment, section };
  }
}

/** Whether two groups of phrases share a word of four letters or more ("YELTSIN"). */
function sharesWord(a: Phrase[], b: Phrase[]): boolean {
  const letters = (w: string): string => w.replace(/[^A-Z]/g, '');
  const seen = new Set(a.flatMap((p) => p.words.map(letters)).filter((w) => w.length >= 4));
  return b.some((p) => p.words.some((w) => seen.has(letters(w))));
}

/** Reads a PETRARCH2 actor dictionary. `file` names the source in records and issues. */
export function parseActorDictionary(text: string, file: string): ActorDictionary {
  const records: ActorRecord[] = [];
  const issues: Issue[] = [];
  let current: (ActorRecord & { lastLine: number; sawCodeGroup: boolean }) | undefined;
  let lines = 0;
  const issue = (l: SourceLine, reason: IssueReason, detail?: string): void => {
    issues.push({ file, line: l.n, reason, text: l.content.trim(), detail });
  };
  const addCodes = (l: SourceLine, s: string, into: ActorRecord & { sawCodeGroup: boolean }): void => {
    const { groups, rest } = codeGroups(s);
    if (groups.length > 0) into.sawCodeGroup = true;
    for (const g of groups) {
      const c = parseCodeGroup(g);
      if (!c.ok) issue(l, c.reason, c.detail);
      else if (c.code === '---') issue(l, 'null-code');
      else {
        if (c.odd) issue(l, 'odd-date', c.odd);
        into.codes.push({ code: c.code, from: c.from, to: c.to, line: l.n });
      }
    }
    if (rest) issue(l, 'trailing-text', rest);
  };
  const addPhrases = (l: SourceLine, raw: string, into: ActorRecord): void => {
    if (DAMAGED_RE.test(raw)) {
      issue(l, 'damaged-encoding');
      return;
    }
    const { phrases, joined } = parsePhrases(raw, l.n);
    if (joined) issue(l, 'joined-synonyms', `${phrases.length} phrases`);
    into.phrases.push(...phrases);
  };
  /** Phrases of code-less records waiting to join the record on the next line. */
  let carried: { line: number; phrases: Phrase[]; comments: string[] } | undefined;
  const close = (next?: { line: number; phrases: Phrase[] }): void => {
    const rec = current;
    current = undefined;
    if (!rec) return;
    if (rec.codes.length > 0) {
      const { lastLine: _last, sawCodeGroup: _saw, ...record } = rec;
      if (record.phrases.length > 0) records.push(record);
      return;
    }
    const text = rec.phrases.map((p) => p.words.join('_')).join(' + ') || '(no readable phrase)';
    if (next && !rec.sawCodeGroup && next.line === rec.lastLine + 1 && sharesWord(rec.phrases, next.phrases)) {
      issues.push({ file, line: rec.line, reason: 'no-code-joined-next', text, detail: `joins line ${next.line}` });
      carried = { line: rec.line, phrases: rec.phrases, comments: rec.comments };
      return;
    }
    issues.push({ file, line: rec.line, reason: 'no-code', text });
  };

  for (const l of contentLines(text)) {
    lines++;
    const t = l.content.trim();
    if (t.startsWith('[')) {
      if (!current) issue(l, 'orphan-line');
      else {
        addCodes(l, t, current);
        if (l.comment) current.comments.push(l.comment);
        current.lastLine = l.n;
      }
    } else if (t.startsWith('+')) {
      if (!current) {
        issue(l, 'orphan-line');
        continue;
      }
      const bracket = t.indexOf('[');
      addPhrases(l, bracket < 0 ? t.slice(1) : t.slice(1, bracket), current);
      if (bracket >= 0) addCodes(l, t.slice(bracket), current);
      if (l.comment) current.comments.push(l.comment);
      current.lastLine = l.n;
    } else {
      const next = { file, line: l.n, phrases: [] as Phrase[], codes: [] as DatedCode[], comments: [] as string[], section: l.section, lastLine: l.n, sawCodeGroup: false };
      const bracket = t.indexOf('[');
      addPhrases(l, bracket < 0 ? t : t.slice(0, bracket), next);
      if (bracket >= 0) addCodes(l, t.slice(bracket), next);
      if (l.comment) next.comments.push(l.comment);
      close(next);
      if (carried) {
        next.line = carried.line;
        next.phrases.unshift(...carried.phrases);
        next.comments.unshift(...carried.comments);
        carried = undefined;
      }
      current = next;
    }
  }
  close();
  return { records, issues, lines };
}

// ---------------------------------------------------------------- agents

export interface AgentRecord {
  /** Upper-case words of the singular (or only) form. */
  words: string[];
  /** The plural's words; empty when the source says there is none (`{}`). */
  plural: string[];
  /** The plural was written in `{...}` (irregular or none) rather than formed by rule. */
  pluralGiven: boolean;
  /** Code without `~` ("GOVFRM", "NGO"). */
  code: string;
  /** `[~GOV]` adds the code after the actor's (usual); `[NGO~]` before it. */
  position: 'after' | 'before';
  line: number;
  /** Set when the phrase came from a `!MARKER!` substitution (no plural is formed for those). */
  marker?: string;
}

export interface AgentDictionary {
  agents: AgentRecord[];
  markers: Map<string, string[]>;
  issues: Issue[];
  lines: number;
}

/**
 * The regular English plural of a phrase's last word. PETRARCH2 adds IES after any Y ("ATTORNIES")
 * and S after X, CH and SH; we use the English rule, which only differs there.
 */
export function regularPlural(words: string[]): string[] {
  if (words.length === 0) return words;
  const last = words[words.length - 1];
  let plural: string;
  if (/[^AEIOU]Y$/.test(last)) plural = last.slice(0, -1) + 'IES';
  else if (/(?:S|X|Z|CH|SH)$/.test(last)) plural = last + 'ES';
  else plural = last + 'S';
  return [...words.slice(0, -1), plural];
}

const words = (s: string): string[] => s.split(/[_\s]+/).filter(Boolean);

/**
 * Pairs the items of a substitution set into singular and plural ("MAN"/"MEN", "MINISTER"/
 * "MINISTERS", "MINISTRY"/"MINISTRIES"); an item with no partner stands alone ("PERSON").
 */
export function pairMarkerItems(items: string[]): { singular: string; plural?: string }[] {
  const plurals = new Set<string>();
  const out: { singular: string; plural?: string }[] = [];
  for (const item of items) {
    const plural = items.find((p) => p !== item && (p === regularPlural([item])[0] || (item.endsWith('MAN') && p === item.slice(0, -3) + 'MEN')));
    if (plural) plurals.add(plural);
    out.push({ singular: item, plural });
  }
  return out.filter((x) => !plurals.has(x.singular));
}

/**
 * Reads PETRARCH2's agent dictionary: `PHRASE [~CODE]` with a regular plural formed by rule,
 * `PHRASE {PLURAL} [~CODE]` with an irregular one, `PHRASE {} [~CODE]` with none, and
 * `!MARKER! = A, B, C` sets substituted into phrases (`CONGRESS!PERSON!`) without plurals.
 * A phrase listed twice keeps its later code (PETRARCH2 overwrites), reported as a conflict.
 */
export function parseAgentDictionary(text: string, file: string): AgentDictionary {
  const markers = new Map<string, string[]>();
  const issues: Issue[] = [];
  const byKey = new Map<string, AgentRecord>();
  let lines = 0;
  const issue = (l: SourceLine, reason: IssueReason, detail?: string): void => {
    issues.push({ file, line: l.n, reason, text: l.content.trim(), detail });
  };
  const store = (rec: AgentRecord, l: SourceLine): void => {
    const key = rec.words.join(' ');
    const before = byKey.get(key);
    if (before && before.code !== rec.code) issue(l, 'agent-code-conflict', `${key}: ${before.code} (line ${before.line}) → ${rec.code}`);
    byKey.delete(key); // file order of the winning line
    byKey.set(key, rec);
  };

  for (const l of contentLines(text)) {
    lines++;
    const t = l.content.trim();
    const def = /^!([^!]+)!\s*=\s*(.*)$/.exec(t);
    if (def) {
      markers.set(def[1], def[2].split(',').map((x) => x.trim()).filter(Boolean));
      continue;
    }
    if (DAMAGED_RE.test(t)) {
      issue(l, 'damaged-encoding');
      continue;
    }
    const open = t.indexOf('[');
    if (open < 0) {
      issue(l, 'agent-without-code');
      continue;
    }
    const { groups, rest } = codeGroups(t.slice(open));
    if (groups.length === 0) {
      issue(l, 'bad-code', 'no [code] group');
      continue;
    }
    if (rest) issue(l, 'trailing-text', rest);
    const rawCode = groups[0].trim();
    const position = rawCode.endsWith('~') && !rawCode.startsWith('~') ? 'before' : 'after';
    const code = rawCode.replace(/~/g, '');
    if (!CODE_RE.test(code)) {
      issue(l, 'bad-code', `code "${rawCode}"`);
      continue;
    }
    let phrase = t.slice(0, open);
    // a marker with letters on both sides is the marker's own text put back by accident
    phrase = phrase.replace(/(?<=[A-Z])!([A-Z]+)!(?=[A-Z])/g, (_, name: string) => {
      issue(l, 'agent-marker-in-word', name);
      return name;
    });
    const marker = /!([^!]+)!/.exec(phrase);
    if (marker) {
      const items = markers.get(marker[1]);
      if (!items) {
        issue(l, 'agent-unknown-marker', marker[1]);
        continue;
      }
      // no plural is formed for a substituted phrase, so `{}` after one says nothing
      const bare = phrase.replace(/\{[^}]*\}/g, ' ');
      for (const { singular, plural } of pairMarkerItems(items)) {
        store({
          words: words(bare.replace(marker[0], singular)),
          plural: plural ? words(bare.replace(marker[0], plural)) : [],
          pluralGiven: true, code, position, line: l.n, marker: marker[1],
        }, l);
      }
      continue;
    }
    const brace = phrase.indexOf('{');
    if (brace >= 0) {
      const close = phrase.indexOf('}', brace);
      if (close < 0) {
        issue(l, 'agent-bad-plural');
        continue;
      }
      const w = words(phrase.slice(0, brace));
      store({ words: w, plural: words(phrase.slice(brace + 1, close)), pluralGiven: true, code, position, line: l.n }, l);
      continue;
    }
    const w = words(phrase);
    store({ words: w, plural: regularPlural(w), pluralGiven: false, code, position, line: l.n }, l);
  }
  return { agents: [...byKey.values()], markers, issues, lines };
}
