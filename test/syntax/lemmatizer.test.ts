// The lemmatizer: the shipped model's lemmas for irregular verbs, plurals, comparatives, clitics and
// proper nouns, and for words its lexicon lacks (by rule); what tagAndParse and parseText return;
// training on the vendored EWT dev sample is deterministic, and a model file gives back what was
// trained.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readConllu } from '../../shared/analysis/syntax/conllu.js';
import { FeatureTable, HashIndex } from '../../shared/analysis/syntax/feature-table.js';
import { lemmatize, loadSyntaxModel, parseText, tagAndParse, tagIndex } from '../../shared/analysis/syntax/index.js';
import { applyScript, CASE_KEEP, CASE_LOWER, CASE_TITLE, lemmaOf, lexiconScript, USE_RULES } from '../../shared/analysis/syntax/lemmatizer.js';
import { decodeModel, decodeModelWithoutLemmatizer, encodeModel, type SyntaxModel } from '../../shared/analysis/syntax/model.js';
import { MODEL_FORMAT_VERSION } from '../../shared/analysis/syntax/model-file.js';
import { MOVES } from '../../shared/analysis/syntax/parser.js';
import { scriptsFor, trainLemmatizer, type LemmaExample } from '../../train/syntax/lemmatizer.js';

const model = loadSyntaxModel();
const sample = readConllu(readFileSync(join(import.meta.dirname, '../fixtures/ud-ewt/en_ewt-ud-dev.sample.conllu'), 'utf8'));

type Case = [form: string, tag: string, lemma: string];
const check = (cases: Case[]) => {
  for (const [form, tag, lemma] of cases) expect(`${form} ${tag} -> ${lemmatize(model, form, tag)}`).toBe(`${form} ${tag} -> ${lemma}`);
};

