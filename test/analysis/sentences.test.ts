import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../shared/analysis/sentences.js';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('gives exact offsets into the original text', () => {
    const t = '  First one here.  Second one!\nThird?  ';
    const ss = splitSentences(t);
    expect(ss.map((s) => s.text)).toEqual(['First one here.', 'Second one!', 'Third?']);
    for (const s of ss) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(ss.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('does not split after titles, months before numbers, No. before numbers, or initials', () => {
    expect(texts('Mr. Smith met Dr. Jones on Jan. 10 in room No. 5. They talked.')).toEqual([
      'Mr. Smith met Dr. Jones on Jan. 10 in room No. 5.',
      'They talked.',
    ]);
    expect(texts('The book by J. K. Rowling sold well. It was long.')).toEqual(['The book by J. K. Rowling sold well.', 'It was long.']);
  });

  it('keeps dotted acronyms inside the sentence unless a clear opener follows', () => {
    expect(texts('The U.S. Senate voted. The U.N. agreed.')).toEqual(['The U.S. Senate voted.', 'The U.N. agreed.']);
    expect(texts('He lives in the U.S. He likes it.')).toEqual(['He lives in the U.S.', 'He likes it.']);
  });

  it('does not split decimals or hyphenated abbreviations', () => {
    expect(texts('Growth was 2.5 percent in the U.S.-led bloc. Then it fell.')).toEqual([
      'Growth was 2.5 percent in the U.S.-led bloc.',
      'Then it fell.',
    ]);
  });

  it('ends a sentence inside closing quotes and not at a comma before them', () => {
    const t = '"The pressure will continue,” he said at the time. "On Russia, we are thinking.”\nNext line';
    expect(texts(t)).toEqual(['"The pressure will continue,” he said at the time.', '"On Russia, we are thinking.”', 'Next line']);
    expect(texts('He said: "It is over." Then he left.')).toEqual(['He said: "It is over."', 'Then he left.']);
  });

  it('treats a line break as a boundary (headlines without a final period)', () => {
    expect(texts('Howard taunts Blair over splits\n\nTony Blair spoke. He left.')).toEqual([
      'Howard taunts Blair over splits', 'Tony Blair spoke.', 'He left.',
    ]);
  });

  it('splits after an ellipsis before a capital, not before lower case', () => {
    expect(texts('He waited... Nothing came.')).toEqual(['He waited...', 'Nothing came.']);
    expect(texts('He waited… and waited.')).toEqual(['He waited… and waited.']);
  });

  it('handles empty and whitespace-only text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n \n')).toEqual([]);
  });
});
