// Converts PETRARCH2's actor and agent dictionaries (read by ./petrarch-parse.ts) into the
// project's data: organisations (international bodies, NGOs, companies, armed non-state groups),
// agent nouns with a class, and people with dated roles. Pure: the caller passes the file texts and
// what the project already knows (../../shared/analysis/data), and gets the three files plus a
// report of everything left out and why. The same input gives the same bytes.
//
// What a record is, is decided in this order (see `classify`): a country, territory or city (the
// Countries file's place records: reported, not converted, the project has its own gazetteer);
// a person from the rulers lists (comment "CountryInfo.txt" or "IGOrulers.txt"); an official of
// an organisation ("UN_SECRETARY_GENERAL": its names become the organisation's member forms);
// an organisation when a word of its names is one (the project's organisation head words: "Bank",
// "Front", "Party"...); a person when its name looks like one (a given name seen among the rulers,
// or an initial, then a surname) or when it has dated codes that are not a group's or a company's;
// otherwise an organisation of the kind its code says, or a state body (GOV, MIL, COP, SPY, LEG,
// JUD: reported, not converted; the project's government-bodies.json covers those).

import { nameKey, nameTokens } from '../../shared/analysis/actors/petrarch-text.js';
import {
  agentsFileSchema, organizationsFileSchema, peopleFileSchema,
  type AgentClass, type AgentsFile, type DatedCode, type Header, type OrganizationKind, type OrganizationsFile,
  type PeopleFile, type PersonRole, type PetrarchAgent, type PetrarchOrganization, type PetrarchPerson,
} from '../../shared/analysis/actors/petrarch-schema.js';
import {
  bare, globalAcronyms, isMemberPhrase, looksLikePersonName, memberForms, NAME_PARTICLES, phraseForms,
  renderPhrase, RULERS_LIST_COMMENT, stripTitles, vocabulary, type ProjectData, type Vocabulary,
} from './petrarch-names.js';
import { parseActorDictionary, parseAgentDictionary, regularPlural, type ActorRecord, type AgentRecord, type Issue, type Phrase } from './petrarch-parse.js';

export { renderPhrase, type ProjectData };

export const PETRARCH_REPOSITORY = 'openeventdata/petrarch2';
export const PETRARCH_COMMIT = '676801c';
export const CONVERTER = 'train/dictionaries/petrarch-actors.ts (npm run data:petrarch)';
export const LICENCE = 'MIT, Copyright (c) 2014 Open Event Data (LICENSE beside this file)';

export const SOURCE_FILES = {
  international: 'Phoenix.International.actors.txt',
  milNonState: 'Phoenix.MilNonState.actors.txt',
  countries: 'Phoenix.Countries.actors.txt',
  agents: 'Phoenix.agents.txt',
} as const;
export type SourceName = keyof typeof SOURCE_FILES;
export type Sources = Record<SourceName, string>;
type ActorSource = Exclude<SourceName, 'agents'>;
const ACTOR_SOURCES: ActorSource[] = ['international', 'milNonState', 'countries'];

/** CAMEO codes that world-countries spells otherwise. */
const CAMEO_COUNTRY_ALIASES: Record<string, string> = { KSV: 'UNK' };

/**
 * The organisation kind a CAMEO block says, or `state` for a state body. The first block that is
 * in the table decides (country and region blocks are skipped: "PSEREBHMS" → REB); IGO, NGO, MNC
 * and IMG decide when they come first.
 */
const KIND_OF_BLOCK: Record<string, OrganizationKind | 'state'> = {
  IGO: 'igo', NGO: 'ngo', NGM: 'ngo', MNC: 'company', IMG: 'armed-group', MED: 'media',
  REB: 'armed-group', INS: 'armed-group', SEP: 'armed-group', UAF: 'armed-group',
  PTY: 'party', OPP: 'opposition', BUS: 'company', HRI: 'ngo', EDU: 'education', LAB: 'labour', CRM: 'criminal',
  MUS: 'religious', CHR: 'religious', JEW: 'religious', BUD: 'religious', HIN: 'religious', REL: 'religious', MOS: 'religious', SIK: 'religious', BAH: 'religious',
  GOV: 'state', MIL: 'state', COP: 'state', SPY: 'state', LEG: 'state', JUD: 'state',
};
/** CAMEO region blocks ("SAS" South Asia, "WST" the West). */
const REGION_BLOCKS = new Set([
  'AFR', 'ASA', 'BLK', 'CRB', 'CAU', 'CFR', 'CAS', 'CEU', 'EIN', 'EAF', 'EEU', 'EUR', 'LAM', 'MEA', 'MDT', 'NAF', 'NMR',
  'PGS', 'SCN', 'SAM', 'SAS', 'SEA', 'SAF', 'WAF', 'WST', 'WEU', 'INT',
]);
/** Religion blocks, some of which are also ISO3 codes after the first block ("IMGMUS...": Muslim, not Mauritius). */
const RELIGION_BLOCKS = new Set(['MUS', 'CHR', 'JEW', 'BUD', 'HIN', 'REL', 'SIK', 'BAH', 'MOS']);
/** Second blocks that make a code a place: unrecognised, occupied, autonomous or under UN rule ("KRJUNR", "ESTOCC", "KSVUNO"). */
const PLACE_QUALIFIERS = new Set(['UNR', 'OCC', 'AUT', 'UNO']);
/** First blocks that decide the kind whatever follows ("IGOUNOMED" is an IGO, "MNCUSA" a company). */
const LEADING_KINDS = new Set(['IGO', 'NGO', 'NGM', 'MNC', 'IMG', 'MED']);
/** Kinds whose dated codes do not make a record a person (groups change sides, companies owners). */
const GROUP_KINDS = new Set<string>(['armed-group', 'party', 'opposition', 'company', 'media']);
/** Sector blocks of people and groups that are not places (for telling "USAGUM" from "USAGOV"). */
const OTHER_SECTORS = ['ELI', 'CVL', 'PPL', 'HLH', 'AGR', 'REF', 'ENV', 'DEV', 'MOD', 'RAD', 'SET', 'UIS'];

