#!/usr/bin/env node
// ---- newsdigest: vendored copy ----
// A copy of the team's scorer ../shared/extraction-dev/score.mjs (its port of the article
// extraction benchmark's evaluate.py), byte for byte apart from this note. It lives here so that
// npm test scores the vendored dev set (test/fixtures/extraction-dev) on a clone that has no
// shared folder beside it. `npm run eval` fails when the two differ: change the original, then
// copy it here again (bench/eval/vendored.ts lists every vendored copy).
// ---- end of vendoring note ----
// Scorer replicating scrapinghub/article-extraction-benchmark evaluate.py
// (repo HEAD 4a3bc97, file evaluate.py) in plain Node (no deps).
//
// Method (faithful port):
//   tokens   = Python re `\w+` (re.UNICODE)  ->  JS /[\p{L}\p{N}_]+/gu
//              (Python \w = str.isalnum() chars + '_'; isalnum = L* categories
//               + chars with a Numeric_Type; combining marks are NOT word chars
//               in either engine). Case-sensitive.
//   shingles = all 4-grams of tokens; if a text has 1..3 tokens it yields one
//              shorter shingle (range(0, max(1, len-n+1))); 0 tokens -> none.
//   per page = multiset match of shingles: tp=sum min(t,p), fp=sum max(0,p-t),
//              fn=sum max(0,t-p); then (tp,fp,fn) /= (tp+fp+fn) when > 0.
//   page P   = 1 if fp==fn==0; 0 if tp==fp==0; else tp/(tp+fp)   (pages with tp+fp>0 only)
//   page R   = 1 if fp==fn==0; 0 if tp==fn==0; else tp/(tp+fn)   (pages with tp+fn>0 only)
//   P, R     = MACRO means over those pages;  F1 = 2PR/(P+R)  (NOT mean of per-page F1)
//   accuracy = mean over pages of [tokens(true) == tokens(pred)]
//   *_std    = bootstrap stdev (default 1000 resamples of pages, seeded PRNG here;
//              Python uses unseeded random, so std differs in the 3rd decimal run-to-run).
//
// Deviations from evaluate.py:
//   * evaluate.py raises if prediction keys != truth keys. Here a missing
//     prediction is scored as empty text (and counted/warned); --strict restores the error.
//   * Unicode tables: Node's ICU vs Python's unicodedata version (edge chars only).
//
// Usage:
//   node score.mjs <predictions> [--truth truth] [--per-page out.json]
//                  [--n-bootstrap 1000] [--seed 1] [--strict] [--json]
//   <predictions> is either a directory of <id>.json files ({"text": ...}; also
//   accepts "articleBody"), or a single Zyte-style JSON file
//   ({id: {articleBody}} or {"version","output":{...}}).
//   <truth> is a directory of <id>.json ({articleBody,url}) or ground-truth.json.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export function tokenize(text) {
  return (text || '').match(TOKEN_RE) || [];
}

export function ngrams(text, n = 4) {
  const tokens = tokenize(text);
  const out = [];
  const end = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < end; i++) {
    const sh = tokens.slice(i, i + n);
    if (sh.length) out.push(sh.join(' ')); // ' ' can never occur inside a token
  }
  return out;
}

function counter(arr) {
  const m = new Map();
  for (const x of arr) m.set(x, (m.get(x) || 0) + 1);
  return m;
}

export function shingleMatch(trueText, predText, n = 4) {
  const t = counter(ngrams(trueText, n));
  const p = counter(ngrams(predText, n));
  let tp = 0, fp = 0, fn = 0;
  const keys = new Set([...t.keys(), ...p.keys()]);
  for (const k of keys) {
    const tc = t.get(k) || 0, pc = p.get(k) || 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [tp, fp, fn];
}

function precisionScore(tp, fp, fn) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}
function recallScore(tp, fp, fn) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
function stdev(a) { // sample stdev, like statistics.stdev
  if (a.length < 2) return 0;
  const m = mean(a);
  return Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1));
}

export function metricsFromTpFpFns(list) {
  const precision = mean(list.filter(([tp, fp]) => tp + fp > 0).map(([tp, fp, fn]) => precisionScore(tp, fp, fn)));
  const recall = mean(list.filter(([tp, , fn]) => tp + fn > 0).map(([tp, fp, fn]) => recallScore(tp, fp, fn)));
  const f1 = (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall };
}

export function accuracy(trueText, predText) {
  const a = tokenize(trueText), b = tokenize(predText);
  return a.length === b.length && a.every((x, i) => x === b[i]) ? 1 : 0;
}

