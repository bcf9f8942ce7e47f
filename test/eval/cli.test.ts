// npm run eval's command line: set names, flags, and a clear stop (exit 2) without the shared folder.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, missingNeeds, parseEvalArgs, runEval, SharedFolderMissingError, UsageError } from '../../bench/eval.js';
import { loadSections } from '../../bench/eval/sections.js';

const SETS = ['corpus', 'fixtures', 'plover', 'dsa'];

describe('parseEvalArgs', () => {
  it('takes set names and the three flags', () => {
    expect(parseEvalArgs(['plover', 'dsa', '--json', '--misses'], SETS)).toEqual({ sets: ['plover', 'dsa'], json: true, misses: true, updateFloors: false });
    expect(parseEvalArgs(['--update-floors'], SETS)).toEqual({ sets: [], json: false, misses: false, updateFloors: true });
  });

  it('rejects an unknown set or flag with a usage error that lists the sets', () => {
    expect(() => parseEvalArgs(['plover', 'ewt'], SETS)).toThrow(new UsageError('unknown set ewt: the sets are corpus, fixtures, plover, dsa'));
    expect(() => parseEvalArgs(['--verbose'], SETS)).toThrow(UsageError);
  });
});

describe('without the shared folder', () => {
  it('stops before running anything, with a message that says what is missing, and exit code 2', async () => {
    const err = await runEval([], '/nonexistent/shared').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SharedFolderMissingError);
    expect((err as Error).message).toMatch(/needs the team's shared folder beside the checkout, and \/nonexistent\/shared does not exist/);
    expect(exitCodeFor(err)).toBe(2);
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(new Error('a set crashed'))).toBe(1);
  });

  it('lists every file a chosen set needs that an incomplete shared folder lacks', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'eval-shared-'));
    try {
      const sections = (await loadSections()).filter((s) => ['plover', 'dsa'].includes(s.name));
      expect(missingNeeds(empty, sections)).toEqual([
        'plover: stance-data/plover-gsr-cameo.json', 'plover: eval/score-plover.mjs',
        'dsa: stance-data/dsa/valid.jsonl', 'dsa: eval/score-dsa.mjs',
      ]);
      await expect(runEval(['plover'], empty)).rejects.toThrow(/does not have: plover: stance-data\/plover-gsr-cameo\.json, plover: eval\/score-plover\.mjs/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