/** Agent classes by the code's first block. */
const CLASS_OF_SECTOR: Record<string, AgentClass> = {
  GOV: 'government', MIL: 'military', COP: 'police', SPY: 'intelligence', LEG: 'legislature', JUD: 'judiciary',
  REB: 'rebels', INS: 'rebels', SEP: 'rebels', UAF: 'armed-group', IMG: 'armed-group', OPP: 'opposition', PTY: 'party',
  BUS: 'business', MNC: 'business', MED: 'media', CVL: 'civilian', PPL: 'people', CRM: 'criminal',
  MUS: 'religious', CHR: 'religious', JEW: 'religious', BUD: 'religious', HIN: 'religious', REL: 'religious',
  EDU: 'education', HLH: 'health', LAB: 'labour', AGR: 'agriculture', REF: 'refugees', HRI: 'human-rights',
  ENV: 'environment', NGO: 'ngo', IGO: 'igo', ELI: 'elite', RAD: 'radical',
};
const STATE_SECTORS = new Set(['GOV', 'MIL', 'COP', 'SPY']);

/** The project's organisation whose name is the draft's own name wins over one sharing another form. */
const OWN_NAME_VOTES = 100;
/** Ids stay readable: the name part is cut at a word boundary after this many characters. */
const ID_NAME_MAX = 48;

// ------------------------------------------------------------------------------------ report

export type SkipReason =
  | 'place' | 'state-body' | 'member-without-organization' | 'form-names-project-actor' | 'no-forms-left'
  | 'merged-duplicate' | 'agent-plural-listed-apart';

export interface Skip {
  reason: SkipReason;
  source: string;
  text: string;
  detail?: string;
}

export interface CountryFormsReport {
  /** Forms of the Countries file's place records (countries, their adjectives, cities, regions). */
  forms: number;
  /** Of which the project's gazetteer already knows, for the same country. */
  known: number;
  /** Unknown forms that read as the country's adjective or demonym ("Argentinian", "Azerbaijani"). */
  adjectives: string[];
  /** Unknown spellings of the country's name ("Afghanestan", "Alemania"): begin like a name the project has. */
  spellings: string[];
  /** Other unknown forms: cities, provinces, regions, rivers, historical and foreign-language names. */
  otherNames: string[];
}

export interface Report {
  files: Record<SourceName, { lines: number; records: number }>;
  issues: Issue[];
  skipped: Skip[];
  overlaps: { id: string; name: string; projectId: string }[];
  countries: CountryFormsReport;
  /** Forms that name more than one converted organisation (the look-up returns all). */
  sharedForms: number;
}

export interface Conversion {
  organizations: OrganizationsFile;
  agents: AgentsFile;
  people: PeopleFile;
  report: Report;
}

// ------------------------------------------------------------------------------------ codes

const blocks = (code: string): string[] => code.match(/.{1,3}/g) ?? [];

interface CodeView {
  country(block: string): string | undefined;
  kind(code: string): OrganizationKind | 'state' | undefined;
  /**
   * Whether the code names one organisation: it has a block that is no country, region, sector
   * or kind ("IGOUNO", "PSEREBHMS"), unlike "MED" or "LBNREB", which many records share.
   */
  names(code: string): boolean;
}

