// The analyser's errors on the DEV split of the GUM news mentions (bench/eval/data/gum-news/dev.json),
// for improving the rules. The test split is an unseen set: this script never reads it, and
// nobody should look at its errors.
//
//   npx tsx bench/eval/gum/errors.ts            missed gold names and spurious predictions by type
//   npx tsx bench/eval/gum/errors.ts ORG        only one type
//   npx tsx bench/eval/gum/errors.ts --doc GUM_news_iodine

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { GoldType } from './convert.js';
import { evaluateSplit, GOLD_TYPES, lineAround, loadSplit, scoreSplit } from './score.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const { values, positionals } = parseArgs({ allowPositionals: true, options: { doc: { type: 'string' } } });
const types = (positionals.length ? positionals.map((t) => t.toUpperCase()) : GOLD_TYPES) as GoldType[];
const bad = types.filter((t) => !GOLD_TYPES.includes(t));
if (bad.length) {
  process.stderr.write(`unknown type ${bad.join(', ')}: the types are ${GOLD_TYPES.join(' ')}\n`);
  process.exit(2);
}
const docs = loadSplit(join(ROOT, 'bench/eval/data/gum-news'), 'dev').filter((d) => !values.doc || d.id === values.doc);
const results = evaluateSplit(docs);
const score = scoreSplit(results);
const pct = (x: number) => (100 * x).toFixed(1);
process.stdout.write(`dev: ${score.docs} documents, ${score.typed.gold} gold names; typed P ${pct(score.typed.precision)} R ${pct(score.typed.recall)} F1 ${pct(score.typed.f1)}, span F1 ${pct(score.span.f1)}\n`);
for (const type of types) {
  const t = score.byType[type];
  process.stdout.write(`\n== ${type}: gold ${t.gold}, predicted ${t.predicted}, matched ${t.tp} (P ${pct(t.precision)} R ${pct(t.recall)})\n`);
  process.stdout.write('-- missed (gold name with no prediction of the same span and type)\n');
  for (const r of results) {
    for (const e of r.missed.filter((m) => m.type === type)) {
      const other = r.predicted.filter((p) => p.start < e.end && e.start < p.end).map((p) => `${p.type} "${p.text}"`);
      process.stdout.write(`  ${r.doc.id}  "${e.text}"${other.length ? `  [predicted: ${other.join(', ')}]` : ''}\n      ${lineAround(r.doc.text, e.start, e.end)}\n`);
    }
  }
  process.stdout.write('-- spurious (prediction with no gold name of the same span and type)\n');
  for (const r of results) {
    for (const p of r.spurious.filter((s) => s.type === type)) {
      const other = r.doc.entities.filter((e) => e.start < p.end && p.start < e.end).map((e) => `${e.type} "${e.text}"`);
      process.stdout.write(`  ${r.doc.id}  "${p.text}" (${p.actor})${other.length ? `  [gold: ${other.join(', ')}]` : ''}\n      ${lineAround(r.doc.text, p.start, p.end)}\n`);
    }
  }
}
