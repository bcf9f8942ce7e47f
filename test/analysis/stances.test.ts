// Stance scoring, one describe per construction. Inputs are hand-built ActorAnalysis objects (the
// actor stage is tested on its own), so each test pins what the stance scorer does with a given
// set of resolved mentions.

import { describe, expect, it } from 'vitest';
import { scoreStances } from '../../shared/analysis/stances/index.js';
import type { Actor, ActorAnalysis, MentionKind, ResolvedMention, Sentence, Stance } from '../../shared/analysis/types.js';

interface ActorSpec {
  id: string;
  type?: Actor['type'];
  country?: string;
  /** Surface forms found in the text (whole words, case-sensitive). */
  forms: string[];
}

/** An ActorAnalysis for `text`: one sentence per line or per sentence-final punctuation, mentions
 * wherever a form occurs. `pronouns` ties "he"/"she"/... occurrences to actors, as the actor stage does. */
function build(text: string, specs: ActorSpec[], pronouns: { form: string; nth?: number; actorId: string }[] = []): ActorAnalysis {
  const sentences: Sentence[] = [];
  const re = /[^.!?\n]+(?:[.!?]+["”’]?|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (!t) continue;
    sentences.push({ index: sentences.length, start: m.index + lead, end: m.index + lead + t.length, text: t });
  }
  const mentions: ResolvedMention[] = [];
  const taken = new Set<number>();
  const forms = specs.flatMap((s) => s.forms.map((f) => ({ f, id: s.id, kind: 'name' as MentionKind }))).sort((a, b) => b.f.length - a.f.length);
  const add = (start: number, end: number, actorId: string, kind: MentionKind): void => {
    for (let k = start; k < end; k++) if (taken.has(k)) return;
    for (let k = start; k < end; k++) taken.add(k);
    const sentence = sentences.find((s) => s.start <= start && start < s.end)!;
    mentions.push({ start, end, text: text.slice(start, end), actorId, kind, sentence: sentence.index });
  };
  for (const { f, id, kind } of forms) {
    for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) {
      if (/\w/.test(text[i - 1] ?? ' ') || /\w/.test(text[i + f.length] ?? ' ')) continue;
      add(i, i + f.length, id, kind);
    }
  }
  for (const p of pronouns) {
    let i = -1;
    for (let n = 0; n <= (p.nth ?? 0); n++) {
      do i = text.indexOf(p.form, i + 1); while (i >= 0 && (/\w/.test(text[i - 1] ?? ' ') || /\w/.test(text[i + p.form.length] ?? ' ')));
    }
    add(i, i + p.form.length, p.actorId, 'pronoun');
  }
  mentions.sort((a, b) => a.start - b.start);
  const actors: Actor[] = specs.map((s) => ({
    id: s.id, name: s.forms[0], type: s.type ?? 'country', country: s.country, aliases: s.forms.slice(1),
    mentions: mentions.filter((m) => m.actorId === s.id).map((m) => ({ start: m.start, end: m.end })), salience: 0.5,
  }));
  return { sentences, actors, mentions };
}

const C = {
  RUS: { id: 'RUS', forms: ['Russia', 'Moscow', 'Russian'] },
  USA: { id: 'USA', forms: ['US', 'United States', 'Washington', 'White House', 'American'] },
  VEN: { id: 'VEN', forms: ['Venezuela', 'Caracas', 'Venezuelan', 'Venezuelans'] },
  GBR: { id: 'GBR', forms: ['UK', 'Britain', 'London', 'British'] },
  CHN: { id: 'CHN', forms: ['China', 'Beijing', 'Chinese'] },
  IRN: { id: 'IRN', forms: ['Iran', 'Tehran', 'Iranian'] },
  TUR: { id: 'TUR', forms: ['Turkey'] },
  CAN: { id: 'CAN', forms: ['Canada'] },
  CUB: { id: 'CUB', forms: ['Cuba'] },
  EU: { id: 'eu', type: 'organization' as const, forms: ['EU', 'European Union', 'Brussels'] },
};
const person = (id: string, forms: string[], country?: string): ActorSpec => ({ id, type: 'person', country, forms });
const maduro = person('maduro', ['Nicolas Maduro', 'Maduro'], 'VEN');
const zakharova = person('zakharova', ['Maria Zakharova', 'Zakharova'], 'RUS');
const abrams = person('abrams', ['Elliott Abrams', 'Abrams'], 'USA');
const guaido = person('guaido', ['Juan Guaido', 'Guaido']);

/** The stances as "source>target polarity category" strings, sorted, for exact comparison. */
const edges = (st: Stance[]): string[] => st.map((s) => `${s.source}>${s.target} ${s.polarity > 0 ? '+' : '-'} ${s.category}`).sort();
const pairs = (st: Stance[]): string[] => st.map((s) => `${s.source}>${s.target} ${s.polarity > 0 ? '+' : '-'}`).sort();
const run = (text: string, specs: ActorSpec[], pronouns?: { form: string; nth?: number; actorId: string }[]): Stance[] => scoreStances(build(text, specs, pronouns));