function codeView(p: ProjectData): CodeView {
  const country = (b: string): string | undefined => {
    const c = CAMEO_COUNTRY_ALIASES[b] ?? b;
    return p.countryCodes.has(c) ? c : undefined;
  };
  const kind = (code: string): OrganizationKind | 'state' | undefined => {
    const bs = blocks(code);
    if (bs[0] === 'MNC' && bs.includes('MED')) return 'media';
    if (LEADING_KINDS.has(bs[0])) return KIND_OF_BLOCK[bs[0]];
    // a party in government is still a party, state media still media ("SDNGOVPTY", "RUSGOVMED")
    if (bs.includes('PTY')) return 'party';
    if (bs.includes('MED')) return 'media';
    return bs.map((b) => KIND_OF_BLOCK[b]).find((k) => k !== undefined);
  };
  const names = (code: string): boolean =>
    blocks(code).some((b) => !country(b) && !REGION_BLOCKS.has(b) && KIND_OF_BLOCK[b] === undefined && !OTHER_SECTORS.includes(b));
  return { country, kind, names };
}

/** The code a record is known by: its first default (undated) code, else the latest-dated one. */
function primaryCode(codes: readonly DatedCode[]): DatedCode {
  const plain = codes.find((c) => !c.from && !c.to);
  if (plain) return plain;
  return [...codes].sort((a, b) => (b.from ?? b.to ?? '').localeCompare(a.from ?? a.to ?? ''))[0];
}

const isDated = (r: ActorRecord): boolean => r.codes.some((c) => c.from || c.to);

// ------------------------------------------------------------------------------------ classify

type RecordClass = 'place' | 'person' | 'member' | 'organization' | 'state-body';

function classify(r: ActorRecord, source: ActorSource, v: Vocabulary, codes: CodeView): RecordClass {
  if (r.comments.some((c) => RULERS_LIST_COMMENT.test(c))) return 'person';
  if (source === 'countries' && r.codes.some((c) => isPlaceCode(c.code, codes))) return 'place';
  const primary = r.phrases[0].words;
  if (isMemberPhrase(primary, v)) return 'member';
  const kind = codes.kind(primaryCode(r.codes).code);
  const asOrganization: RecordClass = kind === 'state' ? 'state-body' : 'organization';
  const hasOrganizationWord = (ph: Phrase): boolean => ph.words.some((w) => v.organizationWords.has(bare(w)));
  // a person's synonyms may name their office ("OBAMA_ADMINISTRATION"), so the primary or half the names decide
  if (hasOrganizationWord(r.phrases[0]) || r.phrases.filter(hasOrganizationWord).length * 2 >= r.phrases.length) return asOrganization;
  if (kind !== 'company' && kind !== 'media' && looksLikePersonName(primary, v)) return 'person';
  if (r.codes.some((c) => blocks(c.code).includes('ELI'))) return 'person';
  if (isDated(r) && !GROUP_KINDS.has(kind ?? '')) return 'person';
  return asOrganization;
}

/** A country ("AFG"), a territory or former state part ("USAGUM", "USRARM"): no sector in the code. */
function isPlaceCode(code: string, codes: CodeView): boolean {
  const bs = blocks(code);
  if (bs.length === 1) return bs[0].length === 3;
  if (bs.length === 2 && PLACE_QUALIFIERS.has(bs[1])) return true;
  return bs.length === 2 && KIND_OF_BLOCK[bs[1]] === undefined && !OTHER_SECTORS.includes(bs[1]) && (codes.country(bs[1]) !== undefined || codes.country(bs[0]) !== undefined);
}

// ------------------------------------------------------------------------------------ ids

function slug(s: string): string {
  const full = nameTokens(s).keys.join('-').toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (full.length <= ID_NAME_MAX) return full;
  const cut = full.slice(0, ID_NAME_MAX + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : ID_NAME_MAX);
}

/** Gives every item a unique id: its base, or the base with -2, -3... in the order given. */
function uniqueIds<T>(items: T[], base: (t: T) => string, taken: ReadonlySet<string>): Map<T, string> {
  const used = new Set(taken);
  const out = new Map<T, string>();
  for (const t of items) {
    const b = base(t);
    let id = b;
    for (let n = 2; used.has(id); n++) id = `${b}-${n}`;
    used.add(id);
    out.set(t, id);
  }
  return out;
}

const sourceOf = (r: ActorRecord): string => `${r.file}:${r.line}`;

// ------------------------------------------------------------------------------------ organisations

interface OrgDraft {
  record: ActorRecord;
  source: ActorSource;
  name: string;
  codes: DatedCode[];
  forms: string[];
  memberForms: string[];
}

function dedupeForms(forms: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const f of forms) {
    const k = nameKey(f);
    if (!k) continue;
    const had = byKey.get(k);
    // prefer the form without a leading "The"
    if (!had || (/^the /i.test(had) && !/^the /i.test(f))) byKey.set(k, f);
  }
  return [...byKey.values()];
}

