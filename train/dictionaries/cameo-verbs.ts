// npm run data:cameo: PETRARCH2's CAMEO verb dictionary (../shared/resources/petrarch2/CAMEO.2.0.txt,
// MIT, Copyright 2015 Open Event Data Alliance) into shared/analysis/data/cameo/verbs.json: each verb
// of a synonym block that carries a CAMEO code, with the code, its Goldstein score
// (../shared/resources/cameo-goldstein.tsv), its PLOVER event type
// (../shared/resources/plover/CAMEO2PLOVER-2021.txt, CC BY-SA 4.0) and the project's stance
// category for it (CATEGORY_OF_CODE below): the head verb of each block with a three-digit code (not a
// two-digit root; a block's other verbs are loose WordNet synonyms). The stance
// lexicon's own verbs win over these
// (shared/analysis/stances/lexicon.ts); blocks whose codes map to no category (public statements,
// appeals, investigating) are left out, as are multi-word verbs and the phrase patterns. One-word
// object patterns ("- * AID", "- * &ASYLUM" with the noun synonym set spelt out) are kept by verb and object.
//
//   npm run data:cameo [-- --resources DIR]

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { byCodePrefix } from '../../shared/analysis/lexicon/code-prefix.js';

const OUT = 'shared/analysis/data/cameo';

/** CAMEO code prefixes and the stance category they are (longest prefix wins). */
export const CATEGORY_OF_CODE: Readonly<Record<string, string>> = {
  '03': 'cooperate', '04': 'meet', '05': 'cooperate', '051': 'praise', '052': 'defend', '053': 'support',
  '054': 'recognize', '057': 'agree', '06': 'cooperate', '07': 'aid',
  // yielding (ease restrictions, release, allow, withdraw): a conciliatory act towards the target,
  // PLOVER's CONCEDE and RETREAT; no category of ours is closer
  '08': 'cooperate', '10': 'demand', '11': 'criticize',
  '112': 'accuse', '12': 'reject', '13': 'threaten', '14': 'protest', '15': 'threaten', '16': 'sanction',
  '17': 'pressure', '18': 'attack', '19': 'attack', '20': 'attack',
};

/**
 * CAMEO roots whose general "..0" code still names an act done to a target: material cooperation
 * (060 grant), aid (070 evacuate), yielding (080 release), threats (130 warn), reduced relations (160), coercion (170),
 * protest (140 protest), assault and fighting (180, 190).
 */
const GENERAL_ACTS = ['06', '07', '08', '13', '14', '16', '17', '18', '19'];
/** Head verbs of general blocks that need no target, or take "with" or "on" as a partner: "soldiers died", "engaged with", "abstained on". */
const LOOSE_HEADS = ['DIE', 'ENGAGE', 'LINK', 'MERGE', 'ENACT', 'BOOST', 'ABSTAIN'];

const CATEGORIES = new Map(Object.entries(CATEGORY_OF_CODE));

export function categoryOf(code: string): string | undefined {
  return byCodePrefix(CATEGORIES, code);
}

export interface CameoVerb { code: string; cat: string; score: number; plover: string; block: string }

export interface VerbBlock {
  name: string;
  code: string;
  verbs: string[];
  /** "- * AID [070]": the verb with this one word as its object means this code. */
  objectPatterns: { object: string; code: string }[];
  /** "RELEASE [084]": verbs of the block that carry a code of their own, more specific than the block's. */
  verbCodes: Record<string, string>;
}

/** "&ASYLUM +ASYLUM +REFUGE +SHELTER": the dictionary's noun synonym sets, by name, one-word members only. */
export function parseSynsets(text: string): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  let cur: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.includes('VERB PATTERNS')) break;
    const body = line.split('#')[0].trim();
    if (body.startsWith('&')) sets.set(body.slice(1), (cur = []));
    else if (body.startsWith('+') && cur && /^[A-Z]+$/.test(body.slice(1))) cur.push(body.slice(1));
    else if (!body) cur = undefined;
  }
  return sets;
}