describe('active voice', () => {
  it('reads the verbs of PETRARCH2\'s CAMEO dictionary the lexicon does not list, with their category and Goldstein score', () => {
    const st = run('Turkey denounced Canada on Monday.', [C.TUR, C.CAN]);
    expect(edges(st)).toEqual(['TUR>CAN - criticize']);
    expect(st[0].score).toBe(-2);
    expect(edges(run('Cuba thanked Canada for the aid.', [C.CUB, C.CAN]))).toEqual(['CUB>CAN + praise']);
  });

  it('reads a warning to any actor and a threat "against" its target (issue 9 examples)', () => {
    expect(edges(run('Iran warned the United States on Monday.', [C.IRN, C.USA]))).toEqual(['IRN>USA - threaten']);
    expect(edges(run('President Bush has threatened further action against Russia.', [person('bush', ['President Bush', 'Bush'], 'USA'), C.RUS]))).toEqual(['bush>RUS - threaten']);
    expect(run('Officials warned that prices would rise.', [C.USA])).toEqual([]);
  });

  it('takes the subject as source and the object as target', () => {
    const st = run('The US threatened Russia with new sanctions last month.', [C.USA, C.RUS]);
    expect(edges(st)).toEqual(['USA>RUS - threaten']);
    expect(st[0].score).toBe(-5.8); // threatening sanctions, not force
    expect(st[0].claim).toBeNull();
    expect(st[0].sentence).toBe(0);
    expect(st[0].text).toBe('The US threatened Russia with new sanctions last month.');
  });

  it('marks the trigger words as evidence', () => {
    const text = 'China backed Iran.';
    const st = run(text, [C.CHN, C.IRN]);
    expect(text.slice(st[0].trigger!.start, st[0].trigger!.end)).toBe('backed');
  });

  it('carries the controller into infinitives and adjectives ("aimed to improve", "happy to meet")', () => {
    expect(edges(run('Russia aimed to improve the humanitarian situation in Venezuela.', [C.RUS, C.VEN]))).toEqual(['RUS>VEN + aid']);
    expect(pairs(run('Maduro said he would be happy to meet Guaido.', [maduro, guaido], [{ form: 'he', actorId: 'maduro' }]))).toEqual(['maduro>guaido +']);
  });
});

describe('passive voice', () => {
  it('"was signed ... between A and B" relates A and B both ways', () => {
    const shoigu = person('shoigu', ['Sergei Shoigu'], 'RUS');
    const padrino = person('padrino', ['Vladimir Padrino Lopez'], 'VEN');
    const st = run('The military agreement was signed in Moscow on Thursday between Russian Defense Minister Sergei Shoigu and his visiting Venezuelan counterpart Vladimir Padrino Lopez.', [C.RUS, C.VEN, shoigu, padrino]);
    expect(edges(st)).toEqual(['padrino>shoigu + agree', 'shoigu>padrino + agree']);
    expect(st[0].score).toBe(8);
  });

  it('"held by the US" makes the by-agent the source of every coordinated subject, across appositions', () => {
    const four = [person('begg', ['Moazzam Begg']), person('mubanga', ['Martin Mubanga']), person('belmar', ['Richard Belmar']), person('abbasi', ['Feroz Abbasi'])];
    const st = run('Moazzam Begg, from Birmingham, and Martin Mubanga, Richard Belmar and Feroz Abbasi, from London, have been held by the US for almost three years.', [...four, C.USA]);
    expect(pairs(st)).toEqual(['USA>abbasi -', 'USA>begg -', 'USA>belmar -', 'USA>mubanga -']);
  });

  it('"was joined by" is cooperation', () => {
    const st = run('Mr Brown was joined by Alan Milburn at the launch.', [person('brown', ['Mr Brown']), person('milburn', ['Alan Milburn'])]);
    expect(edges(st)).toEqual(['milburn>brown + cooperate']);
  });
});

describe('nominalisation: "US sanctions"', () => {
  it('takes the modifier as source and, with no prepositional target, the next actor', () => {
    const st = run("His remarks followed repeated rounds of US sanctions, deteriorating Venezuela's economic problems.", [C.USA, C.VEN]);
    expect(edges(st)).toEqual(['USA>VEN - sanction']);
    expect(st[0].score).toBe(-8);
  });
});

describe("nominalisation: \"Washington's blockade against X\"", () => {
  it('takes the possessor as source and the against-phrase as target', () => {
    expect(edges(run("Washington's blockade against Cuba has lasted six decades.", [C.USA, C.CUB]))).toEqual(['USA>CUB - blockade']);
  });

  it('resolves "the South American nation" to the nearest other country', () => {
    const st = run("Maduro said Venezuela was ready to resist Washington's blockade against the South American nation.", [maduro, C.VEN, C.USA]);
    expect(pairs(st)).toContain('USA>VEN -');
    expect(pairs(st)).toContain('VEN>USA -');
  });
});

