// The GUM news converter (bench/eval/gum/convert.ts): CoNLL-U and its .lite transcription give the
// same text and the same CoNLL-2003-style name spans.

import { describe, expect, it } from 'vitest';
import { goldDoc, mentionsOf, parseConllu, parseLite, splitOf } from '../../bench/eval/gum/convert.js';

const row = (id: number, form: string, upos: string, xpos: string, head: number, deprel: string, misc = '_') =>
  [id, form, form, upos, xpos, '_', head, deprel, '_', misc].join('\t');

// A headline paragraph, then a paragraph of two sentences: titles, flat names, an organisation
// whose name has "of", a determiner, a possessive, a demonym place and a pronoun.
const CONLLU = [
  '# newdoc id = GUM_news_test',
  '# meta::sourceURL = https://en.wikinews.org/wiki/Test',
  '# newpar',
  '# text = Nigeria strike',
  row(1, 'Nigeria', 'PROPN', 'NNP', 2, 'compound', 'Entity=(1-place-new-cf1-1-coref-Nigeria)'),
  row(2, 'strike', 'NOUN', 'NN', 0, 'root', 'Entity=(2-event-new-cf2-1-sgl)'),
  '',
  '# newpar_block = p (2 s)',
  '# newpar',
  '# text = Professor Cres Eastman of the Bank of America\'s board said it.',
  row(1, 'Professor', 'PROPN', 'NNP', 11, 'nsubj', 'Entity=(3-person-new-cf1-1-coref-Cres_Eastman'),
  row(2, 'Cres', 'PROPN', 'NNP', 1, 'flat'),
  row(3, 'Eastman', 'PROPN', 'NNP', 1, 'flat', 'Entity=3)'),
  row(4, 'of', 'ADP', 'IN', 10, 'case'),
  row(5, 'the', 'DET', 'DT', 6, 'det', 'Entity=(4-organization-new-cf2-1-coref-Bank_of_America'),
  row(6, 'Bank', 'PROPN', 'NNP', 10, 'nmod:poss'),
  row(7, 'of', 'ADP', 'IN', 8, 'case'),
  '8-9\tAmerica\'s\t_\t_\t_\t_\t_\t_\t_\t_',
  row(8, 'America', 'PROPN', 'NNP', 6, 'nmod', 'Entity=(5-place-new-cf3-1-coref-United_States)'),
  row(9, '\'s', 'PART', 'POS', 6, 'case', 'Entity=4)'),
  row(10, 'board', 'NOUN', 'NN', 1, 'nmod', 'Entity=(6-organization-new-cf4-1-sgl)'),
  row(11, 'said', 'VERB', 'VBD', 0, 'root'),
  row(12, 'it', 'PRON', 'PRP', 11, 'obj', 'Entity=(2-event-giv-cf1-1-ana)|SpaceAfter=No'),
  row(13, '.', 'PUNCT', '.', 11, 'punct'),
  '',
  '# text = Senior researcher Mu Li met Nigerian officials.',
  row(1, 'Senior', 'ADJ', 'JJ', 2, 'amod', 'Entity=(7-person-new-cf1-2-sgl'),
  row(2, 'researcher', 'NOUN', 'NN', 5, 'nsubj'),
  row(3, 'Mu', 'PROPN', 'NNP', 2, 'flat'),
  row(4, 'Li', 'PROPN', 'NNP', 2, 'flat', 'Entity=7)'),
  row(5, 'met', 'VERB', 'VBD', 0, 'root'),
  row(6, 'Nigerian', 'ADJ', 'NNP', 7, 'amod', 'Entity=(8-person-new-cf2-2-sgl(1-place-giv-cf1-1-coref-Nigeria)'),
  row(7, 'officials', 'NOUN', 'NNS', 5, 'obj', 'Entity=8)|SpaceAfter=No'),
  row(8, '.', 'PUNCT', '.', 5, 'punct'),
  '',
  '# newdoc id = GUM_bio_other',
  '# text = Skipped.',
  row(1, 'Skipped', 'VERB', 'VBN', 0, 'root', 'SpaceAfter=No'),
  row(2, '.', 'PUNCT', '.', 1, 'punct'),
  '',
].join('\n');

