// newsdigest feeds: subscribe to feeds and manage the subscriptions through the API (local or
// deployed). `import` reads an OPML file, the format feed readers export their subscriptions in.

import { readFileSync } from 'node:fs';
import type { PollResult } from '../../shared/feeds/poll.js';
import { parseOpml } from '../../shared/feeds/parse-feed.js';
import type { FeedView } from '../../shared/feeds/service.js';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from '../../shared/feeds/feed.js';
import { ApiError, callApi, callApiWithStatus, resolveApiTarget, type ApiTarget } from '../api-client.js';
import { EXIT_INPUTS_FAILED, EXIT_OK, numberOption, parseCommandArgs, UsageError } from './usage.js';

const ACTIONS = ['add', 'list', 'show', 'remove', 'poll', 'import'] as const;
type Action = (typeof ACTIONS)[number];
/** Arguments each action takes after its name. */
const ARGUMENT: Record<Action, string | null> = { add: 'URL', list: null, show: 'ID', remove: 'ID', poll: 'ID', import: 'FILE.opml' };

export async function runFeedsCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('feeds', args);
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (!action) throw new UsageError(`give an action: ${ACTIONS.join(', ')}`);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}": ${ACTIONS.join(', ')}`);
  const wanted = ARGUMENT[action as Action];
  if (wanted === null && rest.length) throw new UsageError(`"feeds ${action}" takes no argument`);
  if (wanted !== null && rest.length !== 1) throw new UsageError(`"feeds ${action}" takes one ${wanted}`);
  const interval = numberOption('interval', values.interval, (n) => Number.isInteger(n) && n >= MIN_INTERVAL_MINUTES && n <= MAX_INTERVAL_MINUTES,
    `whole minutes from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}`);
  if (interval !== undefined && action !== 'add' && action !== 'import') throw new UsageError('--interval is for add and import');
  const target = resolveApiTarget(values.api, values.key);
  const print = (value: unknown, asText: () => string) => process.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : asText());
  const arg = rest[0];

  switch (action as Action) {
    case 'add': {
      const feed = await subscribe(target, arg, interval);
      print(feed, () => `${feed.created ? 'subscribed' : 'already subscribed'}: ${feedLine(feed.feed)}\n`
        + (feed.discoveredFrom ? `(the feed ${feed.feed.url} was found on the page ${feed.discoveredFrom})\n` : '')
        + (feed.created ? 'The poller reads it within minutes (newsdigest feeds poll ID reads it now).\n' : ''));
      return EXIT_OK;
    }
    case 'list': {
      const feeds = await listAll(target);
      print(feeds, () => (feeds.length ? feeds.map((f) => `${feedLine(f)}\n`).join('') : 'no feeds\n'));
      return EXIT_OK;
    }
    case 'show': {
      const feed = await callApi<FeedView>(target, 'GET', `/feeds/${encodeURIComponent(arg)}`);
      print(feed, () => `${Object.entries(feed).map(([k, v]) => `${k.padEnd(20)} ${v}`).join('\n')}\n`);
      return EXIT_OK;
    }
    case 'remove': {
      const removed = await callApi<{ id: string }>(target, 'DELETE', `/feeds/${encodeURIComponent(arg)}`);
      print(removed, () => `removed ${removed.id} (its articles stay)\n`);
      return EXIT_OK;
    }
    case 'poll': {
      const result = await callApi<PollResult>(target, 'POST', `/feeds/${encodeURIComponent(arg)}/poll`);
      print(result, () => (result.status === 'failed'
        ? `poll failed: ${result.error}\n`
        : `${result.notModified ? 'not modified since the last poll' : `${result.items} entries, ${result.new} new`}; ${result.queued} article(s) queued\n`));
      return result.status === 'failed' ? EXIT_INPUTS_FAILED : EXIT_OK;
    }
    case 'import':
      return importOpml(target, arg, interval, values.json === true);
  }
}

/** One subscription per outline with an xmlUrl; a feed the API refuses is reported and the rest go on. */
async function importOpml(target: ApiTarget, file: string, interval: number | undefined, json: boolean): Promise<number> {
  let opml;
  try {
    opml = parseOpml(readFileSync(file));
  } catch (err) {
    throw new Error(`cannot read ${file} as OPML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const results: { url: string; status: 'subscribed' | 'already subscribed' | 'refused'; id?: string; reason?: string }[] = [];
  for (const { url } of opml.feeds) {
    try {
      const { created, feed } = await subscribe(target, url, interval);
      results.push({ url, status: created ? 'subscribed' : 'already subscribed', id: feed.id });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      results.push({ url, status: 'refused', reason: (err.body as { message?: string })?.message ?? err.message });
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results) process.stdout.write(`${r.status.padEnd(18)} ${r.id ?? ''.padEnd(16)}  ${r.url}${r.reason ? `: ${r.reason}` : ''}\n`);
    const count = (s: string) => results.filter((r) => r.status === s).length;
    process.stdout.write(`${opml.feeds.length} feeds in ${file}: ${count('subscribed')} subscribed, ${count('already subscribed')} already subscribed, ${count('refused')} refused\n`);
  }
  return results.some((r) => r.status === 'refused') ? EXIT_INPUTS_FAILED : EXIT_OK;
}

/** POST /feeds answers 201 for a new subscription and 200 for one that exists. */
async function subscribe(target: ApiTarget, url: string, interval: number | undefined): Promise<{ created: boolean; feed: FeedView; discoveredFrom?: string }> {
  const { status, body } = await callApiWithStatus<FeedView & { discoveredFrom?: string }>(target, 'POST', '/feeds', { url, ...(interval !== undefined ? { intervalMinutes: interval } : {}) });
  const { discoveredFrom, ...feed } = body;
  return { created: status === 201, feed, ...(discoveredFrom ? { discoveredFrom } : {}) };
}

async function listAll(target: ApiTarget): Promise<FeedView[]> {
  const feeds: FeedView[] = [];
  let cursor: string | undefined;
  do {
    const page = await callApi<{ items: FeedView[]; next?: string }>(target, 'GET', `/feeds?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    feeds.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return feeds;
}

function feedLine(f: FeedView): string {
  const state = f.lastStatus === 'failed' ? `failed: ${f.error}` : f.lastStatus ?? 'not polled yet';
  return `${f.id}  ${f.url}  every ${f.intervalMinutes} min  ${f.articlesQueued} articles  ${state}${f.title ? `  "${f.title}"` : ''}`;
}
