// The eval's table: aligned columns and a verdict line that says why it failed.

import { describe, expect, it } from 'vitest';
import { compare, type Line } from '../../bench/eval/floors.js';
import { formatTable, verdict } from '../../bench/eval/table.js';

const lines: Line[] = [
  ...compare('corpus', [
    { name: 'seed-russia-venezuela', metrics: [{ name: 'stance F1', value: 0.9655, gated: true }] },
    { name: 'mean', metrics: [{ name: 'stance P', value: 0.974 }] },
  ], { 'seed-russia-venezuela/stance F1': 0.96 }),
  ...compare('plover', [{ name: 'all', metrics: [{ name: 'recall', value: 0.12, gated: true }] }], { 'all/recall': 0.135 }),
  ...compare('dsa', [{ name: 'all', metrics: [{ name: 'macro-F1', value: 0.2, gated: true }] }], {}),
];

describe('formatTable', () => {
  const out = formatTable(lines).split('\n');

  it('prints a header, a rule, one line per figure and the verdict last', () => {
    expect(out).toHaveLength(2 + lines.length + 1);
    expect(out[0]).toMatch(/^set +metric +value +floor +status$/);
    expect(out[1]).toMatch(/^-+ +-+ +-+ +-+ +-+$/);
    expect(out.at(-1)).toMatch(/^verdict: FAIL/);
  });

  it('aligns every column: each starts at the same offset on every line', () => {
    const body = out.slice(0, -1);
    const valueEnd = out[0].indexOf('value') + 'value'.length;
    for (const l of body.slice(2)) expect(l.slice(valueEnd - 5, valueEnd)).toMatch(/^\d\.\d{3}$/);
    const statusAt = out[0].indexOf('status');
    expect(body.find((l) => l.includes('plover'))!.slice(statusAt)).toBe('BELOW FLOOR');
    expect(body.find((l) => l.includes('seed-russia'))!.slice(statusAt)).toBe('ok');
  });

  it('prints the row and metric, 3 decimals, an empty floor for an ungated figure', () => {
    expect(out[2]).toMatch(/^corpus +seed-russia-venezuela stance F1 +0\.966 +0\.960 +ok$/);
    expect(out[3]).toMatch(/^corpus +mean stance P +0\.974$/);
    expect(out[5]).toMatch(/^dsa +macro-F1 +0\.200 +no floor yet$/);
  });
});

describe('verdict', () => {
  it('names every figure below its floor and every extra problem', () => {
    expect(verdict(lines, ['set dsa failed to run (Error: boom)'])).toBe(
      'verdict: FAIL, 2 problem(s): plover recall 0.120 < 0.135; set dsa failed to run (Error: boom); '
      + '1 headline figure(s) without a floor yet (--update-floors records them)',
    );
  });

  it('passes when every floored figure holds', () => {
    expect(verdict(lines.filter((l) => l.set !== 'plover'))).toBe(
      'verdict: PASS, 1 figure(s) at or above their floors; 1 headline figure(s) without a floor yet (--update-floors records them)',
    );
    expect(verdict(lines.filter((l) => l.set === 'corpus'))).toBe('verdict: PASS, 1 figure(s) at or above their floors');
  });
});

describe('counts', () => {
  it('print as whole numbers, aligned with the rates', () => {
    const out = formatTable(compare('robustness', [{ name: 'all', metrics: [
      { name: 'sentences', value: 11095, count: true },
      { name: 'sentences skipped', value: 0, count: true },
      { name: 'clean share', value: 1, gated: true },
    ] }], { 'all/clean share': 1 })).split('\n');
    expect(out[2]).toMatch(/^robustness +sentences +11095$/);
    expect(out[3]).toMatch(/^robustness +sentences skipped +0$/);
    expect(out[4]).toMatch(/^robustness +clean share +1\.000 +1\.000 +ok$/);
  });
});
