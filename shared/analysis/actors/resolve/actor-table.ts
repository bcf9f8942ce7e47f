// The actors of one text as resolution builds them, the resolved mentions in the order they are
// tied, and what later mentions look back at: how often each country was named so far (R7) and
// each organisation's latest mention (R6). Salience is summed as mentions are tied and scaled at
// the end (the formula is at the top of index.ts; its numbers are in actor-tuning.json).

import type { ActorTuning } from '../../lexicon/actors.js';
import type { Actor, ActorType, MentionKind, ResolvedMention } from '../../types.js';
import type { Gazetteer } from '../gazetteer.js';
import type { RawMention } from '../mentions/index.js';
import { mostCounted } from './state.js';

type ActorDraft = Actor & { firstSentence: number; raw: number; inTitle: boolean };

/** Salience is rounded to three decimals: enough to order actors, stable in stored analyses. */
const SALIENCE_SCALE = 1000;

export class ActorTable {
  private readonly actors = new Map<string, ActorDraft>();
  private readonly mentions: ResolvedMention[] = [];
  /** Countries by mentions so far (insertion order = first named), for "the country". */
  private readonly countryCounts = new Map<string, number>();
  /** Organisations by the start of their latest mention, for "the council". */
  readonly lastOrgMention = new Map<string, number>();

  constructor(
    private readonly g: Gazetteer,
    private readonly salience: ActorTuning['salience'],
    private readonly titleSentences: ReadonlySet<number>,
  ) {}

  /** The actor with this id, made with this name, type and country if it is new. */
  ensure(id: string, name: string, type: ActorType, country?: string): Actor {
    let a = this.actors.get(id);
    if (!a) {
      a = { id, name, type, aliases: [], mentions: [], salience: 0, firstSentence: Infinity, raw: 0, inTitle: false };
      if (country) a.country = country;
      this.actors.set(id, a);
    }
    return a;
  }

  has(id: string): boolean {
    return this.actors.has(id);
  }

  /** Ties a mention to an existing actor: a resolved mention, an alias, its salience. */
  emit(m: RawMention, id: string, kind: MentionKind): void {
    const a = this.actors.get(id);
    if (!a) return;
    const rm: ResolvedMention = { start: m.start, end: m.end, text: m.text, actorId: id, kind, sentence: m.sentence };
    if (m.modifier) rm.modifier = true;
    if (m.subject) rm.subject = true;
    if (m.locative) rm.locative = true;
    if (m.quote) rm.quote = true;
    this.mentions.push(rm);
    a.mentions.push({ start: m.start, end: m.end });
    if (a.type === 'country' && !m.modifier) this.countryCounts.set(id, (this.countryCounts.get(id) ?? 0) + 1);
    if ((a.type === 'organization' || a.type === 'group') && kind !== 'pronoun') this.lastOrgMention.set(id, m.start);
    if (kind !== 'pronoun' && m.text !== a.name && !a.aliases.includes(m.text)) a.aliases.push(m.text);
    a.firstSentence = Math.min(a.firstSentence, m.sentence);
    if (this.titleSentences.has(m.sentence)) a.inTitle = true;
    const s = this.salience;
    const w = kind === 'pronoun' ? s.pronounWeight : kind === 'role' ? s.roleWeight : 1;
    a.raw += w * (m.subject ? s.subjectBoost : 1) * (m.modifier ? s.modifierFactor : 1) * (m.locative ? s.locativeFactor : 1);
  }

  /** R7: the country named most often so far (ties: the first named). */
  mostNamedCountry(): string | undefined {
    return mostCounted(this.countryCounts);
  }

  /**
   * R6: "the council" is the organisation mentioned latest before it whose name ends in that word;
   * "the bloc", "the alliance", "the group" with no such name: the latest organisation of a kind
   * the noun describes (organizations.json anaphorKinds).
   */
  latestOrgWithHead(before: number, head: string, anaphorKinds: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
    let best: string | undefined;
    let bestStart = -1;
    for (const [id, start] of this.lastOrgMention) {
      if (start >= before || start <= bestStart) continue;
      const a = this.actors.get(id)!;
      const names = [a.name, ...a.aliases, ...(this.g.orgs.get(id) ? this.g.orgForms.get(id) ?? [] : [])];
      if (names.some((n) => n.toLowerCase().endsWith(head))) {
        best = id;
        bestStart = start;
      }
    }
    if (best) return best;
    const kinds = anaphorKinds.get(head);
    if (!kinds) return undefined;
    for (const [id, start] of this.lastOrgMention) {
      if (start >= before || start <= bestStart) continue;
      if (kinds.has(this.g.orgs.get(id)?.kind ?? '')) {
        best = id;
        bestStart = start;
      }
    }
    return best;
  }

  /** Mentions of a separate title only raise salience: the actors `inTitle` picks are marked. */
  markInTitle(inTitle: (a: Actor) => boolean): void {
    for (const a of this.actors.values()) if (inTitle(a)) a.inTitle = true;
  }

  /** Actors with salience scaled so the top non-place actor is 1, by salience then id; mentions in text order. */
  finish(sentenceCount: number): { actors: Actor[]; mentions: ResolvedMention[] } {
    const n = Math.max(1, sentenceCount);
    let max = 0;
    for (const a of this.actors.values()) {
      a.raw += this.salience.earlyBonus * (1 - Math.min(a.firstSentence, n) / n) + (a.inTitle ? this.salience.titleBonus : 0);
      if (a.type !== 'place') max = Math.max(max, a.raw);
    }
    const out: Actor[] = [];
    for (const a of this.actors.values()) {
      const { firstSentence: _f, raw: rawScore, inTitle: _t, ...actor } = a;
      actor.salience = max > 0 ? Math.min(1, Math.round((rawScore / max) * SALIENCE_SCALE) / SALIENCE_SCALE) : 0;
      out.push(actor);
    }
    out.sort((x, y) => y.salience - x.salience || x.id.localeCompare(y.id));
    this.mentions.sort((x, y) => x.start - y.start);
    return { actors: out, mentions: this.mentions };
  }
}