const codeKey = (c: DatedCode): string => `${c.code}|${c.from ?? ''}|${c.to ?? ''}`;
function dedupeCodes(codes: DatedCode[]): DatedCode[] {
  const seen = new Map<string, DatedCode>();
  for (const c of codes) if (!seen.has(codeKey(c))) seen.set(codeKey(c), { code: c.code, ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}) });
  return [...seen.values()];
}

/** Initials of a name, with and without its particles ("United Nations" → UN; "Food and Agriculture Organization" → FAAO, FAO). */
function initialsOf(name: string): string[] {
  const ws = nameTokens(name).keys;
  if (ws.length < 2) return [];
  return [ws.map((w) => w[0]).join(''), ws.filter((w) => !NAME_PARTICLES.has(w)).map((w) => w[0]).join('')];
}

/**
 * A record that is only an acronym ("UN_ [IGOUNO]") joins the record with the same code whose
 * name it abbreviates ("THE_UNITED_NATIONS_ [IGOUNO]"): PETRARCH2 lists synonyms as records of
 * their own when they share a code, but a code such as IGOUNO covers several organisations, so
 * only the initials say which one.
 */
function mergeAcronymRecords(merged: Map<string, OrgDraft>, codes: CodeView, skipped: Skip[]): void {
  const byCode = new Map<string, OrgDraft[]>();
  for (const d of merged.values()) {
    const code = primaryCode(d.codes).code;
    (byCode.get(code) ?? byCode.set(code, []).get(code)!).push(d);
  }
  for (const [key, d] of merged) {
    const acronym = nameTokens(d.name).keys;
    // a code that many organisations share says nothing ("BP_ [MNCGBR]" is not "BARCLAYS_PLC_ [MNCGBR]")
    if (acronym.length !== 1 || !/^[A-Z]{2,}$/.test(acronym[0]) || !codes.names(primaryCode(d.codes).code)) continue;
    const into = byCode.get(primaryCode(d.codes).code)!.find((e) => e !== d && merged.has(`${primaryCode(e.codes).code}|${nameKey(e.name)}`) && initialsOf(e.name).includes(acronym[0]));
    if (!into) continue;
    skipped.push({ reason: 'merged-duplicate', source: sourceOf(d.record), text: d.name, detail: `acronym of ${into.name} (${sourceOf(into.record)})` });
    into.forms.push(...d.forms);
    into.memberForms.push(...d.memberForms);
    into.codes = dedupeCodes([...into.codes, ...d.codes]);
    merged.delete(key);
  }
}

/**
 * One draft per organisation record, in file order; the names of an official's record ("UN_ENVOY_
 * [IGOUNO]") go to the first organisation with its code, when that code names one organisation.
 */
function organizationDrafts(
  classified: { record: ActorRecord; source: ActorSource; cls: RecordClass }[],
  p: ProjectData, v: Vocabulary, codes: CodeView, acronyms: Set<string>, skipped: Skip[],
): OrgDraft[] {
  const drafts: OrgDraft[] = [];
  const holderOfCode = new Map<string, OrgDraft>();
  for (const { record, source, cls } of classified) {
    if (cls !== 'organization') continue;
    const forms: string[] = [];
    const members: string[] = [];
    record.phrases.forEach((ph, i) => {
      if (i > 0 && isMemberPhrase(ph.words, v)) members.push(...memberForms(ph, acronyms, p, v));
      else if (i > 0 && looksLikePersonName(ph.words, v)) members.push(...phraseForms(ph, acronyms, p));
      else forms.push(...phraseForms(ph, acronyms, p));
    });
    const d: OrgDraft = { record, source, name: forms[0] ?? '', codes: dedupeCodes(record.codes), forms, memberForms: members };
    drafts.push(d);
    const code = primaryCode(d.codes).code;
    if (!holderOfCode.has(code) && codes.names(code)) holderOfCode.set(code, d);
  }
  for (const { record, cls } of classified) {
    if (cls !== 'member') continue;
    const code = primaryCode(record.codes).code;
    const holder = holderOfCode.get(code);
    const names = record.phrases.flatMap((ph) => memberForms(ph, acronyms, p, v));
    if (holder) holder.memberForms.push(...names);
    else if (codes.kind(code) !== 'state') skipped.push({ reason: 'member-without-organization', source: sourceOf(record), text: names.join(' | '), detail: code });
  }
  return drafts;
}

