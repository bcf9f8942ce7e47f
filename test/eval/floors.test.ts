// The eval's floors: comparison, the verdict, and --update-floors, which raises and never lowers.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, failing, floorOf, FloorsFileError, raiseFloors, readFloors, writeFloors, type Floors } from '../../bench/eval/floors.js';
import type { Row } from '../../bench/eval/section.js';

const rows: Row[] = [
  { name: 'seed', metrics: [{ name: 'stance F1', value: 0.9655, gated: true }] },
  { name: 'all', metrics: [{ name: 'recall', value: 0.136, gated: true }, { name: 'stances/record', value: 0.209 }] },
];

describe('floorOf', () => {
  it('rounds down to 3 decimals, never up, and keeps exact thousandths', () => {
    expect(floorOf(0.9655)).toBe(0.965);
    expect(floorOf(0.9999)).toBe(0.999);
    expect(floorOf(1)).toBe(1);
    expect(floorOf(0.136)).toBe(0.136);
    expect(floorOf(39 / 287)).toBe(0.135);
  });
});

describe('compare', () => {
  it('passes a figure at its floor, fails one below, and leaves ungated figures without a status', () => {
    const lines = compare('plover', rows, { 'seed/stance F1': 0.9655, 'all/recall': 0.137 });
    expect(lines.map((l) => [l.label, l.status])).toEqual([
      ['seed stance F1', 'ok'],
      ['recall', 'below'],
      ['stances/record', ''],
    ]);
    expect(failing(lines).map((l) => l.key)).toEqual(['all/recall']);
  });

  it('marks a gated figure without a floor, which does not fail', () => {
    const lines = compare('plover', rows, {});
    expect(lines.filter((l) => l.status === 'no floor').map((l) => l.key)).toEqual(['seed/stance F1', 'all/recall']);
    expect(failing(lines)).toEqual([]);
  });

  it('fails a floor whose figure was not measured (an article dropped from its set)', () => {
    const lines = compare('corpus', rows, { 'gone-article/actor F1': 1 });
    const gone = lines.find((l) => l.key === 'gone-article/actor F1')!;
    expect(gone).toMatchObject({ value: null, floor: 1, status: 'not measured', label: 'gone-article actor F1' });
    expect(failing(lines)).toEqual([gone]);
  });

  it('does not fail a figure that equals its floor up to float noise', () => {
    const at = compare('x', [{ name: 'all', metrics: [{ name: 'f1', value: 0.136 - 1e-12, gated: true }] }], { 'all/f1': 0.136 });
    expect(at[0].status).toBe('ok');
    const below = compare('x', [{ name: 'all', metrics: [{ name: 'f1', value: 0.1359, gated: true }] }], { 'all/f1': 0.136 });
    expect(below[0].status).toBe('below');
  });
});

describe('raiseFloors (--update-floors)', () => {
  it('raises floors to the scores rounded down, adds missing ones, and never lowers one', () => {
    const floors: Floors = { plover: { 'seed/stance F1': 0.97, 'all/recall': 0.1 }, dsa: { 'all/macro-F1': 0.198 } };
    const { floors: next, raised } = raiseFloors(floors, { plover: rows });
    expect(next.plover).toEqual({ 'seed/stance F1': 0.97, 'all/recall': 0.136 });
    expect(next.dsa).toEqual({ 'all/macro-F1': 0.198 });
    expect(raised).toEqual([{ set: 'plover', key: 'all/recall', from: 0.1, to: 0.136 }]);
    // the input is left as it was
    expect(floors.plover['all/recall']).toBe(0.1);
  });

  it('records a floor for every gated figure of a new set and none for ungated ones', () => {
    const { floors: next, raised } = raiseFloors({}, { plover: rows });
    expect(next).toEqual({ plover: { 'seed/stance F1': 0.965, 'all/recall': 0.136 } });
    expect(raised.map((r) => r.from)).toEqual([null, null]);
  });

  it('keeps a floor that a worse run would lower', () => {
    const worse: Row[] = [{ name: 'all', metrics: [{ name: 'recall', value: 0.05, gated: true }] }];
    const { floors: next, raised } = raiseFloors({ plover: { 'all/recall': 0.136 } }, { plover: worse });
    expect(next.plover['all/recall']).toBe(0.136);
    expect(raised).toEqual([]);
  });
});

describe('the floors file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eval-floors-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips', () => {
    const file = join(dir, 'floors.json');
    writeFloors(file, { corpus: { 'mean/stance F1': 0.877 } });
    expect(readFloors(file)).toEqual({ corpus: { 'mean/stance F1': 0.877 } });
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('rejects a file that is not sets of "<row>/<metric>": number, saying where', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ corpus: { 'mean/stance F1': '0.8' } }));
    expect(() => readFloors(file)).toThrow(FloorsFileError);
    expect(() => readFloors(file)).toThrow(/"corpus"\."mean\/stance F1" must be a number/);
    writeFileSync(file, JSON.stringify({ corpus: { 'stance F1': 0.8 } }));
    expect(() => readFloors(file)).toThrow(/is not a "<row>\/<metric>" key/);
    writeFileSync(file, '{ not json');
    expect(() => readFloors(file)).toThrow(/cannot be read as JSON/);
  });

  it('the committed floors file is valid and every floor is a score in [0, 1]', () => {
    const floors = readFloors(join(import.meta.dirname, '../../bench/eval-floors.json'));
    const values = Object.values(floors).flatMap((f) => Object.values(f));
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v >= 0 && v <= 1).toBe(true);
  });
});
