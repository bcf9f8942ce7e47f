// Per-host pacing across every fetch function: each request to a host takes the host's next slot,
// and slots are at least one interval apart. The slots live in a shared store (DynamoDB), so two
// Lambdas fetching from the same site take turns instead of each keeping its own pace.

import type { Clock } from '../ports.js';

export interface HostPaceStore {
  /**
   * Reserves the host's next slot at or after `fromMs`: max(fromMs, the host's next free time).
   * The next free time moves to slot + `intervalMs`, so no other reservation gets a slot closer.
   * Returns the slot, epoch ms.
   */
  reserve(host: string, fromMs: number, intervalMs: number): Promise<number>;
  /** Keeps every slot of the host at or after `untilMs` (the site asked us to stay away until then). */
  holdUntil(host: string, untilMs: number): Promise<void>;
}

export interface HostPacerOptions {
  store: HostPaceStore;
  /** NEWSDIGEST_HOST_INTERVAL_MS: the least time between two requests to a host; 0 paces only by Crawl-delay. */
  defaultIntervalMs: number;
  clock: Clock;
}

/** Hosts are paced by `host[:port]`: robots.txt and the server behind a name both go by it. */
export const hostOf = (url: string): string => new URL(url).host;

export class HostPacer {
  constructor(private readonly options: HostPacerOptions) {}

  /** The host's interval: the default, or the site's Crawl-delay when that is longer. */
  intervalMs(crawlDelaySeconds?: number): number {
    return Math.max(this.options.defaultIntervalMs, Math.ceil((crawlDelaySeconds ?? 0) * 1000));
  }

  /** The slot this request may go at (epoch ms), not before `notBeforeMs`; undefined when the host is not paced at all. */
  async reserve(url: string, crawlDelaySeconds?: number, notBeforeMs = 0): Promise<number | undefined> {
    const interval = this.intervalMs(crawlDelaySeconds);
    if (interval === 0) return undefined;
    const from = Math.max(this.options.clock.now().getTime(), notBeforeMs);
    return this.options.store.reserve(hostOf(url), from, interval);
  }

  /**
   * Takes the host's next slot and waits for it, but never longer than `maxWaitMs`: for the
   * robots.txt request, which has to be made before the page's own turn can even be planned.
   */
  async waitForTurn(url: string, maxWaitMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
    const slot = await this.reserve(url);
    if (slot === undefined) return;
    const wait = Math.min(maxWaitMs, slot - this.options.clock.now().getTime());
    if (wait > 0) await sleep(wait);
  }

  async holdUntil(url: string, untilMs: number): Promise<void> {
    await this.options.store.holdUntil(hostOf(url), untilMs);
  }
}
