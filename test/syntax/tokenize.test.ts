// Raw text into EWT's words, with offsets that index the text exactly.

import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeSpan } from '../../shared/analysis/syntax/tokenize.js';

const words = (text: string) => tokenizeSpan(text, 0, text.length).flatMap((t) => t.words.map((w) => w.form));

describe('tokenize', () => {
  it('splits punctuation off words but keeps abbreviations, initials and dotted acronyms', () => {
    expect(words('"Yes," said Mr. Smith of the U.S. State Dept. on Jan. 10.')).toEqual(
      ['"', 'Yes', ',', '"', 'said', 'Mr.', 'Smith', 'of', 'the', 'U.S.', 'State', 'Dept.', 'on', 'Jan.', '10', '.']);
    expect(words('J. K. Rowling (a writer) wrote it at 10:30 p.m. today.')).toEqual(
      ['J.', 'K.', 'Rowling', '(', 'a', 'writer', ')', 'wrote', 'it', 'at', '10:30', 'p.m.', 'today', '.']);
  });

  it('splits clitics into words of one token, as EWT does', () => {
    const tokens = tokenizeSpan("I don't think they're sure: can't, won't, Bush's, the parents' cannot.", 0, 70);
    const split = tokens.filter((t) => t.words.length > 1).map((t) => t.words.map((w) => w.form));
    expect(split).toEqual([['do', "n't"], ['they', "'re"], ['ca', "n't"], ['wo', "n't"], ['Bush', "'s"], ['parents', "'"], ['can', 'not']]);
    expect(words('It’s Putin’s')).toEqual(['It', '’s', 'Putin', '’s']);
  });

  it('splits where extraction lost a space: brackets and quotes inside a run, a period before a capital, an ellipsis', () => {
    expect(words('(CNN)”Family Guy” creator, paragraph 8)BERLIN, Google( ) Amazon( )')).toEqual(
      ['(', 'CNN', ')', '”', 'Family', 'Guy', '”', 'creator', ',', 'paragraph', '8', ')', 'BERLIN', ',', 'Google', '(', ')', 'Amazon', '(', ')']);
    expect(words('in the US.After the war, Euro 2012.Russia said every American...will')).toEqual(
      ['in', 'the', 'US', '.', 'After', 'the', 'war', ',', 'Euro', '2012', '.', 'Russia', 'said', 'every', 'American', '...', 'will']);
    expect(words('reading ”Trump: The Art’ and ’CNN is e.g. U.S.A. via REUTERS/ File')).toEqual(
      ['reading', '”', 'Trump', ':', 'The', 'Art', '’', 'and', '’', 'CNN', 'is', 'e.g.', 'U.S.A.', 'via', 'REUTERS', '/', 'File']);
  });

  it('makes hyphens words, except after a bound prefix, and keeps numbers, URLs and e-mail whole', () => {
    expect(words('a so-called e-mail about pre-war, year-old co-workers')).toEqual(
      ['a', 'so', '-', 'called', 'e-mail', 'about', 'pre-war', ',', 'year', '-', 'old', 'co-workers']);
    expect(words('$5,000 -- 5% of 3.5 at www.example.com/a?b=1. Mail a.b@c.org!')).toEqual(
      ['$', '5,000', '--', '5', '%', 'of', '3.5', 'at', 'www.example.com/a?b=1', '.', 'Mail', 'a.b@c.org', '!']);
    expect(words('and/or 9/11 Well...')).toEqual(['and', '/', 'or', '9/11', 'Well', '...']);
  });

  it('gives every word exact offsets and marks tokens not followed by a space', () => {
    const text = 'He said: "We won\'t (ever) go."  Then he left.';
    const sentences = tokenize(text);
    expect(sentences.map((s) => s.text)).toEqual(['He said: "We won\'t (ever) go."', 'Then he left.']);
    for (const s of sentences) {
      for (const t of s.tokens) {
        expect(text.slice(t.start, t.end)).toBe(t.form);
        for (const w of t.words) expect(text.slice(w.start, w.end)).toBe(w.form);
      }
    }
    const first = sentences[0].tokens;
    // He said: "We won't (ever) go."  — the last quote is followed by spaces, though the sentence ends there.
    expect(first.map((t) => t.spaceAfter)).toEqual([true, false, true, false, true, true, false, false, true, false, false, true]);
    expect(tokenize('Go.')[0].tokens.map((t) => t.spaceAfter)).toEqual([false, true]); // the end of the text is no SpaceAfter=No
  });

  it('copes with text that is all punctuation or has no spaces', () => {
    expect(words('...')).toEqual(['...']);
    expect(words('!!??')).toEqual(['!', '!', '?', '?']);
    expect(words('')).toEqual([]);
    expect(words('a'.repeat(5000))).toHaveLength(1);
  });
});