describe('nominalisation: "efforts to undermine the government in Caracas"', () => {
  it('makes the modifier of the control noun the agent and the place of the government the target', () => {
    const st = run('Russia and Venezuela signed an agreement amid persistent US efforts to undermine the government in Caracas.', [C.RUS, C.VEN, C.USA]);
    expect(edges(st)).toEqual(['RUS>VEN + agree', 'USA>VEN - undermine', 'VEN>RUS + agree']);
  });
});

describe('nominalisation: "sanctions against Moscow"', () => {
  it('takes the source from the subject of a light verb', () => {
    expect(edges(run('The EU imposed sanctions against Moscow on Friday.', [C.EU, C.RUS]))).toEqual(['eu>RUS - sanction']);
  });

  it('takes the source of "the new sanctions" from the sentence that introduced them', () => {
    const text = 'The US threatened Russia with new sanctions last month. Elliott Abrams said the new sanctions against Moscow would be announced on July 25.';
    const st = run(text, [C.USA, C.RUS, abrams]);
    const second = st.filter((s) => s.sentence === 1);
    expect(edges(second)).toEqual(['USA>RUS - sanction']);
    expect(second[0].claim).toBe('abrams');
  });
});

describe('idioms', () => {
  it('"threw their weight behind" is support of what follows "behind"', () => {
    expect(edges(run('China threw its weight behind Maduro.', [C.CHN, maduro]))).toEqual(['CHN>maduro + support']);
  });

  it('"met a cool reception from" reverses the roles', () => {
    const blair = person('blair', ['Mr Blair'], 'GBR');
    const chirac = person('chirac', ['Jacques Chirac'], 'FRA');
    const st = run('Mr Blair spoke first. His words about President Bush met a cool reception from Jacques Chirac.', [blair, chirac, person('bush', ['President Bush'], 'USA')], [{ form: 'His', actorId: 'blair' }]);
    expect(edges(st)).toEqual(['chirac>blair - criticize']);
  });
});

describe('coordination on the source side', () => {
  it('expands "Russia, China and Iran" and the ellipsis "as has Turkey"', () => {
    const st = run('Russia, China and Iran have thrown their weight behind Maduro, as has Turkey.', [C.RUS, C.CHN, C.IRN, C.TUR, maduro]);
    expect(pairs(st)).toEqual(['CHN>maduro +', 'IRN>maduro +', 'RUS>maduro +', 'TUR>maduro +']);
  });
});

describe('coordination on the target side', () => {
  it('expands "Russia and Iran" after the verb', () => {
    expect(edges(run('The US sanctioned Russia and Iran.', [C.USA, C.RUS, C.IRN]))).toEqual(['USA>IRN - sanction', 'USA>RUS - sanction']);
  });
});

describe('coordination on both sides', () => {
  it('"Spain, Britain ... joined the US and Canada in recognizing Guaido" is nine stances', () => {
    const countries = ['Spain', 'France', 'Sweden', 'Germany', 'Japan', 'Denmark'].map((n) => ({ id: n.slice(0, 3).toUpperCase(), forms: [n] }));
    const text = 'Spain, Britain, France, Sweden, Germany, Japan and Denmark joined the US and Canada in recognizing Guaido as Venezuela’s interim leader.';
    const st = run(text, [...countries, C.GBR, C.USA, C.CAN, C.VEN, guaido]);
    expect(st).toHaveLength(9);
    expect(new Set(st.map((s) => s.target))).toEqual(new Set(['guaido']));
    expect(st.map((s) => s.source).sort()).toEqual(['CAN', 'DEN', 'FRA', 'GBR', 'GER', 'JAP', 'SPA', 'SWE', 'USA']);
    expect(st.every((s) => s.polarity === 1 && s.category === 'recognize' && s.score === 6)).toBe(true);
  });
});

describe('reported speech and attribution', () => {
  it('"X said Y ignored Z\'s calls": Y->Z as X\'s claim, and X criticising Y', () => {
    const st = run("Maria Zakharova said Washington ignored Moscow's calls to lift sanctions.", [zakharova, C.USA, C.RUS]);
    expect(edges(st)).toEqual(['USA>RUS - reject', 'zakharova>USA - criticize']);
    expect(st.every((s) => s.claim === 'zakharova')).toBe(true);
  });

  it('a parenthetical "she said" attributes the whole sentence', () => {
    const text = 'Maria Zakharova spoke on Thursday. Russia, she said, aimed to improve the humanitarian situation in Venezuela.';
    const st = run(text, [zakharova, C.RUS, C.VEN], [{ form: 'she', actorId: 'zakharova' }]);
    expect(edges(st)).toEqual(['RUS>VEN + aid']);
    expect(st[0].claim).toBe('zakharova');
  });

  it('"X said Y needed to" is X demanding of Y', () => {
    const blair = person('blair', ['Tony Blair'], 'GBR');
    const st = run('America needed to listen to the world too, Tony Blair said.', [blair, C.USA, { id: 'USA', forms: ['America'] }]);
    expect(edges(st)).toEqual(['blair>USA - demand']);
    expect(st[0].claim).toBe('blair');
  });

  it('a speaker reporting a negated promise criticises whoever made it', () => {
    const manuel = person('manuel', ['Trevor Manuel'], 'ZAF');
    expect(pairs(run('Trevor Manuel said much of the money pledged by the US had not yet been dispensed.', [manuel, C.USA]))).toEqual(['manuel>USA -']);
  });
});

