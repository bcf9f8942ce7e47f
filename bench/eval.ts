// npm run eval: analyses every article that has a hand annotation (../shared/corpus and the
// team's own test/fixtures/analysis) and prints the team scorer's actor and stance P/R/F1.
//
//   npm run eval                 both sets
//   npm run eval -- corpus       only ../shared/corpus
//   npm run eval -- fixtures     only test/fixtures/analysis

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../shared/analysis/analyse.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EVAL_SETS = {
  corpus: resolve(ROOT, '../shared/corpus'),
  fixtures: join(ROOT, 'test/fixtures/analysis'),
} as const;
export const SCORER = resolve(ROOT, '../shared/eval/score-analysis.mjs');

/** The annotated articles of a folder: NAME.txt beside NAME.gold.json. */
export function annotatedArticles(dir: string): { name: string; textFile: string; goldFile: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => {
      const name = basename(f, '.gold.json');
      const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { text?: string };
      return { name, textFile: join(dir, gold.text ?? `${name}.txt`), goldFile: join(dir, f) };
    })
    .filter((a) => existsSync(a.textFile))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function evaluate(set: keyof typeof EVAL_SETS): void {
  const dir = EVAL_SETS[set];
  const predDir = mkdtempSync(join(tmpdir(), `newsdigest-eval-${set}-`));
  try {
    const articles = annotatedArticles(dir);
    for (const a of articles) {
      const text = readFileSync(a.textFile, 'utf8');
      writeFileSync(join(predDir, `${a.name}.json`), JSON.stringify(analyse(text)));
    }
    console.log(`== ${set}: ${articles.length} annotated articles in ${dir}`);
    console.log(execFileSync(process.execPath, [SCORER, '--gold-dir', dir, '--pred-dir', predDir], { encoding: 'utf8' }));
  } finally {
    rmSync(predDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(SCORER)) {
    console.error(`the scorer is missing: ${SCORER} (../shared must sit beside the checkout)`);
    process.exit(2);
  }
  const wanted = process.argv.slice(2).filter((a) => a in EVAL_SETS) as (keyof typeof EVAL_SETS)[];
  for (const set of wanted.length ? wanted : (Object.keys(EVAL_SETS) as (keyof typeof EVAL_SETS)[])) evaluate(set);
}
