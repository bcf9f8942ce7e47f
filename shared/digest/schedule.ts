// The daily digest schedule, shared by the EventBridge rule (infra) and the local scheduler: at
// 00:10 UTC the digest of the day that just ended is built.

export const DAILY_DIGEST_EVENT = { source: 'newsdigest.schedule', action: 'build-previous-day' } as const;

/** EventBridge cron fields are UTC. */
export const DAILY_DIGEST_CRON = { minute: '10', hour: '0' } as const;

export function isDailyDigestEvent(event: unknown): boolean {
  const e = event as { source?: unknown; action?: unknown } | null;
  return !!e && e.source === DAILY_DIGEST_EVENT.source && e.action === DAILY_DIGEST_EVENT.action;
}

/** The UTC day before `now`: what the 00:10 run builds. */
export function previousUtcDay(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1)).toISOString().slice(0, 10);
}

/** Milliseconds from `now` to the next 00:10 UTC. */
export function msUntilNextRun(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), Number(DAILY_DIGEST_CRON.hour), Number(DAILY_DIGEST_CRON.minute));
  return (next > now.getTime() ? next : next + 24 * 3600 * 1000) - now.getTime();
}