describe('"X accused Y of ..."', () => {
  it('is an accusation that is X\'s claim, and what Y is accused of has Y as agent', () => {
    const st = run('Zakharova accused the UK of preparing saboteurs for the "further destabilization of the situation" in Venezuela.', [zakharova, C.GBR, C.VEN]);
    expect(edges(st)).toEqual(['GBR>VEN - undermine', 'zakharova>GBR - accuse']);
    expect(st.every((s) => s.claim === 'zakharova')).toBe(true);
    expect(st.find((s) => s.category === 'accuse')!.score).toBe(-2);
  });
});

describe('"X demanded that Y ..."', () => {
  it('is a demand of Y, and the demanded act is not asserted', () => {
    const st = run('Washington has repeatedly demanded that Moscow withdraw its troops and attack nobody.', [C.USA, C.RUS]);
    expect(edges(st)).toEqual(['USA>RUS - demand']);
    expect(st[0].score).toBe(-5);
  });
});

describe('anaphora: "the request"', () => {
  it('resolves to whoever made the request in the previous sentence', () => {
    const text = 'Washington has repeatedly demanded that Moscow withdraw its support for Maduro. Russia has rejected the request.';
    const st = run(text, [C.USA, C.RUS, maduro]).filter((s) => s.sentence === 1);
    expect(edges(st)).toEqual(['RUS>USA - reject']);
    expect(st[0].score).toBe(-4);
  });
});

describe('negation', () => {
  it('cancels a hostile act ("did not threaten")', () => {
    expect(run('The US did not threaten Russia.', [C.USA, C.RUS])).toEqual([]);
  });

  it('cancels what is denied ("denied it had attacked")', () => {
    expect(run('Russia denied that Moscow had attacked Venezuela.', [C.RUS, C.VEN])).toEqual([]);
  });

  it('flips withheld support and recognition into a rejection', () => {
    const brown = person('brown', ['Mr Brown'], 'GBR');
    const st = run("The US cannot support Mr Brown's plan.", [C.USA, brown]);
    expect(edges(st)).toEqual(['USA>brown - reject']);
    expect(st[0].score).toBe(-4);
    expect(edges(run('Serbia has not recognised Kosovo.', [{ id: 'SRB', forms: ['Serbia'] }, { id: 'XKX', forms: ['Kosovo'] }]))).toEqual(['SRB>XKX - reject']);
  });
});

describe('hedging', () => {
  it('keeps the polarity but weakens score and confidence', () => {
    const plain = run('The EU imposed sanctions on Russia.', [C.EU, C.RUS])[0];
    const hedged = run('The EU may impose sanctions on Russia.', [C.EU, C.RUS])[0];
    expect(hedged.polarity).toBe(-1);
    expect(hedged.category).toBe('sanction');
    expect(Math.abs(hedged.score)).toBeLessThan(Math.abs(plain.score));
    expect(hedged.confidence).toBeLessThan(plain.confidence);
    const considering = run('The EU is considering sanctions against Russia.', [C.EU, C.RUS])[0];
    expect(Math.abs(considering.score)).toBeLessThan(Math.abs(plain.score));
  });

  it('"probably" weakens a cooperative stance', () => {
    const blair = person('blair', ['Mr Blair'], 'GBR');
    const bush = person('bush', ['President Bush'], 'USA');
    const sure = run('Mr Blair has been closer to President Bush than anyone.', [blair, bush])[0];
    const probable = run('Mr Blair has probably been closer to President Bush than anyone.', [blair, bush])[0];
    expect(edges([probable])).toEqual(['blair>bush + cooperate']);
    expect(probable.score).toBeLessThan(sure.score);
  });
});

describe('quotes whose speaker is named in a neighbouring sentence', () => {
  it('attributes "…,” he said" and a following quote-only sentence to the speaker named before', () => {
    const text = 'The White House’s point man, Elliott Abrams, spoke on Monday.\n"The US will never recognize Maduro,” he said at the time.\n"Russia must stop arming Maduro.”';
    const st = run(text, [abrams, C.USA, C.RUS, maduro], [{ form: 'he', actorId: 'abrams' }]);
    const s1 = st.filter((s) => s.sentence === 1);
    expect(edges(s1)).toEqual(['USA>maduro - reject']); // "never recognize": withheld recognition
    expect(s1[0].claim).toBe('abrams');
    const s2 = st.filter((s) => s.sentence === 2);
    expect(edges(s2)).toEqual(['abrams>RUS - demand']);
    expect(s2[0].claim).toBe('abrams');
  });

  it('resolves an unresolved "he" in the attribution to the last speaker', () => {
    const text = 'Tony Blair said Europe was in denial.\nAmerica needed to listen to the world too, he said.';
    const st = run(text, [person('blair', ['Tony Blair'], 'GBR'), C.EU, { id: 'USA', forms: ['America'] }]).filter((s) => s.sentence === 1);
    expect(edges(st)).toEqual(['blair>USA - demand']);
  });
});

