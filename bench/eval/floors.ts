// Floors: the lowest score each headline figure may reach, kept in bench/eval-floors.json as
// { "<set>": { "<row>/<metric>": floor } }. They start at today's scores (rounded down to 3
// decimals) and only ever go up: --update-floors raises them to the scores just measured and never
// lowers one. A figure below its floor fails the eval; so does a floor whose figure was not
// measured (an article dropped from a set would otherwise leave the eval green).

import { readFileSync, writeFileSync } from 'node:fs';
import { metricKey, type Row } from './section.js';

export type Floors = Record<string, Record<string, number>>;

export class FloorsFileError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'FloorsFileError';
  }
}

export type Status = 'ok' | 'below' | 'no floor' | 'not measured' | '';

/** One line of the table: a figure of a set, its floor and how it compares. */
export interface Line {
  set: string;
  /** `<row>/<metric>`, the floors file's key. */
  key: string;
  /** What the table prints: the metric, prefixed by its row unless the row is `all`. */
  label: string;
  value: number | null;
  floor: number | null;
  status: Status;
  /** Printed as a whole number. */
  count?: boolean;
}

/** Rounds down to 3 decimals, so that a floor never sits above the score it was taken from. */
export function floorOf(value: number): number {
  // The epsilon keeps 0.136 (stored as 0.13599999999999998) from becoming 0.135.
  return Math.floor(value * 1000 + 1e-6) / 1000;
}

/** Scores are compared with a tolerance far below the 3 printed decimals: float noise is not a drop. */
const TOLERANCE = 1e-9;

export function labelOf(row: string, metric: string): string {
  return row === 'all' ? metric : `${row} ${metric}`;
}

/** Compares the figures of one set with its floors. */
export function compare(set: string, rows: readonly Row[], floors: Readonly<Record<string, number>> = {}): Line[] {
  const lines: Line[] = [];
  const measured = new Set<string>();
  for (const row of rows) {
    for (const m of row.metrics) {
      const key = metricKey(row.name, m.name);
      measured.add(key);
      const floor = floors[key] ?? null;
      let status: Status = '';
      if (floor !== null) status = m.value + TOLERANCE >= floor ? 'ok' : 'below';
      else if (m.gated) status = 'no floor';
      lines.push({ set, key, label: labelOf(row.name, m.name), value: m.value, floor, status, ...(m.count ? { count: true } : {}) });
    }
  }
  for (const [key, floor] of Object.entries(floors)) {
    if (measured.has(key)) continue;
    const slash = key.indexOf('/');
    lines.push({ set, key, label: labelOf(key.slice(0, slash), key.slice(slash + 1)), value: null, floor, status: 'not measured' });
  }
  return lines;
}

/** Lines that fail the eval. A figure without a floor does not: --update-floors records it. */
export function failing(lines: readonly Line[]): Line[] {
  return lines.filter((l) => l.status === 'below' || l.status === 'not measured');
}

export interface Raise {
  set: string;
  key: string;
  from: number | null;
  to: number;
}

/**
 * The floors raised to the scores of the sets given: every gated figure gets max(its floor, its
 * score rounded down); nothing is lowered, and floors of other sets and rows stay as they are.
 */
export function raiseFloors(floors: Readonly<Floors>, results: Readonly<Record<string, readonly Row[]>>): { floors: Floors; raised: Raise[] } {
  const next: Floors = Object.fromEntries(Object.entries(floors).map(([set, f]) => [set, { ...f }]));
  const raised: Raise[] = [];
  for (const [set, rows] of Object.entries(results)) {
    const setFloors = (next[set] ??= {});
    for (const row of rows) {
      for (const m of row.metrics) {
        if (!m.gated || !Number.isFinite(m.value)) continue;
        const key = metricKey(row.name, m.name);
        const from = setFloors[key] ?? null;
        const to = floorOf(m.value);
        if (from === null || to > from) {
          setFloors[key] = to;
          raised.push({ set, key, from, to });
        }
      }
    }
  }
  return { floors: next, raised };
}

export function readFloors(file: string): Floors {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err: unknown) {
    throw new FloorsFileError(file, `cannot be read as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FloorsFileError(file, 'must be an object of sets');
  for (const [set, f] of Object.entries(parsed)) {
    if (!f || typeof f !== 'object' || Array.isArray(f)) throw new FloorsFileError(file, `"${set}" must be an object of "<row>/<metric>": floor`);
    for (const [key, v] of Object.entries(f as Record<string, unknown>)) {
      if (!key.includes('/')) throw new FloorsFileError(file, `"${set}"."${key}" is not a "<row>/<metric>" key`);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new FloorsFileError(file, `"${set}"."${key}" must be a number, not ${JSON.stringify(v)}`);
    }
  }
  return parsed as Floors;
}

export function writeFloors(file: string, floors: Floors): void {
  writeFileSync(file, `${JSON.stringify(floors, null, 2)}\n`);
}
