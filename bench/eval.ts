// npm run eval: the analysis's quality on every annotated set the team has, as one table against
// the floors in bench/eval-floors.json. The data and scorers live in the shared folder beside the
// checkout (../shared), which a plain clone does not have: npm test never needs it, this does.
//
//   npm run eval                        every set: corpus fixtures plover dsa (and ewt once written)
//   npm run eval -- plover dsa          only these sets
//   npm run eval -- --misses            also what each set got wrong, for people
//   npm run eval -- --json              one JSON object with everything, for machines
//   npm run eval -- --update-floors     raise the floors to today's scores (never lowers one)
//
// Exit codes: 0 every figure at or above its floor; 1 a figure below its floor, a floor not
// measured, a set that failed to run or a vendored copy that drifted from its original; 2 a usage
// error or a missing shared folder. Sets are modules in bench/eval/ (see section.ts).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compare, failing, raiseFloors, readFloors, writeFloors, type Floors, type Line, type Raise } from './eval/floors.js';
import type { EvalSection, SectionResult } from './eval/section.js';
import { loadSections } from './eval/sections.js';
import { formatTable, verdict } from './eval/table.js';
import { checkVendored, type Drift } from './eval/vendored.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = resolve(ROOT, '../shared');
export const FLOORS_FILE = join(ROOT, 'bench/eval-floors.json');

export class UsageError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'UsageError';
  }
}

export class SharedFolderMissingError extends Error {
  constructor(sharedDir: string, missing: readonly string[]) {
    super(missing.length
      ? `npm run eval needs files the shared folder ${sharedDir} does not have: ${missing.join(', ')}`
      : `npm run eval needs the team's shared folder beside the checkout, and ${sharedDir} does not exist. `
        + 'It holds the annotated corpus, the stance data and the scorers; npm test does not need it.');
    this.name = 'SharedFolderMissingError';
  }
}

export interface EvalOptions {
  sets: string[];
  json: boolean;
  misses: boolean;
  updateFloors: boolean;
}

export function parseEvalArgs(argv: readonly string[], known: readonly string[]): EvalOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, misses: { type: 'boolean' }, 'update-floors': { type: 'boolean' } },
    });
  } catch (err: unknown) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const unknown = parsed.positionals.filter((s) => !known.includes(s));
  if (unknown.length) throw new UsageError(`unknown set ${unknown.join(', ')}: the sets are ${known.join(', ')}`);
  return {
    sets: [...new Set(parsed.positionals)],
    json: parsed.values.json ?? false,
    misses: parsed.values.misses ?? false,
    updateFloors: parsed.values['update-floors'] ?? false,
  };
}

/** The paths the chosen sets need that the shared folder lacks, as `<set>: <path>`. */
export function missingNeeds(sharedDir: string, sections: readonly EvalSection[]): string[] {
  return sections.flatMap((s) => s.needs.filter((p) => !existsSync(join(sharedDir, p))).map((p) => `${s.name}: ${p}`));
}

interface SetOutcome {
  section: EvalSection;
  seconds: number;
  result?: SectionResult;
  error?: string;
}

async function runSection(section: EvalSection, sharedDir: string): Promise<SetOutcome> {
  const workDir = mkdtempSync(join(tmpdir(), `newsdigest-eval-${section.name}-`));
  const started = performance.now();
  try {
    const result = await section.run({ repoRoot: ROOT, sharedDir, workDir });
    return { section, seconds: (performance.now() - started) / 1000, result };
  } catch (err: unknown) {
    return { section, seconds: (performance.now() - started) / 1000, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function linesOf(outcomes: readonly SetOutcome[], floors: Floors): Line[] {
  return outcomes.flatMap((o) => (o.result ? compare(o.section.name, o.result.rows, floors[o.section.name]) : []));
}

export async function runEval(argv: readonly string[], sharedDir = SHARED_DIR, floorsFile = FLOORS_FILE): Promise<number> {
  const sections = await loadSections();
  const opts = parseEvalArgs(argv, sections.map((s) => s.name));
  const chosen = opts.sets.length ? sections.filter((s) => opts.sets.includes(s.name)) : sections;
  if (!existsSync(sharedDir)) throw new SharedFolderMissingError(sharedDir, []);
  const missing = missingNeeds(sharedDir, chosen);
  if (missing.length) throw new SharedFolderMissingError(sharedDir, missing);

  const vendored = checkVendored(ROOT, sharedDir);
  process.stderr.write(vendored.drifts.length
    ? `vendored copies: ${vendored.drifts.length} of ${vendored.compared} files differ from the shared folder's originals\n`
    : `vendored copies: all ${vendored.compared} files identical to the shared folder's originals\n`);
  let floors = readFloors(floorsFile);
  const outcomes: SetOutcome[] = [];
  for (const section of chosen) {
    process.stderr.write(`${section.name}: ${section.description} ... `);
    const outcome = await runSection(section, sharedDir);
    process.stderr.write(outcome.error ? `failed after ${outcome.seconds.toFixed(1)} s\n` : `${outcome.seconds.toFixed(1)} s\n`);
    outcomes.push(outcome);
  }

  let raised: Raise[] = [];
  if (opts.updateFloors) {
    const results = Object.fromEntries(outcomes.filter((o) => o.result).map((o) => [o.section.name, o.result!.rows]));
    ({ floors, raised } = raiseFloors(floors, results));
    if (raised.length) writeFloors(floorsFile, floors);
    process.stderr.write(raised.length
      ? `raised ${raised.length} floor(s) in ${floorsFile}:\n${raised.map((r) => `  ${r.set} ${r.key}: ${r.from ?? 'none'} -> ${r.to}`).join('\n')}\n`
      : `no floor to raise in ${floorsFile}\n`);
  }

  const lines = linesOf(outcomes, floors);
  const problems = [
    ...outcomes.filter((o) => o.error).map((o) => `set ${o.section.name} failed to run (${o.error})`),
    ...vendored.drifts.map(driftText),
  ];
  const pass = !failing(lines).length && !problems.length;

  if (opts.json) {
    process.stdout.write(`${JSON.stringify({
      pass,
      verdict: verdict(lines, problems),
      floorsFile,
      lines,
      sets: Object.fromEntries(outcomes.map((o) => [o.section.name, {
        description: o.section.description,
        seconds: Number(o.seconds.toFixed(2)),
        ...(o.error ? { error: o.error } : o.result),
      }])),
      vendored,
      raised,
    }, null, 2)}\n`);
  } else {
    if (opts.misses) {
      for (const o of outcomes) {
        if (!o.result) continue;
        process.stdout.write(`== ${o.section.name}: ${o.result.misses.length} miss(es)\n`);
        for (const m of o.result.misses) process.stdout.write(`  ${m}\n`);
        process.stdout.write('\n');
      }
    }
    if (vendored.drifts.length) process.stdout.write(`${vendored.drifts.map(driftText).join('\n')}\n\n`);
    process.stdout.write(`${formatTable(lines, problems)}\n`);
  }
  return pass ? 0 : 1;
}

function driftText(d: Drift): string {
  return `vendored copy ${d.copy} ${d.problem} (shared folder: ${d.original}): `
    + 'review the change, copy the original again (see bench/eval/vendored.ts) and run npm test';
}

/** 2 for what the user must fix before an eval can run (arguments, the shared folder); 1 otherwise. */
export function exitCodeFor(err: unknown): number {
  return err instanceof UsageError || err instanceof SharedFolderMissingError ? 2 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEval(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`npm run eval: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = exitCodeFor(err);
    },
  );
}
