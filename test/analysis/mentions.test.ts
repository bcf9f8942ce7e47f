import { describe, expect, it } from 'vitest';
import { findMentions, tokenize, type RawMention } from '../../shared/analysis/actors/mentions/index.js';
import { splitSentences } from '../../shared/analysis/sentences.js';

const find = (text: string): RawMention[] => findMentions(text, splitSentences(text));
const byText = (ms: RawMention[], t: string): RawMention | undefined => ms.find((m) => m.text === t);

describe('tokenize', () => {
  it('splits possessives off and keeps exact offsets', () => {
    const t = "Washington’s blockade and Venezuelans' well-being and Moscow's calls";
    const toks = tokenize(t, splitSentences(t));
    const w = toks.find((x) => x.text === 'Washington')!;
    expect(w.poss).toBe(true);
    expect(t.slice(w.start, w.end)).toBe('Washington');
    expect(toks.find((x) => x.text === 'Venezuelans')!.poss).toBe(true);
    expect(toks.find((x) => x.text === 'Moscow')!.poss).toBe(true);
    expect(toks.find((x) => x.text === 'well-being')!.poss).toBe(false);
  });
  it('reads words as the text writes them: hyphenated names, clitics and spaced initials are one word, an abbreviation\'s period is not part of it', () => {
    const t = "Mr. Hamid Rezaei-Far won't go to the U. S. with U.S.-backed rebels' leaders.";
    expect(tokenize(t, splitSentences(t)).map((x) => x.text)).toEqual(
      ['Mr', '.', 'Hamid', 'Rezaei-Far', "won't", 'go', 'to', 'the', 'U. S.', 'with', 'U.S.-backed', 'rebels', 'leaders', '.']);
    expect(tokenize(t, splitSentences(t)).find((x) => x.text === 'rebels')!.poss).toBe(true);
  });

  it('tracks quotation marks', () => {
    const t = '"We will win," he said. She left.';
    const toks = tokenize(t, splitSentences(t));
    expect(toks.find((x) => x.text === 'We')!.quote).toBe(true);
    expect(toks.find((x) => x.text === 'he')!.quote).toBe(false);
  });
});

