#!/usr/bin/env node
// ---- newsdigest: vendored copy ----
// A copy of the team's scorer ../shared/eval/score-analysis.mjs, byte for byte apart from this
// note. It lives here so that npm test scores the team's annotated fixtures
// (test/fixtures/analysis) on a clone that has no shared folder beside it. `npm run eval` fails
// when the two differ: change the original, then copy it here again (bench/eval/vendored.ts lists
// every vendored copy).
// ---- end of vendoring note ----
// Scores an article analysis (actors + stances) against a hand-annotated gold file.
//
//   node score-analysis.mjs GOLD.json PREDICTION.json [--json]
//   node score-analysis.mjs --gold-dir DIR --pred-dir DIR [--json]   (pairs NAME.gold.json with NAME.json)
//
// PREDICTION is the analysis of one article in the shape described in ../DESIGN.md:
//   { "actors":  [{ "id", "name", "type", "aliases"?: [], "country"?: "RUS", "salience"?: 0..1 }],
//     "stances": [{ "text": "<the sentence>", "source": "<actor id>", "target": "<actor id>", "polarity": -1|0|1 }] }
// A prediction may also be wrapped as { "analysis": { ... } } or be a full article record holding those two keys.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';

const norm = (s) => String(s ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  .toLowerCase().replace(/[’'`]/g, "'").replace(/[“”"]/g, '"').replace(/\s+/g, ' ').trim();

function unwrap(p) {
  if (p && p.analysis) return p.analysis;
  return p;
}

function actorKeys(a) {
  return new Set([a.id, a.name, ...(a.aliases ?? [])].filter(Boolean).map(norm));
}

export function score(gold, predRaw) {
  const pred = unwrap(predRaw);
  const goldActors = [...gold.actors, ...(gold.optionalActors ?? []).map((a) => ({ ...a, optional: true }))];
  const byKey = new Map(goldActors.map((g) => [g.key, { ...g, matchSet: new Set(g.match.map(norm)) }]));
  const predActors = pred.actors ?? [];
  const predById = new Map(predActors.map((a) => [a.id, a]));

  // which gold actor a predicted actor is
  const goldOf = (a) => {
    const ks = actorKeys(a);
    for (const g of byKey.values()) for (const k of ks) if (g.matchSet.has(k)) return g;
    return null;
  };

  // --- actors ---
  const seen = new Set();
  let tp = 0, fp = 0;
  const fpNames = [], dupNames = [];
  for (const a of predActors) {
    if (['place', 'media', 'location'].includes(a.type)) continue;
    const g = goldOf(a);
    if (!g) { fp++; fpNames.push(a.name ?? a.id); continue; }
    if (g.optional) continue;
    if (seen.has(g.key)) { fp++; dupNames.push(a.name ?? a.id); continue; }
    seen.add(g.key); tp++;
  }
  const required = gold.actors.length;
  const actorP = tp + fp ? tp / (tp + fp) : 0, actorR = tp / required;
  const missedActors = gold.actors.filter((g) => !seen.has(g.key)).map((g) => g.key);

  // --- top actors by salience ---
  const top = [...predActors].filter((a) => typeof a.salience === 'number')
    .sort((x, y) => y.salience - x.salience).slice(0, (gold.topActors ?? []).length)
    .map((a) => goldOf(a)?.key);
  const topHits = (gold.topActors ?? []).filter((k) => top.includes(k)).length;

  // --- stances ---
  // a predicted actor fills a gold slot if it is that gold actor, or its country is the slot's country,
  // or the slot is a person whose rollup country the predicted actor is
  const fills = (predId, slotKey) => {
    const a = predById.get(predId) ?? { id: predId, name: predId };
    const slot = byKey.get(slotKey);
    const g = goldOf(a);
    if (g && g.key === slotKey) return true;
    if (a.country && slot.matchSet.has(norm(a.country))) return true;
    if (slot.rollup && g && g.key === slot.rollup) return true;
    return false;
  };
  const goldStances = gold.stances.map((s, i) => ({ ...s, i, sent: norm(s.sentence) }));
  const matched = new Set();
  let sTp = 0, sFp = 0;
  const wrong = [];
  for (const s of pred.stances ?? []) {
    if (!s.polarity) continue;
    const text = norm(s.text);
    const hit = goldStances.find((g) => !matched.has(g.i) && text.includes(g.sent)
      && Math.sign(s.polarity) === g.polarity
      && ((fills(s.source, g.source) && fills(s.target, g.target))
        || (g.symmetric && fills(s.source, g.target) && fills(s.target, g.source))));
    if (hit) { matched.add(hit.i); sTp++; continue; }
    // the reverse direction of a symmetric stance already matched is neither right nor wrong
    const mirror = goldStances.find((g) => g.symmetric && matched.has(g.i) && text.includes(g.sent)
      && Math.sign(s.polarity) === g.polarity && fills(s.source, g.target) && fills(s.target, g.source));
    if (!mirror) {
      sFp++;
      wrong.push(`${predById.get(s.source)?.name ?? s.source} -> ${predById.get(s.target)?.name ?? s.target} ${s.polarity > 0 ? '+' : '-'} | ${String(s.text).slice(0, 70)}`);
    }
  }
  const req = goldStances.filter((g) => g.required);
  const reqHit = req.filter((g) => matched.has(g.i)).length;
  const stanceP = sTp + sFp ? sTp / (sTp + sFp) : 0, stanceR = reqHit / req.length;
  const f1 = (p, r) => (p + r ? (2 * p * r) / (p + r) : 0);
  return {
    actors: { precision: actorP, recall: actorR, f1: f1(actorP, actorR), tp, fp, required, missed: missedActors, extra: fpNames, duplicates: dupNames },
    topActors: { hits: topHits, of: (gold.topActors ?? []).length },
    stances: { precision: stanceP, recall: stanceR, f1: f1(stanceP, stanceR), tp: sTp, predicted: sTp + sFp, requiredMatched: reqHit, required: req.length,
      missed: req.filter((g) => !matched.has(g.i)).map((g) => `${g.source} -> ${g.target} ${g.polarity > 0 ? '+' : '-'} | ${g.sentence}`), wrong },
  };
}

function fmt(name, r) {
  const p = (x) => x.toFixed(3);
  return `${name}: actors P ${p(r.actors.precision)} R ${p(r.actors.recall)} F1 ${p(r.actors.f1)} | top ${r.topActors.hits}/${r.topActors.of} | stances P ${p(r.stances.precision)} R ${p(r.stances.recall)} F1 ${p(r.stances.f1)} (${r.stances.requiredMatched}/${r.stances.required} required, ${r.stances.predicted} predicted)`;
}

const args = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
  const asJson = args.includes('--json');
  const pairs = [];
  if (args.includes('--gold-dir')) {
    const gd = args[args.indexOf('--gold-dir') + 1], pd = args[args.indexOf('--pred-dir') + 1];
    for (const f of readdirSync(gd).filter((f) => f.endsWith('.gold.json'))) {
      const name = basename(f, '.gold.json'), pf = join(pd, `${name}.json`);
      pairs.push([name, join(gd, f), existsSync(pf) ? pf : null]);
    }
  } else if (args.length >= 2) {
    pairs.push([basename(args[1]), args[0], args[1]]);
  } else {
    console.error('usage: score-analysis.mjs GOLD.json PREDICTION.json [--json] | --gold-dir DIR --pred-dir DIR [--json]');
    process.exit(2);
  }
  const results = {};
  const tot = { aTp: 0, aP: 0, aR: 0, sHit: 0, sReq: 0, sTp: 0, sPred: 0 };
  for (const [name, g, p] of pairs) {
    const gold = JSON.parse(readFileSync(g, 'utf8'));
    const r = score(gold, p ? JSON.parse(readFileSync(p, 'utf8')) : { actors: [], stances: [] });
    results[name] = r;
    if (!asJson) {
      console.log(fmt(name, r));
      if (r.actors.missed.length) console.log(`  missed actors: ${r.actors.missed.join(', ')}`);
      if (r.actors.extra.length) console.log(`  extra actors: ${r.actors.extra.join(', ')}`);
      if (r.actors.duplicates.length) console.log(`  unmerged duplicates: ${r.actors.duplicates.join(', ')}`);
      for (const m of r.stances.missed) console.log(`  missed stance: ${m}`);
      for (const w of r.stances.wrong) console.log(`  wrong stance: ${w}`);
    }
    tot.aTp += r.actors.tp; tot.aP += r.actors.tp + r.actors.fp; tot.aR += r.actors.required;
    tot.sHit += r.stances.requiredMatched; tot.sReq += r.stances.required;
    tot.sTp += r.stances.tp; tot.sPred += r.stances.predicted;
  }
  if (pairs.length > 1 || asJson) {
    const aP = tot.aP ? tot.aTp / tot.aP : 0, aR = tot.aTp / tot.aR, sP = tot.sPred ? tot.sTp / tot.sPred : 0, sR = tot.sHit / tot.sReq;
    const f1 = (p, r) => (p + r ? (2 * p * r) / (p + r) : 0);
    const summary = { actors: { precision: aP, recall: aR, f1: f1(aP, aR) }, stances: { precision: sP, recall: sR, f1: f1(sP, sR) }, articles: pairs.length };
    if (asJson) console.log(JSON.stringify({ summary, results }, null, 2));
    else console.log(`ALL (${pairs.length}): actors F1 ${summary.actors.f1.toFixed(3)} (P ${aP.toFixed(3)} R ${aR.toFixed(3)}) | stances F1 ${summary.stances.f1.toFixed(3)} (P ${sP.toFixed(3)} R ${sR.toFixed(3)})`);
  }
}