describe('sentences with no stance', () => {
  it.each([
    'Venezuela has been rocked by political unrest since Jan. 10 when President Maduro was sworn in for a second term.',
    'The meeting will also assess progress on the economic reform plans agreed in Lisbon in 2000 to make Europe more competitive.',
    'They were detained in the Cuban camp as part of the US-led "war on terror".',
    'The agreement was signed in Moscow on Thursday.',
    'Russia said on Thursday it would hold elections in the spring.',
    'Talks are continuing on how to finance increased overseas development assistance.',
  ])('%s', (text) => {
    expect(run(text, [C.VEN, maduro, C.RUS, C.USA, C.CUB, C.EU, { id: 'europe', type: 'place', forms: ['Europe'] }, { id: 'lisbon', type: 'place', forms: ['Lisbon'] }])).toEqual([]);
  });

  it('produces no self-stance between a person and their own country', () => {
    expect(run('Maduro praised Venezuela.', [maduro, C.VEN])).toEqual([]);
  });
});

describe('one stance per (sentence, source, target)', () => {
  it('keeps the more confident of two readings', () => {
    const st = run('The US threatened Russia with sanctions and criticised Russia.', [C.USA, C.RUS]);
    expect(st).toHaveLength(1);
  });
});

describe('definite descriptions of acts ("the pact", "the measures", "the move")', () => {
  const PHL = { id: 'PHL', forms: ['Philippines', 'Manila'] };
  const VNM = { id: 'VNM', forms: ['Vietnam', 'Hanoi'] };

  it('"criticised the pact" is criticism of both signatories', () => {
    const st = run('The Philippines and Vietnam signed a defence pact on Tuesday. China criticised the pact within hours.', [PHL, VNM, C.CHN]);
    expect(edges(st.filter((s) => s.sentence === 1))).toEqual(['CHN>PHL - criticize', 'CHN>VNM - criticize']);
  });

  it('"condemned the measures" reaches every country that took them', () => {
    const text = 'The United States, Britain and the European Union imposed coordinated sanctions on Iran on Wednesday. Washington also sanctioned nine tankers. Iran condemned the measures. Russia and China criticised the move.';
    const st = run(text, [C.USA, C.GBR, C.EU, C.IRN, C.RUS, C.CHN]);
    expect(pairs(st.filter((s) => s.sentence === 2))).toEqual(['IRN>GBR -', 'IRN>USA -', 'IRN>eu -']);
    expect(pairs(st.filter((s) => s.sentence === 3))).toEqual(['CHN>GBR -', 'CHN>USA -', 'CHN>eu -', 'RUS>GBR -', 'RUS>USA -', 'RUS>eu -']);
  });

  it('"praised the two governments" is praise of the parties of the last mutual act', () => {
    const st = run('The Philippines and Vietnam signed a defence pact. The US praised the two governments.', [PHL, VNM, C.USA]);
    expect(pairs(st.filter((s) => s.sentence === 1))).toEqual(['USA>PHL +', 'USA>VNM +']);
  });

  it('"rejected the result" is rejection of whoever won', () => {
    const text = 'Stefan Dragomirov, a former judge who ran as an independent, won the runoff. Ognyan Marinov rejected the result.';
    const st = run(text, [person('dragomirov', ['Stefan Dragomirov']), person('marinov', ['Ognyan Marinov'])]).filter((s) => s.sentence === 1);
    expect(edges(st)).toEqual(['marinov>dragomirov - reject']);
  });
});

describe('mutual acts', () => {
  const THA = { id: 'THA', forms: ['Thailand'] };
  const KHM = { id: 'KHM', forms: ['Cambodia'] };
  it('"accused each other" and "traded blame" are two directed stances', () => {
    expect(edges(run('Thailand and Cambodia accused each other of starting a firefight.', [THA, KHM]))).toEqual(['KHM>THA - accuse', 'THA>KHM - accuse']);
    expect(pairs(run('Thailand and Cambodia traded blame over the clash.', [THA, KHM]))).toEqual(['KHM>THA -', 'THA>KHM -']);
  });

  it('a commitment with an infinitive is not reported speech', () => {
    const st = run('China and ASEAN had pledged to conclude negotiations on a code of conduct.', [C.CHN, { id: 'asean', type: 'organization', forms: ['ASEAN'] }]);
    expect(edges(st)).toEqual(['CHN>asean + agree', 'asean>CHN + agree']);
    expect(st.every((s) => s.claim === null && s.score < 8)).toBe(true); // "pledged to" hedges
  });
});