describe('lemmatize with the shipped model', () => {
  it('irregular verbs, auxiliaries included', () => check([
    ['went', 'VERB|VBD', 'go'], ['was', 'AUX|VBD', 'be'], ['were', 'AUX|VBD', 'be'], ['has', 'AUX|VBZ', 'have'],
    ['did', 'AUX|VBD', 'do'], ['said', 'VERB|VBD', 'say'], ['taken', 'VERB|VBN', 'take'], ['fought', 'VERB|VBD', 'fight'],
    // Forms EWT never shows, from WordNet's exception lists.
    ['fled', 'VERB|VBD', 'flee'], ['sped', 'VERB|VBD', 'speed'],
  ]));

  it('plurals, regular and not', () => check([
    ['children', 'NOUN|NNS', 'child'], ['women', 'NOUN|NNS', 'woman'], ['countries', 'NOUN|NNS', 'country'],
    ['analyses', 'NOUN|NNS', 'analysis'], ['crises', 'NOUN|NNS', 'crisis'], ['Sanctions', 'NOUN|NNS', 'sanction'],
  ]));

  it('comparatives and superlatives', () => check([
    ['better', 'ADJ|JJR', 'good'], ['best', 'ADJ|JJS', 'good'], ['worse', 'ADJ|JJR', 'bad'], ['larger', 'ADJ|JJR', 'large'],
    ['biggest', 'ADJ|JJS', 'big'], ['hottest', 'ADJ|JJS', 'hot'],
  ]));

  it('clitics, by their tag', () => check([
    ["n't", 'PART|RB', 'not'], ["'s", 'AUX|VBZ', 'be'], ["'s", 'PART|POS', "'s"], ["'re", 'AUX|VBP', 'be'],
    ["'ll", 'AUX|MD', 'will'], ['ca', 'AUX|MD', 'can'], ['wo', 'AUX|MD', 'will'], ["'ve", 'AUX|VBP', 'have'], ["'m", 'AUX|VBP', 'be'],
  ]));

  it('proper nouns keep their case; other words are lower-cased, "I" excepted', () => check([
    ['Bush', 'PROPN|NNP', 'Bush'], ['U.S.', 'PROPN|NNP', 'U.S.'], ['NATO', 'PROPN|NNP', 'NATO'], ['McDonald', 'PROPN|NNP', 'McDonald'],
    ['Tbilisi', 'PROPN|NNP', 'Tbilisi'], ['Americans', 'PROPN|NNPS', 'American'],
    ['The', 'DET|DT', 'the'], ['Warned', 'VERB|VBD', 'warn'], ['me', 'PRON|PRP', 'I'], ['I', 'PRON|PRP', 'I'],
  ]));

  it('words its lexicon lacks get their lemma by rule', () => {
    const cases: Case[] = [
      ['sanctioned', 'VERB|VBD', 'sanction'], ['tariffs', 'NOUN|NNS', 'tariff'], ['negotiating', 'VERB|VBG', 'negotiate'],
      ['retaliated', 'VERB|VBD', 'retaliate'], ['airstrikes', 'NOUN|NNS', 'airstrike'], ['denuclearizing', 'VERB|VBG', 'denuclearize'],
      ['vetoed', 'VERB|VBD', 'veto'], ['stopped', 'VERB|VBD', 'stop'], ['planned', 'VERB|VBD', 'plan'],
      // A known lemma decides between the rule's scripts: "wipe", not "wip" or "wi".
      ['wiped', 'VERB|VBD', 'wipe'],
    ];
    for (const [form, tag] of cases) {
      const entry = lexiconScript(model.lemmatizer, form.toLowerCase(), tagIndex(model, tag));
      expect(entry === -1 || entry === USE_RULES, `${form} is not in the lexicon`).toBe(true);
    }
    check(cases);
  });

  it('takes a tag as an index, a name or a bare Universal POS tag, and refuses others', () => {
    const vbd = model.tagSet.names.indexOf('VERB|VBD');
    expect(lemmatize(model, 'went', vbd)).toBe('go');
    expect(model.tagSet.names[tagIndex(model, 'VERB')]).toBe('VERB|VB');
    expect(lemmatize(model, 'went', 'VERB')).toBe('go'); // VERB|VB lacks "went": VERB|VBD's entry
    expect(lemmatize(model, 'tariffs', 'NOUN|NNS')).toBe('tariff');
    expect(lemmatize(model, 'tariffs', 'NOUN')).toBe('tariffs'); // NOUN|NN: a singular
    expect(() => lemmatize(model, 'went', 'VRB')).toThrow(RangeError);
    expect(() => lemmatize(model, 'went', model.tagSet.names.length)).toThrow(RangeError);
  });
});

describe('lemmas in what the parser returns', () => {
  it('tagAndParse gives every word its lemma from its predicted tag', () => {
    const words = tagAndParse(model, ['Iran', 'said', 'it', 'was', "n't", 'negotiating', 'over', 'the', 'tariffs', '.']);
    expect(words.map((w) => w.lemma)).toEqual(['Iran', 'say', 'it', 'be', 'not', 'negotiate', 'over', 'the', 'tariff', '.']);
  });

  it('parseText too', () => {
    const [s] = parseText(model, 'The ministers fled after the talks collapsed.');
    expect(s.words.map((w) => w.lemma)).toEqual(['the', 'minister', 'flee', 'after', 'the', 'talk', 'collapse', '.']);
  });
});

describe('edit scripts', () => {
  it('change the case, then strip an ending and add another', () => {
    expect(scriptsFor('children', 'child')).toContainEqual({ case: CASE_LOWER, strip: 'ren', add: '' });
    expect(scriptsFor('went', 'go')).toContainEqual({ case: CASE_LOWER, strip: 'went', add: 'go' });
    expect(scriptsFor('GOODWYN', 'Goodwyn')).toContainEqual({ case: CASE_TITLE, strip: '', add: '' });
    expect(scriptsFor('Americans', 'American')).toContainEqual({ case: CASE_KEEP, strip: 's', add: '' });
    for (const [form, lemma] of [['went', 'go'], ['GOODWYN', 'Goodwyn'], ['i', 'I'], ['Tigers', 'Tiger'], ['u', 'you']]) {
      for (const s of scriptsFor(form, lemma)) expect(applyScript(s, form, form.toLowerCase())).toBe(lemma);
    }
  });

  it('do not apply to words without their ending', () => {
    expect(applyScript({ case: CASE_LOWER, strip: 'ies', add: 'y' }, 'Countries', 'countries')).toBe('country');
    expect(applyScript({ case: CASE_LOWER, strip: 'ies', add: 'y' }, 'tariffs', 'tariffs')).toBeNull();
  });
});

