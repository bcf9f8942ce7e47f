// CoNLL-U reading and writing: a file round-trips, and only word lines are touched.

import { describe, expect, it } from 'vitest';
import { ConlluFormatError, readConllu, writeConllu } from '../../shared/analysis/syntax/conllu.js';

const DOC = [
  '# sent_id = a-1',
  '# text = I don\'t know.',
  '1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t3:nsubj\t_',
  '2-3\tdon\'t\t_\t_\t_\t_\t_\t_\t_\t_',
  '2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_',
  '3\tn\'t\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_',
  '4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No',
  '4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t4:conj\t_',
  '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_',
  '',
  '1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_',
  '',
  '',
].join('\n');

describe('CoNLL-U', () => {
  it('reads words, and keeps comments, multiword tokens and empty nodes in place', () => {
    const [first, second] = readConllu(DOC);
    expect(first.words.map((w) => w.form)).toEqual(['I', 'do', "n't", 'know', '.']);
    expect(first.words[3]).toMatchObject({ id: 4, head: 0, deprel: 'root', misc: 'SpaceAfter=No' });
    expect(first.lines.filter((l) => typeof l === 'string')).toHaveLength(4);
    expect(second.words).toHaveLength(1);
    expect(writeConllu(readConllu(DOC))).toBe(DOC);
  });

  it('accepts a last sentence without a blank line after it, and CRLF line ends', () => {
    const doc = '1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\r\n';
    expect(readConllu(doc)[0].words[0].form).toBe('Hi');
  });

  it('says which line is wrong', () => {
    expect(() => readConllu('1\tHi\thi\n')).toThrow(ConlluFormatError);
    expect(() => readConllu('# c\n1\tHi\thi\n')).toThrow(/line 2: expected 10 tab-separated columns, found 3/);
    expect(() => readConllu('2\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n')).toThrow(/word ID 2 out of sequence/);
    expect(() => readConllu('x\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n')).toThrow(/"x" is not a word/);
  });
});