describe('reversed nominal idioms', () => {
  it('"..., drawing a sharp rebuke from China" is China criticising the main clause subject', () => {
    const st = run('The Philippines and Vietnam signed an agreement on Tuesday, drawing a sharp rebuke from China.', [{ id: 'PHL', forms: ['Philippines'] }, { id: 'VNM', forms: ['Vietnam'] }, C.CHN]);
    expect(pairs(st)).toEqual(['CHN>PHL -', 'CHN>VNM -', 'PHL>VNM +', 'VNM>PHL +']);
  });
});

describe('labels and dismissals', () => {
  const SRB = { id: 'SRB', forms: ['Serbia', 'Belgrade'] };
  it('"called the allegation “a fairy tale”" rejects whoever made it', () => {
    const krasniqi = person('krasniqi', ['Arta Krasniqi'], 'XKX');
    const jovanovic = person('jovanovic', ['Marko Jovanovic'], 'SRB');
    const text = 'Arta Krasniqi accused Belgrade of arming local groups. Marko Jovanovic called the allegation "a fairy tale for Western audiences".';
    const st = run(text, [krasniqi, jovanovic, SRB]).filter((s) => s.sentence === 1);
    expect(edges(st)).toEqual(['jovanovic>krasniqi - reject']);
  });

  it('"called the arrests “a betrayal”" criticises whoever made the arrests', () => {
    const GEO = { id: 'GEO', forms: ['Georgia', 'Tbilisi'] };
    const text = 'Tbilisi’s crackdown on protesters continued on Sunday. The EU called the arrests “a betrayal of the Georgian people”.';
    const st = run(text, [GEO, C.EU]).filter((s) => s.sentence === 1);
    expect(edges(st)).toEqual(['eu>GEO - criticize']);
  });
});

describe('hedged openness and reduced relations', () => {
  const babiker = person('babiker', ['Babiker'], 'SDN');
  const UN = { id: 'un', type: 'organization' as const, forms: ['UN'] };
  it('"did not rule out talks with X" is hedged openness; "ruled out talks" is none', () => {
    const open = run('Babiker did not rule out talks with the UN.', [babiker, UN]);
    expect(edges(open)).toEqual(['babiker>un + meet']);
    expect(open[0].score).toBeLessThan(2.8);
    expect(run('Babiker ruled out talks with the UN.', [babiker, UN])).toEqual([]);
  });

  it('"threatened to scale back its cooperation with X" is a hostile, hedged stance', () => {
    const st = run('Tehran threatened to scale back its cooperation with the IAEA.', [C.IRN, { id: 'iaea', type: 'organization', forms: ['IAEA'] }]);
    expect(edges(st)).toEqual(['IRN>iaea - oppose']);
    expect(st[0].score).toBeGreaterThan(-4);
  });

  it('a coercive verb takes the owner of what it targets ("may target Iranian banks")', () => {
    const st = run('Washington may target Iranian banks.', [C.USA, C.IRN]);
    expect(edges(st)).toEqual(['USA>IRN - pressure']);
    expect(st[0].score).toBeGreaterThan(-5);
  });
});

describe('asides, relatives and "followed by"', () => {
  it('skips ", in turn," between the subject and the verb', () => {
    const vance = person('vance', ['Mr Vance']);
    const dems = { id: 'democrats', type: 'organization' as const, forms: ['Democrats'] };
    expect(edges(run('Mr Vance, in turn, accused Senate Democrats of hiding behind procedure.', [vance, dems]))).toEqual(['vance>democrats - accuse']);
  });

  it('takes the antecedent of "which" as the subject', () => {
    const SRB = { id: 'SRB', forms: ['Belgrade'] };
    expect(pairs(run("Russia, which backs Belgrade's position on Kosovo, dismissed the talks.", [C.RUS, SRB]))).toEqual(['RUS>SRB +']);
  });

  it('"..., followed by X" repeats the act for X', () => {
    const YEM = { id: 'YEM', forms: ['Yemen'] };
    const SAU = { id: 'SAU', forms: ['Saudi Arabia'] };
    const text = 'Donors pledged $2 billion in humanitarian aid for Yemen. Saudi Arabia made the largest single pledge, followed by the European Union.';
    const st = run(text, [YEM, SAU, C.EU]).filter((s) => s.sentence === 1);
    expect(pairs(st)).toEqual(['SAU>YEM +', 'eu>YEM +']);
  });
});

describe('"the government"', () => {
  it('is the country of the story when the actor stage left it unresolved', () => {
    const kennedy = person('kennedy', ['Charles Kennedy']);
    const st = run('Britain votes soon. Charles Kennedy told reporters: "The government is clearly split at the top."', [kennedy, C.GBR]).filter((s) => s.sentence === 1);
    expect(edges(st)).toEqual(['kennedy>GBR - criticize']);
    expect(st[0].claim).toBe('kennedy');
  });
});

