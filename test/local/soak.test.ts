// npm run soak at a small size: the local pipeline as a child process, SIGKILLed (its whole
// process group) while a burst of POST /ingest is being answered, restarted on the same data
// folder; nothing may be lost, stuck or doubled.

import { describe, expect, it } from 'vitest';
import { formatSoakResult, runSoak } from '../../bench/soak.js';

describe.skipIf(process.platform === 'win32')('burst and crash', () => {
  it('loses, strands and doubles nothing when the pipeline is killed mid-burst and restarted', async () => {
    const r = await runSoak({ urls: 60, burst: 10, kills: 1, timeoutSeconds: 90 });
    const report = formatSoakResult(r);
    expect(r.restarts, report).toBe(1);
    expect({ lost: r.lost, stuck: r.stuck, doubled: r.doubled, timedOut: r.timedOut }, report).toEqual({ lost: 0, stuck: 0, doubled: 0, timedOut: false });
    expect(r.done + r.failed, report).toBe(60);
  }, 180_000);
});
