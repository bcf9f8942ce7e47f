// newsdigest parse with the shipped model: CoNLL-U in, CoNLL-U out with only the predicted columns
// changed; raw text tokenised, tagged, lemmatised and parsed. The vendored EWT dev sample doubles as
// a check that the shipped model is the trained one, not a stand-in.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { readConllu } from '../../shared/analysis/syntax/conllu.js';
import { scoreLemmas, scoreTrees } from '../../shared/analysis/syntax/score.js';

const SAMPLE = join(import.meta.dirname, '../fixtures/ud-ewt/en_ewt-ud-dev.sample.conllu');
const tmp = mkdtempSync(join(tmpdir(), 'newsdigest-parse-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = runCli;

describe('newsdigest parse', () => {
  it('predicts LEMMA, UPOS, HEAD and DEPREL of a CoNLL-U file and keeps everything else that is not a prediction', async () => {
    const outFile = join(tmp, 'out.conllu');
    const { code } = await run(['parse', SAMPLE, '--out', outFile]);
    expect(code).toBe(0);
    const input = readFileSync(SAMPLE, 'utf8').split('\n');
    const output = readFileSync(outFile, 'utf8').split('\n');
    expect(output).toHaveLength(input.length);
    input.forEach((line, i) => {
      const a = line.split('\t'), b = output[i].split('\t');
      if (!/^\d+\t/.test(line)) { expect(output[i]).toBe(line); return; } // comments, ranges, empty nodes, blanks
      expect([b[0], b[1], b[9]]).toEqual([a[0], a[1], a[9]]);
      expect(b[2]).not.toBe('_');
      expect([b[4], b[5], b[8]]).toEqual(['_', '_', '_']);
    });
    const gold = readConllu(input.join('\n')), predicted = readConllu(output.join('\n')).map((s) => s.words);
    const scores = scoreTrees(gold, predicted);
    // The sample is dev data (tuned on, not a reported score): this checks the model is the real one.
    expect(scoreLemmas(gold, predicted).lemma).toBeGreaterThan(0.96);
    expect(scores.upos).toBeGreaterThan(0.93);
    expect(scores.uas).toBeGreaterThan(0.8);
    expect(scores.las).toBeGreaterThan(0.76);
  }, 30_000);

  it('ignores the input\'s own tags and tree', async () => {
    const file = join(tmp, 'lying.conllu');
    writeFileSync(file, '1\tIran\tx\tVERB\tX\t_\t2\tpunct\t_\t_\n2\twarned\tx\tNOUN\tX\t_\t0\troot\t_\t_\n3\tIsrael\tx\tPUNCT\tX\t_\t2\tobj\t_\tSpaceAfter=No\n4\t.\tx\tPROPN\tX\t_\t1\tdet\t_\t_\n\n');
    const { out } = await run(['parse', file]);
    const rows = out.trim().split('\n').map((l) => l.split('\t'));
    expect(rows.map((r) => [r[1], r[2], r[3], r[6], r[7]])).toEqual([
      ['Iran', 'Iran', 'PROPN', '2', 'nsubj'], ['warned', 'warn', 'VERB', '0', 'root'], ['Israel', 'Israel', 'PROPN', '2', 'obj'],
      ['.', '.', 'PUNCT', '2', 'punct'],
    ]);
    expect(rows[2][9]).toBe('SpaceAfter=No');
  });

  it('tokenises, tags, lemmatises and parses raw text, with multiword tokens for clitics', async () => {
    const { code, out } = await run(['parse', '--text', 'President Bush has threatened further action against Russia. Iran didn\'t warn the US.']);
    expect(code).toBe(0);
    const sentences = readConllu(out);
    expect(sentences).toHaveLength(2);
    const [first, second] = sentences;
    const byForm = (s: typeof first, form: string) => s.words.find((w) => w.form === form)!;
    expect(byForm(first, 'threatened')).toMatchObject({ lemma: 'threaten', upos: 'VERB', head: 0, deprel: 'root' });
    expect(byForm(first, 'Bush')).toMatchObject({ deprel: 'nsubj', head: 4 });
    expect(byForm(first, 'action')).toMatchObject({ deprel: 'obj', head: 4 });
    // "against Russia" may modify the action (nmod) or the threatening (obl): both are English.
    const russia = byForm(first, 'Russia');
    expect([[6, 'nmod'], [4, 'obl']]).toContainEqual([russia.head, russia.deprel]);
    expect(out).toContain('# text = Iran didn\'t warn the US.');
    expect(out).toMatch(/\n2-3\tdidn't\t_/);
    expect(second.words.map((w) => w.form)).toEqual(['Iran', 'did', "n't", 'warn', 'the', 'US', '.']);
    expect(second.words.map((w) => w.lemma)).toEqual(['Iran', 'do', 'not', 'warn', 'the', 'US', '.']);
    expect(byForm(second, 'warn')).toMatchObject({ head: 0, deprel: 'root' });
    expect(byForm(second, 'US')).toMatchObject({ head: 4, deprel: 'obj' });
  });

  it('says what is wrong with its arguments or its input', async () => {
    const noInput = await run(['parse']);
    expect(noInput.code).toBe(2);
    expect(noInput.err).toMatch(/give one CoNLL-U file .* or --text/);
    const bad = join(tmp, 'bad.conllu');
    writeFileSync(bad, '1\tonly three\tcolumns\n');
    const r = await run(['parse', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 1: expected 10 tab-separated columns/);
    const noModel = await run(['parse', '--model', join(tmp, 'missing.gz'), '--text', 'Hi.']);
    expect(noModel.code).toBe(1);
    expect(noModel.err).toMatch(/cannot read the syntax model at .*missing\.gz .*npm run train:syntax rebuilds it/);
    writeFileSync(join(tmp, 'not-a-model.gz'), 'hello');
    expect((await run(['parse', '--model', join(tmp, 'not-a-model.gz'), '--text', 'Hi.'])).err).toMatch(/the syntax model is not gzip data/);
  });
});