/** One entry per name and primary code: a record listed again (XINHUA twice) joins the first. */
function mergeRepeated(drafts: OrgDraft[], skipped: Skip[]): Map<string, OrgDraft> {
  const merged = new Map<string, OrgDraft>();
  for (const d of drafts) {
    if (d.forms.length === 0) {
      skipped.push({ reason: 'no-forms-left', source: sourceOf(d.record), text: d.memberForms.join(' | '), detail: 'only names of people or officials' });
      continue;
    }
    const key = `${primaryCode(d.codes).code}|${nameKey(d.name)}`;
    const had = merged.get(key);
    if (!had) {
      merged.set(key, d);
      continue;
    }
    skipped.push({ reason: 'merged-duplicate', source: sourceOf(d.record), text: d.name, detail: `into ${sourceOf(had.record)}` });
    had.codes = dedupeCodes([...had.codes, ...d.codes]);
    had.forms.push(...d.forms);
    had.memberForms.push(...d.memberForms);
  }
  return merged;
}

type ProjectNames = ReadonlyMap<string, readonly { kind: string; target: string }[]>;

/**
 * The organisation a draft becomes: its forms less those the project gives to a country, place or
 * body, its kind, type and country from the code, and the project's organisation that shares its
 * name (its own name counts most), or undefined when no form is left.
 */
function finishOrganization(d: OrgDraft, projectNames: ProjectNames, codes: CodeView, skipped: Skip[]): Omit<PetrarchOrganization, 'id'> | undefined {
  const forms: string[] = [];
  const votes = new Map<string, number>();
  for (const f of dedupeForms(d.forms)) {
    const known = projectNames.get(nameKey(f)) ?? [];
    const org = known.find((k) => k.kind === 'organization');
    if (org) votes.set(org.target, (votes.get(org.target) ?? 0) + (nameKey(f) === nameKey(d.name) ? OWN_NAME_VOTES : 1));
    const other = known.find((k) => k.kind !== 'organization');
    if (other && !org) {
      skipped.push({ reason: 'form-names-project-actor', source: sourceOf(d.record), text: f, detail: `${other.kind} ${other.target}` });
      continue;
    }
    forms.push(f);
  }
  if (forms.length === 0) {
    skipped.push({ reason: 'no-forms-left', source: sourceOf(d.record), text: d.name, detail: 'every name is the project\'s' });
    return undefined;
  }
  const projectId = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const primary = primaryCode(d.codes).code;
  const kind = codes.kind(primary);
  const k: OrganizationKind = kind && kind !== 'state' ? kind : 'other';
  const bs = blocks(primary);
  const country = codes.country(bs[0]) ?? (['NGO', 'NGM', 'MNC'].includes(bs[0]) && !RELIGION_BLOCKS.has(bs[1] ?? '') ? codes.country(bs[1] ?? '') : undefined);
  const memberForms = dedupeForms(d.memberForms).filter((f) => !forms.some((g) => nameKey(g) === nameKey(f)));
  return {
    name: forms.find((f) => nameKey(f) === nameKey(d.name)) ?? forms[0],
    kind: k,
    type: k === 'armed-group' ? 'group' : k === 'media' ? 'media' : 'organization',
    codes: d.codes,
    ...(country ? { country } : {}),
    forms,
    ...(memberForms.length > 0 ? { memberForms } : {}),
    ...(projectId ? { projectId } : {}),
    source: sourceOf(d.record),
  };
}

function buildOrganizations(
  classified: { record: ActorRecord; source: ActorSource; cls: RecordClass }[],
  p: ProjectData, v: Vocabulary, codes: CodeView, acronyms: Set<string>, skipped: Skip[],
): { organizations: PetrarchOrganization[]; overlaps: Report['overlaps']; sharedForms: number } {
  const merged = mergeRepeated(organizationDrafts(classified, p, v, codes, acronyms, skipped), skipped);
  mergeAcronymRecords(merged, codes, skipped);
  const projectNames = new Map<string, { kind: string; target: string }[]>();
  for (const n of p.names) {
    const k = nameKey(n.form);
    if (k) (projectNames.get(k) ?? projectNames.set(k, []).get(k)!).push({ kind: n.kind, target: n.target });
  }
  const finished = [...merged.values()].flatMap((d) => finishOrganization(d, projectNames, codes, skipped) ?? []);
  // ids in source order, so a repeated name takes -2 after the earlier record; never a project id
  finished.sort((a, b) => a.source.localeCompare(b.source, 'en', { numeric: true }));
  const taken = new Set(p.names.filter((n) => n.kind === 'organization').map((n) => n.target));
  const ids = uniqueIds(finished, (o) => `${primaryCode(o.codes).code.toLowerCase()}-${slug(o.name)}`, taken);
  const organizations = finished.map((o) => ({ id: ids.get(o)!, ...o })).sort((a, b) => a.id.localeCompare(b.id));
  const overlaps = organizations
    .flatMap((o) => (o.projectId ? [{ id: o.id, name: o.name, projectId: o.projectId }] : []))
    .sort((a, b) => a.projectId.localeCompare(b.projectId) || a.id.localeCompare(b.id));
  const owners = new Map<string, number>();
  for (const o of organizations) for (const f of o.forms) owners.set(nameKey(f), (owners.get(nameKey(f)) ?? 0) + 1);
  return { organizations, overlaps, sharedForms: [...owners.values()].filter((n) => n > 1).length };
}