const LITE = [
  '# doc GUM_news_test',
  '# sourceURL https://en.wikinews.org/wiki/Test',
  '#p',
  'Nigeria⟨PROPN NNP 2 compound (1-place)⟩ strike',
  '#p',
  'Professor⟨PROPN NNP 11 nsubj (3-person⟩ Cres⟨PROPN NNP 1 flat -⟩ Eastman⟨PROPN NNP 1 flat 3)⟩ of the⟨DET DT 6 det (4-organization⟩ '
    + 'Bank⟨PROPN NNP 10 nmod:poss -⟩ of⟨ADP IN 8 case -⟩ America⟨PROPN NNP 6 nmod (5-place)⟩¦\'s⟨PART POS 6 case 4)⟩ board said it¦.',
  'Senior⟨ADJ JJ 2 amod (7-person⟩ researcher⟨NOUN NN 5 nsubj -⟩ Mu⟨PROPN NNP 2 flat -⟩ Li⟨PROPN NNP 2 flat 7)⟩ met '
    + 'Nigerian⟨ADJ NNP 7 amod (8-person(1-place)⟩ officials⟨NOUN NNS 5 obj 8)⟩¦.',
].join('\n');

const TEXT = 'Nigeria strike\n\nProfessor Cres Eastman of the Bank of America\'s board said it.\nSenior researcher Mu Li met Nigerian officials.';

