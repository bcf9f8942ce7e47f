// The eval's one table for people: set, metric, value, floor, status, aligned, and a verdict line.

import { failing, type Line } from './floors.js';

const HEADER = ['set', 'metric', 'value', 'floor', 'status'] as const;

const num = (x: number | null): string => (x === null ? '-' : x.toFixed(3));

const STATUS_TEXT: Record<Line['status'], string> = {
  ok: 'ok',
  below: 'BELOW FLOOR',
  'no floor': 'no floor yet',
  'not measured': 'NOT MEASURED',
  '': '',
};

/** Text columns align left, numbers right; `problems` are extra failures (a set that crashed, a drifted copy). */
export function formatTable(lines: readonly Line[], problems: readonly string[] = []): string {
  const cells = lines.map((l) => [l.set, l.label, l.count && l.value !== null ? String(l.value) : num(l.value), l.floor === null ? '' : num(l.floor), STATUS_TEXT[l.status]]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const numeric = [false, false, true, true, false];
  const fmt = (row: readonly string[]) =>
    row.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(HEADER), fmt(widths.map((w) => '-'.repeat(w))), ...cells.map(fmt), verdict(lines, problems)].join('\n');
}

/** The last line: PASS or FAIL, and why. */
export function verdict(lines: readonly Line[], problems: readonly string[] = []): string {
  const bad = failing(lines);
  const floored = lines.filter((l) => l.floor !== null).length;
  const unfloored = lines.filter((l) => l.status === 'no floor').length;
  const reasons = [
    ...bad.map((l) => l.status === 'below'
      ? `${l.set} ${l.label} ${num(l.value)} < ${num(l.floor)}`
      : `${l.set} ${l.label} has a floor but was not measured`),
    ...problems,
  ];
  const note = unfloored ? `; ${unfloored} headline figure(s) without a floor yet (--update-floors records them)` : '';
  if (!reasons.length) return `verdict: PASS, ${floored} figure(s) at or above their floors${note}`;
  return `verdict: FAIL, ${reasons.length} problem(s): ${reasons.join('; ')}${note}`;
}
