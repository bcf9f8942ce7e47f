// The actor stage's data files are validated once at load: a broken file is refused with the file
// and the path of each problem (shared/analysis/lexicon/actors.ts).

import { describe, expect, it } from 'vitest';
import { ACTOR_DATA_FILES, ACTOR_LEXICON, parseActorLexicon } from '../../shared/analysis/lexicon/actors.js';
import { parseTextWords, TEXT_WORDS } from '../../shared/analysis/lexicon/text.js';
import { DataFileError } from '../../shared/analysis/lexicon/validated.js';
import textWordsJson from '../../shared/analysis/data/text-words.json' with { type: 'json' };
import { findMentions } from '../../shared/analysis/actors/mentions/index.js';
import { splitSentences } from '../../shared/analysis/sentences.js';

/** The shipped files with one of them replaced by `edit` of a deep copy. */
function withEdit<K extends keyof typeof ACTOR_DATA_FILES>(key: K, edit: (copy: any) => void): Record<keyof typeof ACTOR_DATA_FILES, unknown> {
  const copy = structuredClone(ACTOR_DATA_FILES[key]);
  edit(copy);
  return { ...ACTOR_DATA_FILES, [key]: copy };
}

function refusal(files: Record<keyof typeof ACTOR_DATA_FILES, unknown>): DataFileError {
  try {
    parseActorLexicon(files);
  } catch (err: unknown) {
    if (err instanceof DataFileError) return err;
    throw err;
  }
  throw new Error('the lexicon was accepted');
}

describe('actor lexicon', () => {
  it('parses the shipped files into sets', () => {
    expect(ACTOR_LEXICON.words.subjectVerbs.has('said')).toBe(true);
    expect(ACTOR_LEXICON.bodies.governmentNouns.has('government')).toBe(true);
    expect(ACTOR_LEXICON.words.pronouns.get('she')).toBe('f');
    expect(ACTOR_LEXICON.tuning.salience.titleBonus).toBeGreaterThan(0);
  });

  it('refuses a misspelt field, naming the file and the path', () => {
    const err = refusal(withEdit('titles', (t) => { t.roles[0].goverment = true; }));
    expect(err.file).toBe('titles.json');
    expect(err.message).toMatch(/titles\.json is not valid.*roles\.0/);
  });

  it('refuses a missing word class', () => {
    const err = refusal(withEdit('words', (w) => { delete w.wordClasses.subjectVerbs; }));
    expect(err.message).toMatch(/actor-words\.json.*wordClasses\.subjectVerbs/);
  });

  it('refuses a word listed twice and an upper-case word in a lower-case class', () => {
    expect(refusal(withEdit('words', (w) => { w.wordClasses.inertNouns.words.push('economy'); })).message).toMatch(/"economy" is listed twice/);
    expect(refusal(withEdit('bodies', (b) => { b.governmentNouns.push('Army'); })).message).toMatch(/governmentNouns.*lower case/);
  });

  it('refuses a tuning number that is not a number', () => {
    expect(refusal(withEdit('tuning', (t) => { t.salience.titleBonus = '2'; })).message).toMatch(/salience\.titleBonus/);
  });

  it('refuses a metonym whose target is no organisation and a title-only form that is no role', () => {
    expect(refusal(withEdit('metonyms', (m) => { m.metonyms[0].target = 'nato-hq'; })).message).toMatch(/metonyms\.json.*nato-hq/);
    expect(refusal(withEdit('titles', (t) => { t.titleOnlyForms.push('grand vizier'); })).message).toMatch(/"grand vizier" is not a form of any role/);
    expect(refusal(withEdit('bodies', (b) => { b.governmentHeads.push('junta'); })).message).toMatch(/"junta" is not one of governmentNouns/);
  });

  it('looks pronouns up in a map, so "constructor" is no pronoun', () => {
    const text = 'Dr Jones met the builders. The constructor said the plan was good.';
    expect(findMentions(text, splitSentences(text)).filter((m) => m.kind === 'pronoun')).toEqual([]);
  });
});

describe('text words (sentence splitter and tokeniser)', () => {
  it('parses the shipped file into sets and a map', () => {
    expect(TEXT_WORDS.titleAbbreviations.has('mr')).toBe(true);
    expect(TEXT_WORDS.contractions.get('cannot')).toBe(3);
  });
  it('refuses an upper-case abbreviation and a contraction split past its end', () => {
    const edit = (f: (c: any) => void) => { const c = structuredClone(textWordsJson) as any; f(c); return () => parseTextWords(c); };
    expect(edit((c) => c.titleAbbreviations.push('Gen'))).toThrow(/text-words\.json.*titleAbbreviations.*lower case/);
    expect(edit((c) => { c.contractions.gonna = 9; })).toThrow(/splits "gonna" at 9/);
  });
});