export function parseVerbBlocks(text: string): VerbBlock[] {
  const synsets = parseSynsets(text);
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes('VERB PATTERNS'));
  const blocks: VerbBlock[] = [];
  let cur: VerbBlock | undefined;
  for (const line of lines.slice(start + 1)) {
    const head = /^---\s+(\S.*?)\s+\[([^\]]*)\]\s+---/.exec(line);
    if (head) {
      cur = { name: head[1], code: head[2].trim(), verbs: [], objectPatterns: [], verbCodes: {} };
      blocks.push(cur);
      continue;
    }
    const body = line.split('#')[0].trimEnd();
    if (!cur || !body.trim()) continue;
    if (body.startsWith('-')) {
      // "- * AID [070]", and "- * &ASYLUM [075]" for each word of the synonym set
      const p = /^-\s+\*\s+(&?)([A-Z]+)\s+\[(\d{2,4})\]$/.exec(body.trim());
      if (p) for (const object of p[1] ? synsets.get(p[2]) ?? [] : [p[2]]) cur.objectPatterns.push({ object, code: p[3] });
      continue;
    }
    if (/^[A-Z]/.test(body)) {
      const verb = body.split(/[{[]/)[0].trim();
      cur.verbs.push(verb);
      const own = /\[(\d{2,4})\]\s*$/.exec(body);
      if (own) cur.verbCodes[verb] = own[1];
    }
  }
  return blocks;
}


/**
 * "send aid", "impose sanctions", "extend support": every single-word verb of a block with each
 * one-word object its patterns name, keyed "verb object" (lower case, the object as written and
 * without a plural s). The object narrows a loose synonym to the event, so all the block's verbs
 * take part.
 */
