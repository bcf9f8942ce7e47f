// `npm run eval -- --misses` says why each PLOVER record or DSA sentence was missed
// (bench/eval/miss-classes.ts): checked on small data files and analyses written here.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaMisses, missRow, ploverMisses } from '../../bench/eval/miss-classes.js';

const actor = (id: string, start: number, end: number) => ({ id, name: id, type: 'country', salience: 1, mentions: [{ start, end, text: id }] });
const stance = (source: string, target: string, polarity: number) => ({ sentence: 0, text: '', source, target, polarity, score: 3 * polarity, category: 'support', claim: null, confidence: 0.8 });

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'misses-'));
  return dir;
}

describe('PLOVER misses by class', () => {
  it('tells a missing party, an unread trigger, no trigger, a wrong direction and a wrong sign apart, and skips what was found', () => {
    const dir = folder();
    const rec = (id: string, text: string, event = 'SUPPORT') => ({ id, event, text, source: [{ code: 'FRA', actorText: 'France' }], target: [{ code: 'DEU', actorText: 'Germany' }] });
    const records = [
      rec('found', 'France praised Germany.'),
      rec('nos', 'France praised Germany.'),
      rec('trig', 'France praised Germany.'),
      rec('none', 'France and Germany.'),
      rec('dir', 'France praised Germany.'),
      rec('sign', 'France praised Germany.'),
      { id: 'bad', event: 'X', text: 'no coded parties', source: [], target: [] },
    ];
    writeFileSync(join(dir, 'data.json'), JSON.stringify(records));
    const both = [actor('FRA', 0, 6), actor('DEU', 15, 22)];
    const write = (id: string, a: object) => writeFileSync(join(dir, `${id}.json`), JSON.stringify(a));
    write('found', { actors: both, stances: [stance('FRA', 'DEU', 1)] });
    write('nos', { actors: [actor('DEU', 15, 22)], stances: [] });
    write('trig', { actors: both, stances: [] });
    write('none', { actors: [actor('FRA', 0, 6), actor('DEU', 11, 18)], stances: [] });
    write('dir', { actors: both, stances: [stance('DEU', 'FRA', 1)] });
    write('sign', { actors: both, stances: [stance('FRA', 'DEU', -1)] });
    const { lines, counts } = ploverMisses(join(dir, 'data.json'), dir);
    expect(lines).toEqual([
      '[source (p) not found] SUPPORT: France praised Germany.',
      '[no stance, no trigger word] SUPPORT: France and Germany.',
      '[no stance, a trigger word unread] SUPPORT: France praised Germany.',
      '[wrong direction] SUPPORT: France praised Germany.',
      '[wrong sign] SUPPORT: France praised Germany.',
    ]);
    expect(missRow(counts).metrics.map((m) => [m.name, m.value])).toEqual([
      ['source (p) not found', 1], ['no stance, no trigger word', 1], ['no stance, a trigger word unread', 1], ['wrong direction', 1], ['wrong sign', 1],
    ]);
  });
});

describe('DSA misses by class', () => {
  it('classes a directed sentence the analysis missed, and a stance given to a neutral pair', () => {
    const dir = folder();
    const text = 'France praised Germany.';
    const rows = [
      { text, p: [0, 6], q: [15, 22], pName: 'France', qName: 'Germany', label: 1 },
      { text, p: [0, 6], q: [15, 22], pName: 'France', qName: 'Germany', label: 1 },
      { text, p: [0, 6], q: [15, 22], pName: 'France', qName: 'Germany', label: 0 },
      { text, p: [0, 6], q: [15, 22], pName: 'France', qName: 'Germany', label: 3 },
    ];
    writeFileSync(join(dir, 'valid.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
    const both = [actor('FRA', 0, 6), actor('DEU', 15, 22)];
    const write = (i: number, a: object) => writeFileSync(join(dir, `${String(i).padStart(4, '0')}.json`), JSON.stringify(a));
    write(0, { actors: both, stances: [stance('FRA', 'DEU', 1)] });
    write(1, { actors: [actor('FRA', 0, 6)], stances: [] });
    write(2, { actors: both, stances: [stance('FRA', 'DEU', 1)] });
    write(3, { actors: both, stances: [stance('FRA', 'DEU', 1)] });
    expect(dsaMisses(join(dir, 'valid.jsonl'), dir).lines).toEqual([
      '[target (q) not found] gold 1 pred 0 [France | Germany] France praised Germany.',
      '[wrong sign] gold 3 pred 1 [France | Germany] France praised Germany.',
      '[stance on a neutral pair] gold 0 pred 1 [France | Germany] France praised Germany.',
    ]);
  });
});