function mulberry32(seed) {
  return function () {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function evaluate(truth, pred, { nBootstrap = 1000, seed = 1 } = {}) {
  const ids = Object.keys(truth).sort();
  const tpFpFns = [], accs = [], perPage = [];
  for (const id of ids) {
    const t = truth[id] ?? '';
    const p = pred[id] ?? '';
    const m = shingleMatch(t, p);
    const acc = accuracy(t, p);
    tpFpFns.push(m); accs.push(acc);
    const [tp, fp, fn] = m;
    const P = tp + fp > 0 ? precisionScore(tp, fp, fn) : null;
    const R = tp + fn > 0 ? recallScore(tp, fp, fn) : null;
    perPage.push({ id, precision: P, recall: R, f1: P != null && R != null && P + R > 0 ? (2 * P * R) / (P + R) : 0,
      tp, fp, fn, exact: acc, missing: !(id in pred) });
  }
  const metrics = metricsFromTpFpFns(tpFpFns);
  metrics.accuracy = mean(accs);
  if (nBootstrap > 0) {
    const rnd = mulberry32(seed);
    const b = { f1: [], precision: [], recall: [], accuracy: [] };
    const n = tpFpFns.length;
    for (let r = 0; r < nBootstrap; r++) {
      const idx = Array.from({ length: n }, () => Math.floor(rnd() * n));
      const bm = metricsFromTpFpFns(idx.map((i) => tpFpFns[i]));
      for (const k of ['f1', 'precision', 'recall']) b[k].push(bm[k]);
      b.accuracy.push(mean(idx.map((i) => accs[i])));
    }
    for (const k of Object.keys(b)) metrics[`${k}_std`] = stdev(b[k]);
  }
  metrics.n = ids.length;
  metrics.missing = perPage.filter((x) => x.missing).length;
  return { metrics, perPage };
}

// ---------- loading ----------
function textOf(v) {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  return v.text ?? v.articleBody ?? '';
}

export function loadDirOrFile(p, { truth = false } = {}) {
  const st = fs.statSync(p);
  const out = {};
  if (st.isDirectory()) {
    for (const f of fs.readdirSync(p)) {
      if (!f.endsWith('.json')) continue;
      const id = f.slice(0, -5);
      const v = JSON.parse(fs.readFileSync(path.join(p, f), 'utf8'));
      out[id] = truth ? (v.articleBody ?? '') : textOf(v);
    }
  } else {
    let data = JSON.parse(fs.readFileSync(p, 'utf8'));
    if (data && typeof data === 'object' && 'output' in data && 'version' in data && Object.keys(data).length === 2) data = data.output;
    for (const [id, v] of Object.entries(data)) out[id] = truth ? (v.articleBody ?? '') : textOf(v);
  }
  return out;
}

function parseArgs(argv) {
  const a = { truth: path.join(HERE, 'truth'), nBootstrap: 1000, seed: 1, strict: false, json: false, perPage: null, pred: null };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--truth') a.truth = argv[++i];
    else if (x === '--n-bootstrap') a.nBootstrap = +argv[++i];
    else if (x === '--seed') a.seed = +argv[++i];
    else if (x === '--strict') a.strict = true;
    else if (x === '--json') a.json = true;
    else if (x === '--per-page') a.perPage = argv[++i];
    else if (!a.pred) a.pred = x;
    else throw new Error(`unexpected arg ${x}`);
  }
  if (!a.pred) { console.error('usage: node score.mjs <predictions dir|file> [--truth DIR|FILE] [--per-page OUT.json] [--n-bootstrap N] [--seed S] [--strict] [--json]'); process.exit(2); }
  return a;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const truth = loadDirOrFile(args.truth, { truth: true });
  const pred = loadDirOrFile(args.pred);
  const extra = Object.keys(pred).filter((k) => !(k in truth));
  const missing = Object.keys(truth).filter((k) => !(k in pred));
  if (args.strict && (extra.length || missing.length)) {
    console.error(`prediction keys do not match ground truth (missing ${missing.length}, extra ${extra.length})`);
    process.exit(1);
  }
  if (missing.length) console.error(`warning: ${missing.length} truth ids have no prediction; scored as empty text`);
  if (extra.length) console.error(`warning: ${extra.length} predictions have no truth; ignored`);
  const { metrics, perPage } = evaluate(truth, pred, { nBootstrap: args.nBootstrap, seed: args.seed });
  if (args.perPage) fs.writeFileSync(args.perPage, JSON.stringify(perPage, null, 1));
  if (args.json) console.log(JSON.stringify(metrics));
  else {
    const f = (k) => `${metrics[k].toFixed(3)} ± ${(metrics[`${k}_std`] ?? 0).toFixed(3)}`;
    console.log(`n=${metrics.n} missing=${metrics.missing}`);
    console.log(`F1 ${f('f1')}  precision ${f('precision')}  recall ${f('recall')}  accuracy ${f('accuracy')}`);
  }
}