describe('speaker inferences: rebuttal and concession', () => {
  it('"S countered that ..." rejects the previous speaker', () => {
    const blair = person('blair', ['Mr Blair'], 'GBR');
    const howard = person('howard', ['Michael Howard']);
    const text = 'Mr Blair insisted there could be no deals about the premiership. Michael Howard countered that such agreements had been struck twice.';
    const st = run(text, [blair, howard]).filter((s) => s.sentence === 1);
    expect(edges(st)).toEqual(['howard>blair - reject']);
    expect(st[0].claim).toBe('howard');
  });

  it('"S said (state) Y had agreed to ..." is Y conceding to S', () => {
    const straw = person('straw', ['Jack Straw'], 'GBR');
    const st = run('Jack Straw said the US had agreed to release the four detainees.', [straw, C.USA, C.GBR]);
    expect(edges(st)).toEqual(['USA>straw + agree']);
    expect(st[0].score).toBe(5);
  });
});

describe('endorsement and solidarity', () => {
  const labor = { id: 'labor', type: 'organization' as const, forms: ['Labor'] };
  const greens = { id: 'greens', type: 'organization' as const, forms: ['the Greens', 'Greens'] };
  it('"formally endorsed", "also backed"', () => {
    expect(pairs(run('The Greens formally endorsed Labor on Monday.', [greens, labor]))).toEqual(['greens>labor +']);
    expect(pairs(run('Canada also backed Cuba.', [C.CAN, C.CUB]))).toEqual(['CAN>CUB +']);
  });
  it('"urged its members to back Y": the appellant supports Y', () => {
    const st = run('The Greens urged their members to back Labor at the election.', [greens, labor]);
    expect(edges(st)).toEqual(['greens>labor + support']);
  });
  it('"stood with Y"', () => {
    expect(edges(run('Canada stood with Cuba throughout the crisis.', [C.CAN, C.CUB]))).toEqual(['CAN>CUB + support']);
  });
  it('"expressed fraternal solidarity with the people of Y"', () => {
    expect(pairs(run('China expressed fraternal solidarity with the people of Cuba.', [C.CHN, C.CUB]))).toEqual(['CHN>CUB +']);
  });
  it('"welcomed Y\'s support" is + toward the supporter', () => {
    expect(pairs(run('Maduro welcomed Russia\'s support.', [maduro, C.RUS]))).toEqual(['maduro>RUS +']);
  });
  it('"drew cautious support from A and B": A and B support the subject', () => {
    expect(pairs(run('Maduro drew cautious support from Russia and China.', [maduro, C.RUS, C.CHN]))).toEqual(['CHN>maduro +', 'RUS>maduro +']);
  });
});

describe('coercive acts phrased as actions', () => {
  it('"recalled its ambassador from Y", "cut ties with Y"', () => {
    expect(edges(run('Canada recalled its ambassador from Iran.', [C.CAN, C.IRN]))).toEqual(['CAN>IRN - oppose']);
    expect(edges(run('Canada cut ties with Iran last year.', [C.CAN, C.IRN]))).toEqual(['CAN>IRN - oppose']);
  });
  it('"expelled Y\'s ambassador"', () => {
    expect(pairs(run('Canada expelled Iran\'s ambassador.', [C.CAN, C.IRN]))).toEqual(['CAN>IRN -']);
  });
  it('"closed its borders with Y"', () => {
    expect(pairs(run('Turkey closed its borders with Iran.', [C.TUR, C.IRN]))).toEqual(['TUR>IRN -']);
  });
  it('"was suspending budget support to Y"', () => {
    expect(pairs(run('Britain said it was suspending budget support to Venezuela.', [C.GBR, C.VEN]))).toEqual(['GBR>VEN -']);
  });
});

describe('condemning an event', () => {
  it('"deplored the unconstitutional change of government" in Y', () => {
    expect(pairs(run('The EU strongly deplored the violence in Venezuela.', [C.EU, C.VEN]))).toEqual(['eu>VEN -']);
  });
  it('"condemned the takeover" is against whoever carried it out', () => {
    const text = 'Russia staged a takeover of the port on Monday. The EU condemned the takeover.';
    const st = run(text, [C.RUS, C.EU]).filter((s) => s.sentence === 1);
    expect(pairs(st)).toEqual(['eu>RUS -']);
  });
});