export function convertObjectPatterns(verbText: string, goldsteinTsv: string, ploverText: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of convertObjectPatternBlocks(verbText, goldsteinTsv, ploverText)) {
    for (const v of b.verbs) for (const [o, code] of Object.entries(b.objects)) out[`${v} ${o}`] ??= code;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** One synonym block's object patterns: its one-word verbs, and each object (as written, and singular) to its code. */
export interface ObjectPatternBlock { verbs: string[]; objects: Record<string, string> }

/**
 * The object patterns as the dictionary holds them, a block at a time (what data/cameo/verbs.json
 * ships: the verbs times the objects would be ten times the size, and every cold start reads it).
 * A verb and object pair means the code of the first block, in the dictionary's order, that has both.
 */
export function convertObjectPatternBlocks(verbText: string, goldsteinTsv: string, ploverText: string): ObjectPatternBlock[] {
  const goldstein = goldsteinTable(goldsteinTsv);
  const plover = ploverTable(ploverText);
  const out: ObjectPatternBlock[] = [];
  for (const b of parseVerbBlocks(verbText)) {
    const objects: Record<string, string> = {};
    for (const p of b.objectPatterns) {
      if (!categoryOf(p.code) || byCodePrefix(goldstein, p.code) === undefined || !byCodePrefix(plover, p.code)) continue;
      const written = p.object.toLowerCase();
      const singular = /ies$/.test(written) ? written.replace(/ies$/, 'y') : written.replace(/(?<!s)s$/, '');
      for (const o of new Set([written, singular])) objects[o] ??= p.code;
    }
    const verbs = [...new Set(b.verbs.filter((v) => /^[A-Z]+$/.test(v)).map((v) => v.toLowerCase()))];
    if (verbs.length && Object.keys(objects).length) out.push({ verbs, objects });
  }
  return out;
}

/** CAMEO code -> PLOVER event type, from CAMEO2PLOVER's "0311: AGREE, ..." lines. */
export function ploverTable(ploverText: string): Map<string, string> {
  const plover = new Map<string, string>();
  for (const l of ploverText.split('\n')) {
    const m = /^(\d{2,4}):\s*([A-Z]+)/.exec(l);
    if (m) plover.set(m[1], m[2]);
  }
  return plover;
}

/** CAMEO code -> Goldstein score, from the GDELT lookup table. */
export function goldsteinTable(goldsteinTsv: string): Map<string, number> {
  return new Map(goldsteinTsv.trim().split('\n').slice(1).map((l) => l.split('\t')).map(([c, g]) => [c, Number(g)] as const));
}

export function convertVerbs(verbText: string, goldsteinTsv: string, ploverText: string): Record<string, CameoVerb> {
  const goldstein = goldsteinTable(goldsteinTsv);
  const plover = ploverTable(ploverText);
  const out: Record<string, CameoVerb> = {};
  for (const b of parseVerbBlocks(verbText)) {
    for (const v of b.verbs) {
      if (!/^[A-Z]+$/.test(v) || LOOSE_HEADS.includes(v)) continue; // multi-word verbs need the phrase patterns
      // a block gathers WordNet synonyms of its head verb ("BLAME": delay, hinder, postpone); only
      // the head verbs, those of the dictionary's own one-verb blocks, and verbs with a code of
      // their own ("RELEASE [084]" under SET_FREE) are sure to be the event
      const code = b.verbCodes[v] ?? (v === b.name || b.verbs.length === 1 ? b.code : undefined);
      // a root code ("10") gathers loose synonyms ("need", "push", "compete"): a specific code says
      // which event the verb is; a general one ("060 grant", "130 warn") only for acts done to
      // someone (GENERAL_ACTS), not intentions, visits or feelings ("030 prepare", "040 hear")
      if (!code || !/^\d{3,4}$/.test(code) || code.endsWith('0') && !GENERAL_ACTS.includes(code.slice(0, 2))) continue;
      const cat = categoryOf(code);
      const score = byCodePrefix(goldstein, code);
      const type = byCodePrefix(plover, code);
      if (!cat || score === undefined || !type) continue;
      const lemma = v.toLowerCase();
      out[lemma] ??= { code, cat, score, plover: type, block: b.name };
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { resources: { type: 'string', default: '../shared/resources' } } });
  const dir = values.resources!;
  const ploverText = readFileSync(join(dir, 'plover/CAMEO2PLOVER-2021.txt'), 'utf8');
  const verbs = convertVerbs(
    readFileSync(join(dir, 'petrarch2/CAMEO.2.0.txt'), 'latin1'),
    readFileSync(join(dir, 'cameo-goldstein.tsv'), 'utf8'),
    ploverText,
  );
  const objectPatterns = convertObjectPatternBlocks(
    readFileSync(join(dir, 'petrarch2/CAMEO.2.0.txt'), 'latin1'),
    readFileSync(join(dir, 'cameo-goldstein.tsv'), 'utf8'),
    ploverText,
  );
  const ploverOfCode = Object.fromEntries([...ploverTable(ploverText)].sort(([a], [b]) => a.localeCompare(b)));
  const goldsteinOfCode = Object.fromEntries([...goldsteinTable(readFileSync(join(dir, 'cameo-goldstein.tsv'), 'utf8'))].sort(([a], [b]) => a.localeCompare(b)));
  mkdirSync(OUT, { recursive: true });
  const file = {
    about: "Verbs of PETRARCH2's CAMEO verb dictionary whose synonym block carries a CAMEO code, with the code, its Goldstein score, its PLOVER event type and the project's stance category for it. The stance lexicon's own verbs (../stance-lexicon.json) win over these. `ploverOfCode` is CAMEO2PLOVER's table (a code's type is that of its longest listed prefix): it names the PLOVER type of every stance. `goldsteinOfCode` is the Goldstein table. `objectPatterns` hold the dictionary's one-word object patterns ('send aid', 'impose sanctions') a synonym block at a time: its verbs, and each object to its CAMEO code (category by `categoryOfCode`, score by `goldsteinOfCode`, type by `ploverOfCode`, each by the longest prefix); a verb and object pair means the code of the first block that has both; the parse reads them (stances/tree/). Written by train/dictionaries/cameo-verbs.ts (npm run data:cameo); do not edit by hand.",
    source: 'openeventdata/petrarch2 commit 676801c, CAMEO.2.0.txt (MIT, Copyright 2015 Open Event Data Alliance; LICENSE beside this file); Goldstein scores from the CAMEO lookup tables distributed with GDELT; PLOVER types from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, CC BY-SA 4.0, Open Event Data Alliance)',
    categoryOfCode: CATEGORY_OF_CODE,
    ploverOfCode,
    goldsteinOfCode,
    verbs,
    objectPatterns,
  };
  // one entry a line: readable diffs, a third of the indented size
  const body = JSON.stringify(file, null, 1).replace(/\n {3,}/g, ' ').replace(/\n {2}\}/g, ' }');
  writeFileSync(join(OUT, 'verbs.json'), body + '\n');
  copyFileSync(join(dir, 'petrarch2/LICENSE'), join(OUT, 'LICENSE'));
  console.log(`wrote ${OUT}/verbs.json: ${Object.keys(verbs).length} verbs, ${objectPatterns.length} blocks of object patterns (${objectPatterns.reduce((n, b) => n + b.verbs.length * Object.keys(b.objects).length, 0)} verb-object pairs)`);
}