describe('training', () => {
  const tagIds = new Map(model.tagSet.names.map((n, i) => [n, i]));
  const examples: LemmaExample[] = sample.flatMap((s) => s.words.filter((w) => w.lemma !== '_').map((w) => ({
    form: w.form, tag: tagIds.get(`${w.upos}|${w.xpos}`) ?? tagIndex(model, w.upos), lemma: w.lemma,
  })));

  it('is deterministic and gets its own training words right', () => {
    const a = trainLemmatizer(examples, model.tagSet), b = trainLemmatizer(examples, model.tagSet);
    expect(b.scripts).toEqual(a.scripts);
    expect(b.words.slots).toEqual(a.words.slots);
    expect(b.suffixes.slots).toEqual(a.suffixes.slots);
    expect(b.vocabulary.slots).toEqual(a.vocabulary.slots);
    const right = examples.filter((e) => lemmaOf(a, e.form, e.tag) === e.lemma).length;
    expect(right / examples.length).toBeGreaterThan(0.995);
  });

  it('writes the lemmatizer into the model file and reads it back as it was', () => {
    const lemmatizer = trainLemmatizer(examples, model.tagSet);
    // The lemmatizer with empty tagger and parser tables: the file's sections, not their sizes, are under test.
    const emptyTable = (nClasses: number) => FeatureTable.build(nClasses, {
      keys: new Int32Array(0), counts: new Uint8Array(0), classes: new Uint8Array(0), weights: new Int16Array(0),
    });
    const empty = HashIndex.build([]);
    const parts = {
      tagSet: model.tagSet,
      lexicon: { tagDictionary: empty, ambiguity: empty },
      tagger: emptyTable(model.tagSet.names.length),
      retagger: emptyTable(model.tagSet.names.length),
      retagMargin: 1,
      parser: { moves: emptyTable(MOVES), labels: emptyTable(model.parser.labelSet.names.length), labelSet: model.parser.labelSet },
      clusters: empty,
      lemmatizer,
      provenance: model.provenance,
    };
    const read: SyntaxModel = decodeModel(encodeModel(parts));
    expect(read.lemmatizer.scripts).toEqual(lemmatizer.scripts);
    expect(read.lemmatizer.maxSuffix).toBe(lemmatizer.maxSuffix);
    expect([...read.lemmatizer.words.slots]).toEqual([...lemmatizer.words.slots]);
    expect([...read.lemmatizer.suffixes.slots]).toEqual([...lemmatizer.suffixes.slots]);
    expect([...read.lemmatizer.vocabulary.slots]).toEqual([...lemmatizer.vocabulary.slots]);
    for (const e of examples) expect(lemmaOf(read.lemmatizer, e.form, e.tag)).toBe(lemmaOf(lemmatizer, e.form, e.tag));

    // A file of the format before (no lemmatizer) is refused at run time, but train:syntax --only
    // lemmatizer reads its tagger and parser to add one.
    const raw = gunzipSync(encodeModel(parts)).toString('latin1').replace(`"format":${MODEL_FORMAT_VERSION}`, `"format":${MODEL_FORMAT_VERSION - 1}`);
    const older = gzipSync(Buffer.from(raw, 'latin1'));
    expect(() => decodeModel(older)).toThrow(`format ${MODEL_FORMAT_VERSION - 1}, this code reads ${MODEL_FORMAT_VERSION}: retrain`);
    expect(decodeModelWithoutLemmatizer(older).tagSet.names).toEqual(model.tagSet.names);
  });
});