describe('criticism forms', () => {
  it('"S said Y owed Z an apology" is S against Y', () => {
    const st = run('Maduro said the United States owed the farmers an apology.', [maduro, C.USA, C.VEN]);
    expect(pairs(st)).toEqual(['maduro>USA -']);
  });
  it('"urged the government to summon the US ambassador": against the one urged and the one summoned', () => {
    const st = run('Maduro urged Britain to summon the US ambassador.', [maduro, C.USA, C.GBR]);
    expect(pairs(st)).toEqual(['maduro>GBR -', 'maduro>USA -']);
  });
  it('"said it would not be lectured by Y" rejects Y', () => {
    const st = run('China said it would not be "lectured" by Washington.', [C.CHN, C.USA]);
    expect(pairs(st)).toEqual(['CHN>USA -']);
  });
  it('"described Y\'s plans as reckless"', () => {
    expect(pairs(run('Canada described Iran\'s plans as "reckless".', [C.CAN, C.IRN]))).toEqual(['CAN>IRN -']);
  });
  it('"Y\'s characterisation was simply wrong", S said', () => {
    expect(pairs(run('Maduro said the US characterisation of the vote was "simply wrong".', [maduro, C.USA]))).toEqual(['maduro>USA -']);
  });
  it('"accused him of ..." with a pronoun target', () => {
    const st = run('Maduro spoke on Monday. Guaido accused him of lying.', [maduro, guaido], [{ form: 'him', actorId: 'maduro' }]).filter((s) => s.sentence === 1);
    expect(pairs(st)).toEqual(['guaido>maduro -']);
  });
});

describe('appositive stance', () => {
  it('"X, Y\'s main backer, ..." and "X, a close ally of Y"', () => {
    const hez = { id: 'hezbollah', type: 'group' as const, forms: ['Hezbollah'] };
    expect(pairs(run('Iran, Hezbollah\'s main backer, spoke on Monday.', [C.IRN, hez]))).toEqual(['IRN>hezbollah +']);
    expect(pairs(run('Maduro, a close ally of Russia, spoke on Monday.', [maduro, C.RUS]))).toEqual(['maduro>RUS +']);
  });
});

describe('a quote whose speaker comes after it', () => {
  it('"The words were Mr X\'s."', () => {
    const st = run('"Washington has betrayed us," he said. The words were Maduro\'s.', [maduro, C.USA]).filter((s) => s.sentence === 0);
    // the quote's own act ("betray", CAMEO 160) and the speaker's stance, both his claim
    expect(pairs(st)).toEqual(['USA>VEN -', 'maduro>USA -']);
    expect(st.map((s) => s.claim)).toEqual(['maduro', 'maduro']);
  });
});

describe('a quote attributed by "So said X"', () => {
  it('"So said X, ..." after the quote', () => {
    const st = run('"Washington has betrayed us." So said Maduro, speaking in Caracas.', [maduro, C.USA, C.VEN]).filter((s) => s.sentence === 0);
    expect(pairs(st)).toEqual(['USA>VEN -', 'maduro>USA -']);
    expect(st.map((s) => s.claim)).toEqual(['maduro', 'maduro']);
  });
});

describe('"both parties" and authorless acts', () => {
  it('"criticised both major parties" criticises the two parties named before', () => {
    const labor = { id: 'labor', type: 'organization' as const, forms: ['Labor'] };
    const libs = { id: 'liberals', type: 'organization' as const, forms: ['the Liberals'] };
    const acoss = { id: 'acoss', type: 'organization' as const, forms: ['ACOSS'] };
    const st = run('Labor and the Liberals released their costings on Sunday. ACOSS criticised both major parties for ignoring welfare.', [labor, libs, acoss]).filter((s) => s.sentence === 1);
    expect(pairs(st)).toEqual(['acoss>labor -', 'acoss>liberals -']);
  });
  it('"condemned the coup in Y" with no author named: against Y', () => {
    expect(pairs(run('The EU condemned the coup in Venezuela.', [C.EU, C.VEN]))).toEqual(['eu>VEN -']);
  });
});

describe('hosting and sheltering', () => {
  const bazoum = person('bazoum', ['Mohamed Bazoum', 'Bazoum']);
  it('"X was flown to <capital> on a <demonym> government aircraft": that country supports X', () => {
    expect(pairs(run('Mohamed Bazoum was flown to Caracas on a Venezuelan government aircraft.', [bazoum, C.VEN]))).toEqual(['VEN>bazoum +']);
  });
  it('"X would remain its guest": the host supports X', () => {
    expect(pairs(run('Bazoum would remain Venezuela\'s guest for now.', [bazoum, C.VEN]))).toEqual(['VEN>bazoum +']);
  });
});

describe('refusing what would enable someone', () => {
  it('"will not accept any arrangement that allows Y to rearm" is against Y', () => {
    const st = run('Britain will not accept any arrangement that allows Iran to rearm.', [C.GBR, C.IRN]);
    expect(pairs(st)).toEqual(['GBR>IRN -']);
  });
});

describe('a seizure of power stands for its country', () => {
  it('"condemned the coup" after "seized power in Y"', () => {
    const text = 'Soldiers seized power in Venezuela on Wednesday. The EU condemned the coup.';
    expect(pairs(run(text, [C.EU, C.VEN]).filter((s) => s.sentence === 1))).toEqual(['eu>VEN -']);
  });
  it('"strongly deplored the unconstitutional change of government"', () => {
    const text = 'Soldiers seized power in Venezuela on Wednesday. The EU strongly deplored the unconstitutional change of government.';
    expect(pairs(run(text, [C.EU, C.VEN]).filter((s) => s.sentence === 1))).toEqual(['eu>VEN -']);
  });
});
