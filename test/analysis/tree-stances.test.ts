// The parse's reading of stances (shared/analysis/stances/tree/), called directly: what it gives a
// sentence whatever the rules would have read there first (the analysis asks it only for sentences
// the rules could not read; test/analysis/constructions.test.ts checks the whole analysis).

import { describe, expect, it } from 'vitest';
import { analyse } from '../../shared/analysis/analyse.js';
import { analyseActors } from '../../shared/analysis/actors/index.js';
import { loadSyntaxModel } from '../../shared/analysis/syntax/index.js';
import { treeStances } from '../../shared/analysis/stances/tree/index.js';
import { parseSentence, readText } from '../../shared/analysis/text/document.js';

const model = loadSyntaxModel();

/** "source>target ±category" for each stance the parse reads in the one-sentence text, and its claims. */
function tree(text: string): { pairs: string[]; claims: (string | null)[] } {
  const [s] = readText(text).sentences;
  const a = analyseActors(text);
  const actors = new Map(a.actors.map((x) => [x.id, x]));
  const st = treeStances(s, parseSentence(model, s), a.mentions.filter((m) => m.sentence === s.index), actors);
  return { pairs: st.map((x) => `${x.source}>${x.target} ${x.polarity > 0 ? '+' : '-'}${x.category}`), claims: st.map((x) => x.claim) };
}

describe('stances read from the parse', () => {
  it('a relative pronoun is the noun its clause modifies', () => {
    expect(tree('The Taliban, who attacked American forces on Monday, said the talks were over.').pairs).toEqual(['taliban>USA -attack']);
  });
  it('a coordinated or controlled verb without a subject takes its first conjunct\'s or controller\'s', () => {
    expect(tree('Michael Gove ducks and dives, blustering aggressively and attacking the BBC.').pairs).toEqual(['michael-gove>bbc -attack']);
    expect(tree('Norway promised to continue military aid to Mozambique.').pairs).toEqual(['NOR>MOZ +aid']);
  });
  it('what a speaker reports is the speaker\'s claim, "it" the speaker; a denial gives nothing', () => {
    expect(tree('Syria said on Sunday it had given asylum to the Iraqi officers.')).toEqual({ pairs: ['SYR>IRQ +aid'], claims: ['SYR'] });
    expect(tree('Syria denied on Sunday that it had given asylum to the Iraqi officers.').pairs).toEqual([]);
  });
  it('a refusal rejects; a failed or stopped act gives nothing', () => {
    expect(tree('Iran refused to meet the American envoy.').pairs).toEqual(['IRN>USA -reject']);
    expect(tree('Norway stopped sending aid to Liberia.').pairs).toEqual([]);
  });
  it('a judgement by its connotation, an act done in a country, the author of a rejected proposal', () => {
    expect(tree("The German minister said his French counterpart was 'hopelessly naive'.").pairs).toEqual(['DEU>FRA -criticize']);
    expect(tree('Israel imposed a blockade in Lebanon.').pairs).toEqual(['ISR>LBN -blockade']);
    expect(tree('Russia held talks in Switzerland.').pairs).toEqual([]);
    expect(tree("Berlin rejected recent calls by Belarus's rulers for immediate economic aid.").pairs).toEqual(['DEU>BLR -reject']);
  });
  it('force done to a thing is done to its owner; not criticism of an act done to someone', () => {
    expect(tree('Israeli helicopters shelled positions of the Palestinian security forces.').pairs).toEqual(['ISR>PSE -attack']);
    expect(tree('Egypt condemned the killing of Palestinian civilians.').pairs).toEqual([]);
  });
  it('what a subject calls or prepares for is a stance on its target, weaker than the act; not when the object did it', () => {
    expect(tree('Archbishop Desmond Tutu on Sunday called for sanctions against Nigeria.').pairs).toEqual(['desmond-tutu>NGA -oppose']);
    expect(tree('Egypt called for talks with Israel.').pairs).toEqual(['EGY>ISR +support']);
    expect(tree('Britain thanked Japan for aid to Yemen.').pairs).not.toContain('GBR>YEM +support');
  });
  it('a threatened act no entry names is done where it is done; an author hung on the verb; a pattern\'s "from"', () => {
    expect(tree('Hamas threatened on Monday to resume terrorist activities in Israel.').pairs).toEqual(['hamas>ISR -threaten']);
    expect(tree('The US on Thursday rejected calls by Kofi Annan to adopt the reforms.').pairs).toEqual(['USA>kofi-annan -reject']);
    expect(tree('Syria will withdraw its troops from Lebanon.').pairs).toEqual(['SYR>LBN +cooperate']);
  });
  it('a participle of attitude with "to" is the subject\'s own stance; an act done to the subject is not; a demand\'s author', () => {
    expect(tree('Israel is opposed to French mediation in the talks.').pairs).toEqual(['ISR>FRA -oppose']);
    expect(tree('Iraqi Kurds were deported to Germany.').pairs).toEqual([]);
    expect(tree('Lebanon complained to the United Nations.').pairs).toEqual([]);
    expect(tree("Poland's parliament has demanded an immediate admission by Moscow.").pairs).toEqual(['pol-parliament>RUS -demand']);
    expect(tree('Palestinians staged protests against the decision by Israel.').pairs).toEqual(['PSE>ISR -protest']);
    expect(tree("Moscow is isolated due to Russia's backing for Syria's Bashar al-Assad.").pairs).toEqual(['RUS>bashar-al-assad +support']);
  });
  it('an amount "in aid" leads from the event noun to the object of the verb that gives it', () => {
    expect(tree('The United States is providing nearly $100 million more in aid to Haiti.').pairs).toEqual(['USA>HTI +aid']);
  });
  it('a news lead\'s only verb, which the treebank-trained tagger reads as a participle, is the verb of the clause', () => {
    expect(tree('Israeli helicopters and tanks shelled positions of the Palestinian security forces near the town of Rafah.').pairs).toEqual(['ISR>PSE -attack']);
  });
  it('a place is no stance\'s source in the whole analysis, though it may be a target', () => {
    const a = analyse('Iran today threatened to launch a new military offensive in its Gulf war with Iraq.');
    expect(a.actors.find((x) => x.id === 'middle-east')?.type).toBe('place');
    expect(a.stances.map((x) => x.source)).not.toContain('middle-east');
  });
});