// ------------------------------------------------------------------------------------ people

function buildPeople(
  classified: { record: ActorRecord; cls: RecordClass }[], p: ProjectData, v: Vocabulary, codes: CodeView, skipped: Skip[],
): PetrarchPerson[] {
  const otherNames = new Map<string, string>();
  for (const n of p.names) otherNames.set(nameKey(n.form), `${n.kind} ${n.target}`);
  const none = new Set<string>();
  const drafts = new Map<string, { record: ActorRecord; name: string; forms: string[]; roles: PersonRole[] }>();
  for (const { record, cls } of classified) {
    if (cls !== 'person') continue;
    const forms: string[] = [];
    for (const ph of record.phrases) {
      const f = renderPhrase(ph.words.filter((w) => !/^\(.*\)$/.test(w)), none);
      const taken = otherNames.get(nameKey(f));
      if (taken) skipped.push({ reason: 'form-names-project-actor', source: sourceOf(record), text: f, detail: taken });
      else if (nameKey(f)) forms.push(f);
    }
    if (forms.length === 0) {
      skipped.push({ reason: 'no-forms-left', source: sourceOf(record), text: record.phrases.map((ph) => ph.words.join('_')).join(' | ') });
      continue;
    }
    const roles = dedupeCodes(record.codes).map((c): PersonRole => {
      const bs = blocks(c.code);
      const country = codes.country(bs[0]);
      const sector = country ? bs[1] : bs[0];
      return { code: c.code, ...(country ? { country } : {}), ...(sector ? { sector } : {}), ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}) };
    });
    // the same name acting for the same countries is one person listed twice
    const key = `${nameKey(forms[0])}|${[...new Set(roles.map((r) => r.country ?? ''))].sort().join(',')}`;
    const had = drafts.get(key);
    if (had) {
      skipped.push({ reason: 'merged-duplicate', source: sourceOf(record), text: forms[0], detail: `into ${sourceOf(had.record)}` });
      had.forms = dedupeForms([...had.forms, ...forms]);
      for (const r of roles) if (!had.roles.some((h) => codeKey(h) === codeKey(r))) had.roles.push(r);
      continue;
    }
    // the name is the first form without its titles when that is listed too ("Ban Ki-Moon", not "Secretary-General Ban Ki-Moon")
    const untitled = renderPhrase(stripTitles(record.phrases[0].words, v.titleWords), none);
    const name = forms.find((f) => nameKey(f) === nameKey(untitled)) ?? forms[0];
    drafts.set(key, { record, name, forms: dedupeForms(forms), roles });
  }
  const list = [...drafts.values()].sort((a, b) => sourceOf(a.record).localeCompare(sourceOf(b.record), 'en', { numeric: true }));
  const ids = uniqueIds(list, (d) => `${(d.roles.find((r) => r.country)?.country ?? blocks(d.roles[0].code)[0]).toLowerCase()}-${slug(d.name)}`, new Set());
  return list
    .map((d) => ({ id: ids.get(d)!, name: d.name, forms: d.forms, roles: sortRoles(d.roles), source: sourceOf(d.record) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Dated roles by start, then the undated default. */
function sortRoles(roles: PersonRole[]): PersonRole[] {
  const rank = (r: PersonRole): string => (r.from || r.to ? `0${r.from ?? '0000'}${r.to ?? '9999'}` : '1');
  return [...roles].sort((a, b) => rank(a).localeCompare(rank(b)) || a.code.localeCompare(b.code));
}

// ------------------------------------------------------------------------------------ agents

function buildAgents(records: AgentRecord[], markers: Map<string, string[]>, p: ProjectData, issues: Issue[], skipped: Skip[]): PetrarchAgent[] {
  const file = SOURCE_FILES.agents;
  // a cut-off last word ("DEFENSE_MINIST", "PORT_AUTHORIT") stands for the words it begins
  const expanded: AgentRecord[] = [];
  for (const r of records) {
    const last = r.words[r.words.length - 1];
    const stem = r.marker || r.pluralGiven || p.isCommonWord(last.toLowerCase()) ? undefined
      : markers.has(last) ? markers.get(last)! : p.isCommonWord(`${last}y`.toLowerCase()) ? [`${last}Y`, `${last}IES`] : undefined;
    if (!stem) {
      expanded.push(r);
      continue;
    }
    issues.push({ file, line: r.line, reason: 'agent-stem', text: r.words.join('_'), detail: stem.join(', ') });
    const items = stem.filter((s, _, all) => !all.some((o) => o !== s && (regularPlural([o])[0] === s || o.slice(0, -1) + 'IES' === s)));
    for (const s of items) {
      const words = [...r.words.slice(0, -1), s];
      expanded.push({ ...r, words, plural: regularPlural(words), pluralGiven: false });
    }
  }
  // "MUSLIMS [~MUS]" next to "MUSLIM [~MUS]" is the plural listed apart
  const key = (ws: string[]): string => ws.join(' ');
  const plurals = new Map<string, string[][]>();
  const kept: AgentRecord[] = [];
  for (const r of expanded) {
    const singular = r.words[r.words.length - 1].endsWith('S')
      ? expanded.find((o) => o !== r && o.code === r.code && key(regularPlural(o.words)) === key(r.words))
      : undefined;
    if (singular) {
      skipped.push({ reason: 'agent-plural-listed-apart', source: `${file}:${r.line}`, text: key(r.words), detail: `plural of ${key(singular.words)}` });
      (plurals.get(key(singular.words)) ?? plurals.set(key(singular.words), []).get(key(singular.words))!).push(r.words);
      continue;
    }
    kept.push(r);
  }
  const agents = kept.map((r): PetrarchAgent => {
    const sector = r.code.slice(0, 3);
    const cls = CLASS_OF_SECTOR[sector];
    if (!cls) throw new Error(`${file}:${r.line}: agent code ${r.code} has a sector (${sector}) with no class; add it to CLASS_OF_SECTOR in ${CONVERTER}`);
    const allPlurals = [...(r.plural.length > 0 ? [r.plural] : []), ...(plurals.get(key(r.words)) ?? [])];
    return {
      noun: r.words.join(' ').toLowerCase(),
      plurals: [...new Set(allPlurals.map((ws) => ws.join(' ').toLowerCase()))].filter((pl) => pl !== r.words.join(' ').toLowerCase()),
      code: r.code,
      position: r.position,
      sector,
      class: cls,
      state: STATE_SECTORS.has(sector),
      source: `${file}:${r.line}`,
    };
  });
  // one entry per noun: a later line wins, as in PETRARCH2 (the parser has reported the conflict)
  const byNoun = new Map<string, PetrarchAgent>();
  for (const a of agents) byNoun.set(a.noun, a);
  return [...byNoun.values()].sort((a, b) => a.noun.localeCompare(b.noun));
}

// ------------------------------------------------------------------------------------ countries

/** Endings of adjectives and demonyms ("Argentinian", "Japanese", "Azerbaijani", "Icelandic"). */
const ADJECTIVE_ENDING = /(IAN|EAN|ESE|ISH|[^A]I|IC)$/;
/** A form is a spelling of a country's name when it begins with the same letters. */
const SAME_START = 4;

/** What the Countries file's place records would add to the project's gazetteer. */
function countryForms(places: ActorRecord[], p: ProjectData, codes: CodeView): CountryFormsReport {
  const knownFor = new Map<string, Set<string>>();
  const startsOf = new Map<string, Set<string>>();
  for (const n of p.names) {
    if (!['country', 'demonym', 'capital', 'metonym', 'place'].includes(n.kind)) continue;
    const k = nameKey(n.form);
    (knownFor.get(k) ?? knownFor.set(k, new Set()).get(k)!).add(n.target);
    if (n.kind === 'country' || n.kind === 'demonym') (startsOf.get(n.target) ?? startsOf.set(n.target, new Set()).get(n.target)!).add(k.slice(0, SAME_START));
  }
  let forms = 0;
  let known = 0;
  const adjectives = new Set<string>();
  const spellings = new Set<string>();
  const otherNames = new Set<string>();
  const none = new Set<string>();
  for (const r of places) {
    const country = r.codes.map((c) => codes.country(c.code)).find(Boolean);
    if (!country) continue;
    for (const ph of r.phrases) {
      const f = renderPhrase(ph.words, none);
      const k = nameKey(f);
      if (!k) continue;
      forms++;
      if (knownFor.get(k)?.has(country)) {
        known++;
        continue;
      }
      const like = startsOf.get(country)?.has(k.slice(0, SAME_START)) ?? false;
      const into = like && ph.words.length === 1 && ADJECTIVE_ENDING.test(k) ? adjectives : like ? spellings : otherNames;
      into.add(`${f} (${country})`);
    }
  }
  return { forms, known, adjectives: [...adjectives].sort(), spellings: [...spellings].sort(), otherNames: [...otherNames].sort() };
}

// ------------------------------------------------------------------------------------ all

function header(about: string, files: SourceName[]): Header {
  return {
    about,
    source: `${PETRARCH_REPOSITORY} commit ${PETRARCH_COMMIT}: ${files.map((f) => SOURCE_FILES[f]).join(', ')}`,
    licence: LICENCE,
    converter: CONVERTER,
  };
}

/** The latest date in any code: the dictionaries' knowledge ends there. */
function horizonOf(records: ActorRecord[]): string {
  let max = '';
  for (const r of records) for (const c of r.codes) for (const d of [c.from, c.to]) if (d && d > max) max = d;
  return max;
}

export function convert(sources: Sources, p: ProjectData): Conversion {
  const issues: Issue[] = [];
  const skipped: Skip[] = [];
  const codes = codeView(p);
  const parsed = Object.fromEntries(ACTOR_SOURCES.map((s) => {
    const d = parseActorDictionary(sources[s], SOURCE_FILES[s]);
    issues.push(...d.issues);
    return [s, d];
  })) as Record<ActorSource, ReturnType<typeof parseActorDictionary>>;
  const agentDict = parseAgentDictionary(sources.agents, SOURCE_FILES.agents);
  issues.push(...agentDict.issues);

  const v = vocabulary(p, parsed.countries.records, ACTOR_SOURCES.flatMap((s) => parsed[s].records));
  const classified = ACTOR_SOURCES.flatMap((source) => parsed[source].records.map((record) => ({ record, source, cls: classify(record, source, v, codes) })));
  for (const { record, cls } of classified) {
    if (cls === 'state-body') skipped.push({ reason: 'state-body', source: sourceOf(record), text: record.phrases.map((ph) => ph.words.join('_')).join(' | '), detail: primaryCode(record.codes).code });
  }
  const places = classified.filter((c) => c.cls === 'place').map((c) => c.record);
  for (const r of places) skipped.push({ reason: 'place', source: sourceOf(r), text: r.phrases[0].words.join('_'), detail: `${r.phrases.length} names` });

  const placeKeys = new Set(p.names.filter((n) => n.kind !== 'organization').map((n) => nameKey(n.form)));
  const acronyms = globalAcronyms(classified.filter((c) => c.cls === 'organization' || c.cls === 'member').map((c) => c.record), placeKeys);
  const orgs = buildOrganizations(classified, p, v, codes, acronyms, skipped);
  const people = buildPeople(classified, p, v, codes, skipped);
  const agents = buildAgents(agentDict.agents, agentDict.markers, p, issues, skipped);
  const horizon = horizonOf(ACTOR_SOURCES.flatMap((s) => parsed[s].records));

  const organizations = organizationsFileSchema.parse({
    header: { ...header('International organisations, NGOs, companies, news media and armed non-state groups from PETRARCH2\'s actor dictionaries. `forms` name the organisation (words in capitals are acronyms and match only in capitals); `memberForms` name someone acting for it (officials, members, people the dictionary lists under it). `codes` are CAMEO actor codes, dated where the dictionary dates them. Where `projectId` is set, ../organizations.json has the same organisation and wins. `horizon` is the last day the dictionaries know about (as in people.json), here so that a reader can tell whether people.json can speak for a date without reading it.', ['international', 'milNonState', 'countries']), horizon },
    organizations: orgs.organizations,
  });
  const agentsFile = agentsFileSchema.parse({
    header: header('Agent nouns from PETRARCH2\'s agent dictionary: the sector a noun gives an actor ("minister" → GOV, "rebels" → REB), the class the analysis uses, and whether it acts for a state.', ['agents']),
    agents,
  });
  const peopleFile = peopleFileSchema.parse({
    header: {
      ...header('People from PETRARCH2\'s actor dictionaries with the roles the dictionaries give them: a dated role applies between its dates (inclusive); an undated role is the dictionary\'s default when no dated role applies. The dictionaries stop at `horizon`: a role with an open end or no dates is not used after it, so current office-holders come from the project\'s own data.', ['countries', 'international', 'milNonState']),
      horizon,
    },
    people,
  });
  const files = Object.fromEntries([
    ...ACTOR_SOURCES.map((s) => [s, { lines: parsed[s].lines, records: parsed[s].records.length }]),
    ['agents', { lines: agentDict.lines, records: agentDict.agents.length }],
  ]) as Report['files'];
  return {
    organizations,
    agents: agentsFile,
    people: peopleFile,
    report: { files, issues, skipped, overlaps: orgs.overlaps, countries: countryForms(places, p, codes), sharedForms: orgs.sharedForms },
  };
}

/**
 * Pretty but compact JSON: the header indented, then one array element per line, so a diff
 * shows which entries changed and the files stay small.
 */
export function serialize(file: OrganizationsFile | AgentsFile | PeopleFile): string {
  const [listKey, list] = Object.entries(file).find(([k]) => k !== 'header') as [string, unknown[]];
  const head = JSON.stringify(file.header, null, 1).replace(/\n/g, '\n ');
  const rows = list.map((x) => `  ${JSON.stringify(x)}`).join(',\n');
  return `{\n "header": ${head},\n "${listKey}": [\n${rows}\n ]\n}\n`;
}