describe('GUM news converter', () => {
  it('reads only the news documents of a CoNLL-U file and rebuilds the text with its paragraphs', () => {
    const docs = parseConllu(CONLLU);
    expect(docs.map((d) => d.id)).toEqual(['GUM_news_test']);
    const gold = goldDoc(docs[0]);
    expect(gold.text).toBe(TEXT);
    expect(gold.url).toBe('https://en.wikinews.org/wiki/Test');
  });

  it('keeps the proper-noun part of named mentions, without titles, determiners, possessives or demonyms', () => {
    const gold = goldDoc(parseConllu(CONLLU)[0]);
    expect(gold.entities.map((e) => [e.type, e.text])).toEqual([
      ['LOC', 'Nigeria'],
      ['PER', 'Cres Eastman'],
      ['ORG', 'Bank of America'],
      ['LOC', 'America'],
      ['PER', 'Mu Li'],
    ]);
    for (const e of gold.entities) expect(gold.text.slice(e.start, e.end)).toBe(e.text);
  });

  it('gives the same document from the .lite transcription', () => {
    const fromLite = goldDoc(parseLite(LITE)[0]);
    expect(fromLite).toEqual(goldDoc(parseConllu(CONLLU)[0]));
  });

  it('takes the name that modifies a common-noun head, and a possessive inside a name but not one ending a nested mention', () => {
    const lite = [
      '# doc GUM_news_test2',
      'Yonhap⟨PROPN NNP 3 compound (1-organization⟩ news⟨NOUN NN 3 compound -⟩ agency⟨NOUN NN 4 nsubj 1)⟩ quoted '
        + 'the⟨DET DT 9 det (2-organization⟩ Korean⟨ADJ NNP 9 amod -⟩ People⟨PROPN NNP 9 nmod:poss -⟩¦\'s⟨PART POS 7 case -⟩ Army⟨PROPN NNP 4 obj 2)⟩ '
        + 'at Mecca⟨PROPN NNP 14 nmod:poss (3-place(4-place⟩¦\'s⟨PART POS 11 case 4)⟩ Grand⟨ADJ NNP 14 amod -⟩ Mosque⟨PROPN NNP 4 obl 3)⟩ '
        + 'near KPA⟨PROPN NNP 17 compound (5-place(6-organization)⟩ posts⟨NOUN NNS 14 nmod 5)⟩¦.',
    ].join('\n');
    const gold = goldDoc(parseLite(lite)[0]);
    expect(gold.entities.map((e) => [e.type, e.text])).toEqual([
      ['ORG', 'Yonhap'],
      ['ORG', 'Korean People\'s Army'],
      ['LOC', 'Mecca'],
      ['LOC', 'Grand Mosque'],
      ['ORG', 'KPA'],
    ]);
  });

  it('finds a name attached as an apposition or outside the mention, and does not join across a nested common-noun mention', () => {
    const lite = [
      '# doc GUM_news_test3',
      'Pan⟨NOUN NN 3 compound (1-person⟩¦-⟨PUNCT HYPH 1 punct -⟩¦democrat⟨ADJ JJ 6 nsubj -⟩ Gary⟨PROPN NNP 5 compound -⟩ Fan⟨PROPN NNP 3 appos 1)⟩ met '
        + 'veteran⟨ADJ JJ 8 amod (2-person⟩ politician⟨NOUN NN 6 obj -⟩ Raymond⟨PROPN NNP 10 compound -⟩ Wong⟨PROPN NNP 6 appos 2)⟩ in '
        + 'Taikoo⟨PROPN NNP 6 obl (3-place⟩ of⟨ADP IN 18 case -⟩ the⟨DET DT 18 det (4-place⟩ Hong⟨PROPN NNP 17 compound (5-place⟩ '
        + 'Kong⟨PROPN NNP 15 flat -⟩ Island⟨PROPN NNP 18 compound 5)⟩ constituency⟨NOUN NN 12 nmod 4)3)⟩ near '
        + 'the⟨DET DT 22 det (6-organization⟩ pro-Beijing⟨PROPN NNP 22 compound -⟩ camp⟨NOUN NN 6 obl 6)⟩¦.',
    ].join('\n');
    const gold = goldDoc(parseLite(lite)[0]);
    expect(gold.entities.map((e) => [e.type, e.text])).toEqual([
      ['PER', 'Gary Fan'],
      ['PER', 'Raymond Wong'],
      ['LOC', 'Taikoo'],
      ['LOC', 'Hong Kong Island'],
    ]);
  });

  it('drops a name that runs on into the proper nouns of an enclosing event or award', () => {
    const lite = [
      '# doc GUM_news_test4',
      'Kane⟨PROPN NNP 2 nsubj (1-person)⟩ won the⟨DET DT 9 det (2-abstract⟩ Budweiser⟨PROPN NNP 9 compound (3-organization)⟩ '
        + 'Man⟨PROPN NNP 9 compound (1-person⟩ of⟨ADP IN 8 case -⟩ the⟨DET DT 8 det -⟩ Match⟨PROPN NNP 5 nmod 1)⟩ award⟨NOUN NN 2 obj 2)⟩ in '
        + 'Hong⟨PROPN NNP 14 compound (4-event(5-place⟩ Kong⟨PROPN NNP 11 flat 5)⟩ legislative⟨ADJ JJ 14 amod -⟩ election⟨NOUN NN 2 obl 4)⟩¦.',
    ].join('\n');
    const gold = goldDoc(parseLite(lite)[0]);
    expect(gold.entities.map((e) => [e.type, e.text])).toEqual([['PER', 'Kane'], ['LOC', 'Hong Kong']]);
  });

  it('drops a leading adherent noun from a person and anchors no person on a lowercase word', () => {
    const lite = [
      '# doc GUM_news_test5',
      'Scientologist⟨PROPN NNP 4 nsubj (1-person⟩ Tom⟨PROPN NNP 1 flat -⟩ Cruise⟨PROPN NNP 2 flat 1)⟩ visited the '
        + 'Scientology⟨PROPN NNP 8 compound (2-person⟩¦-⟨PUNCT HYPH 6 punct -⟩¦critic⟨PROPN NNP 9 compound 2)⟩ site¦.',
    ].join('\n');
    const gold = goldDoc(parseLite(lite)[0]);
    expect(gold.entities.map((e) => [e.type, e.text])).toEqual([['PER', 'Tom Cruise']]);
  });

  it('pairs nested and same-token brackets', () => {
    const [, second] = parseConllu(CONLLU)[0].sentences.slice(1);
    expect(mentionsOf(second).map((m) => [m.id, m.etype, m.first, m.last])).toEqual([
      ['7', 'person', 0, 3],
      ['8', 'person', 5, 6],
      ['1', 'place', 5, 5],
    ]);
  });

  it('refuses a mention token the transcription left without tag and head', () => {
    const broken = LITE.replace('Cres⟨PROPN NNP 1 flat -⟩', 'Cres');
    expect(() => goldDoc(parseLite(broken)[0])).toThrow(/Cres.*no tag or head/);
  });

  it('splits by sorted id, alternating dev and test', () => {
    const all = ['GUM_news_c', 'GUM_news_a', 'GUM_news_b', 'GUM_news_d'];
    expect([...splitOf(['GUM_news_c', 'GUM_news_a', 'GUM_news_b'], all)]).toEqual([
      ['GUM_news_c', 'dev'], ['GUM_news_a', 'dev'], ['GUM_news_b', 'test'],
    ]);
    expect(splitOf(['GUM_news_iodine', 'GUM_news_asylum'])).toEqual(new Map([['GUM_news_iodine', 'dev'], ['GUM_news_asylum', 'test']]));
  });
});