describe('findMentions', () => {
  it('finds the first part of a hyphenated word as a modifier, and spaced initials as the country', () => {
    const ms = find('The Israel-Hamas war and the US-led coalition worried the U. S. Senate.');
    expect(byText(ms, 'Israel')).toMatchObject({ kind: 'country', target: 'ISR', modifier: true });
    expect(byText(ms, 'US')).toMatchObject({ kind: 'country', target: 'USA', modifier: true });
    expect(ms.find((m) => m.text.startsWith('U. S.'))).toMatchObject({ target: 'USA' });
  });

  it('finds a person with title, role and the country of the title', () => {
    const ms = find('The deal was signed by Russian Defense Minister Sergei Shoigu on Thursday.');
    const p = byText(ms, 'Sergei Shoigu')!;
    expect(p).toMatchObject({ kind: 'person', role: 'defence minister', roleText: 'Defense Minister', roleCountry: 'RUS', government: true });
    expect(byText(ms, 'Russian')).toMatchObject({ kind: 'demonym', target: 'RUS', modifier: true });
  });

  it('hangs a title on a body ("Foreign Ministry spokeswoman") with gender from the word', () => {
    const ms = find('Foreign Ministry spokeswoman Maria Zakharova said so.');
    const p = byText(ms, 'Maria Zakharova')!;
    expect(p).toMatchObject({ kind: 'person', role: 'spokesperson', gender: 'f', roleText: 'Foreign Ministry spokeswoman' });
    expect(ms[p.roleBody!]).toMatchObject({ kind: 'body', target: 'foreign-ministry', inTitle: true });
  });

  it('reads an apposition: "The White House’s point man for Venezuela, Elliott Abrams, said"', () => {
    const ms = find('The White House’s point man for Venezuela, Elliott Abrams, said the sanctions would come.');
    expect(byText(ms, 'Elliott Abrams')).toMatchObject({ kind: 'person', role: 'ambassador', roleCountry: 'USA', subject: true });
    const ms2 = find('The shadow foreign secretary, Michael Ancram, welcomed it.');
    expect(byText(ms2, 'Michael Ancram')).toMatchObject({ kind: 'person', role: 'foreign secretary', government: false });
  });

  it('marks opposition and legislative roles as not acting for a government', () => {
    expect(byText(find('Tension rose when parliament member Juan Guaido declared himself president.'), 'Juan Guaido'))
      .toMatchObject({ kind: 'person', role: 'legislator', government: false });
    expect(byText(find('Tory leader Michael Howard has claimed it.'), 'Michael Howard')).toMatchObject({ role: 'leader', roleOrg: 'conservatives' });
    expect(byText(find('But former South African president Nelson Mandela backed it.'), 'Nelson Mandela')).toMatchObject({ government: false });
  });

  it('keeps honorific and title surnames ("Mr Blair", "President Bush") as titled persons', () => {
    const ms = find('Mr Blair has been closer to President Bush than anyone.');
    expect(byText(ms, 'Blair')).toMatchObject({ kind: 'person', titled: true, gender: 'm' });
    expect(byText(ms, 'Bush')).toMatchObject({ kind: 'person', titled: true, role: 'president' });
  });

  it('does not take sentence-initial words, days, months or places for persons', () => {
    const ms = find('Talks are continuing on Monday. Human rights campaigners were outraged in May. Law Lords ruled last month. World War II ended.');
    expect(ms.filter((m) => m.kind === 'person')).toEqual([]);
    const ms2 = find('Tony Blair is urging leaders to act.');
    expect(byText(ms2, 'Tony Blair')).toMatchObject({ kind: 'person' });
  });

  it('does not take company, event or place names after a title for persons', () => {
    const ms = find('General Motors said it would close a plant. It was a lively Prime Minister\'s Questions. Talks moved to St Petersburg.');
    expect(ms.filter((m) => m.kind === 'person')).toEqual([]);
    expect(byText(find('Mrs May said no.'), 'May')).toMatchObject({ kind: 'person', gender: 'f' });
  });

  it('finds organisations named "head word + of/for/on + name" and unknown acronyms acting as subjects', () => {
    const ms = find('The Institute for Fiscal Studies said the plans would cost more. The CBI welcomed the measures. GDP grew.');
    expect(byText(ms, 'Institute for Fiscal Studies')).toMatchObject({ kind: 'organization' });
    expect(byText(ms, 'CBI')).toMatchObject({ kind: 'organization', target: 'cbi' });
    expect(byText(ms, 'GDP')?.kind).not.toBe('organization');
  });

  it('reads "He" as a surname before an unknown capitalised word', () => {
    const ms = find('Commerce Minister He Lingyun said China would respond. He added nothing.');
    expect(byText(ms, 'He Lingyun')).toMatchObject({ kind: 'person' });
    expect(ms.filter((m) => m.kind === 'pronoun').map((m) => m.text)).toEqual(['He']);
  });

  it('finds organisations by data, by head word and by introducer', () => {
    const ms = find('Both Amnesty and the lobby group Guantanamo Human Rights Commission objected. Civil rights group Liberty said it was delighted.');
    expect(byText(ms, 'Amnesty')).toMatchObject({ kind: 'organization', target: 'amnesty-international' });
    expect(byText(ms, 'Guantanamo Human Rights Commission')).toMatchObject({ kind: 'organization' });
    expect(byText(ms, 'Liberty')).toMatchObject({ kind: 'organization', target: 'liberty' });
  });

  it('tells modifiers, locatives and acting uses of country words apart', () => {
    const ms = find('The Russian-made rifle hurt the Venezuelan economy. Russian forces moved. US sanctions hit. It was signed in Moscow. Moscow rejected it.');
    expect(ms.find((m) => m.text === 'Russian' && m.sentence === 0)).toMatchObject({ modifier: true });
    expect(byText(ms, 'Venezuelan')).toMatchObject({ modifier: true });
    expect(ms.find((m) => m.text === 'Russian' && m.sentence === 1)!.modifier).toBeFalsy();
    expect(byText(ms, 'US')!.modifier).toBeFalsy();
    expect(ms.find((m) => m.text === 'Moscow' && m.sentence === 3)).toMatchObject({ kind: 'capital', locative: true });
    expect(ms.find((m) => m.text === 'Moscow' && m.sentence === 4)).toMatchObject({ subject: true });
  });

  it('finds definite role nouns but not indefinite ones or events', () => {
    const ms = find('The French president told reporters. It was a heated prime minister’s questions. He stood as a candidate.');
    expect(byText(ms, 'French president')).toMatchObject({ kind: 'role', role: 'president', roleCountry: 'FRA', definite: true });
    expect(ms.filter((m) => m.kind === 'role')).toHaveLength(1);
  });

  it('finds pronouns with gender and quotation', () => {
    const ms = find('"They must go," she said. He agreed.');
    expect(ms.filter((m) => m.kind === 'pronoun').map((m) => [m.text, m.pronoun, !!m.quote])).toEqual([
      ['They', 'plural', true], ['she', 'f', false], ['He', 'm', false],
    ]);
  });

  it('gives offsets that slice to the mention text', () => {
    const t = "Défense: Padrino López met Russia's Shoigu in the U.S. and the UK's envoy.";
    for (const m of find(t)) expect(t.slice(m.start, m.end)).toBe(m.text);
  });
});
