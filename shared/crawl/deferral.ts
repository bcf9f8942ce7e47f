// Putting a fetch off without failing it. A wait the fetch function should not sleep through (the
// site's Retry-After, robots.txt answering 5xx, the host's next pacing slot a while away) becomes a
// new message sent with a delay, and the delivery at hand succeeds: SQS's receive count, and so
// the dead-letter queue, only ever see real failures. SQS delays by at most 15 minutes, so a
// longer wait is sent again, in steps, until it is due.

import { MAX_DELAY_SECONDS, type FetchMessage } from '../ports.js';

/** A wait up to this long is slept through in the function; a longer one is a delayed message. */
export const MAX_WAIT_IN_FUNCTION_MS = 10_000;
/** How long we keep coming back to a site that asks us to (RFC 9110 sets no limit; the issue does). */
export const MAX_SITE_WAIT_MS = 24 * 60 * 60 * 1000;
/**
 * A delayed message is due this much before its time and sleeps the rest: a pacing slot is only
 * good at its own time, and SQS and Lambda's poller may deliver a second or two late.
 */
export const EARLY_ARRIVAL_MS = 5_000;

export interface DelayedMessage {
  body: FetchMessage;
  delaySeconds: number;
}

/** The delay that brings a message due at `dueMs` back just before it (or as close as SQS allows). */
export function delayTowards(dueMs: number, nowMs: number): number {
  return Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((dueMs - EARLY_ARRIVAL_MS - nowMs) / 1000)));
}

/** True when a message is due too far ahead to sleep until it. */
export const notDueYet = (msg: FetchMessage, nowMs: number): boolean =>
  msg.notBefore !== undefined && Date.parse(msg.notBefore) - nowMs > MAX_WAIT_IN_FUNCTION_MS;

/** The same message sent again towards its time (a wait longer than one SQS delay). */
export function delayedAgain(msg: FetchMessage, nowMs: number): DelayedMessage {
  return { body: msg, delaySeconds: delayTowards(Date.parse(msg.notBefore ?? ''), nowMs) };
}

/** Put off until the host's pacing slot, which is reserved for it. Our own pace: the 24-hour clock does not start. */
export function deferredToSlot(msg: FetchMessage, slotMs: number, nowMs: number): DelayedMessage {
  const slot = new Date(slotMs).toISOString();
  return {
    body: { ...msg, notBefore: slot, paceSlot: slot, deferrals: (msg.deferrals ?? 0) + 1 },
    delaySeconds: delayTowards(slotMs, nowMs),
  };
}

/**
 * Put off until `untilMs` because the site asked: counted from the first time it asked. Undefined
 * when that would make the article wait longer than MAX_SITE_WAIT_MS in all: give up instead.
 */
export function deferredBySite(msg: FetchMessage, untilMs: number, nowMs: number): DelayedMessage | undefined {
  const since = msg.deferredSince ?? new Date(nowMs).toISOString();
  if (untilMs - Date.parse(since) > MAX_SITE_WAIT_MS) return undefined;
  const { paceSlot: _stale, ...rest } = msg;
  return {
    body: { ...rest, notBefore: new Date(untilMs).toISOString(), deferredSince: since, deferrals: (msg.deferrals ?? 0) + 1 },
    delaySeconds: delayTowards(untilMs, nowMs),
  };
}
