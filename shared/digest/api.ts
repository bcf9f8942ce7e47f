// The digest side of the read API: JSON, Markdown and HTML digests, the list, the Atom feed, an
// actor's timeline, and the signed links that let a browser (which cannot send x-api-key) open a
// digest page. Routes with the key are always served; /public/... routes only with a valid,
// unexpired signature for exactly that path, or when digests were made public on purpose.
// Pages and feeds forbid framing (a signed page framed by another site could be clickjacked).

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { BadRequestError } from '../errors.js';
import { json, text } from '../http/responses.js';
import type { Clock } from '../ports.js';
import { digestsToAtom } from './render-atom.js';
import { CONTENT_SECURITY_POLICY, digestToHtml } from './render-html.js';
import { digestToMarkdown } from './render-markdown.js';
import { buildFeedDigest, getDigest, getDigestArticles, listDigests } from './service.js';
import { DEFAULT_LINK_TTL_S, signPath, verifySignedPath, type LinkSecrets } from './signed-links.js';
import { actorTimeline } from './timeline.js';
import type { ActorDayStore, AggregateStore, DigestRepository } from './types.js';

export interface DigestApiDeps {
  digests: DigestRepository;
  /** The day's article contributions: what a feed's digest (?feed=) is built from on request. */
  aggregates: Pick<AggregateStore, 'readDay'>;
  actorDays: Pick<ActorDayStore, 'readRange'>;
  clock: Clock;
  /** The keys that sign (current) and verify (current or previous) links, read with a TTL (Secrets Manager on AWS, .data locally). */
  linkSecrets: () => Promise<LinkSecrets>;
  /** PUBLIC_DIGESTS: serve /public/... without a signature. */
  publicDigests: boolean;
}

type Format = 'json' | 'md' | 'html';
const FEED_ID = /^[0-9a-f]{16}$/;
const FEED_DAYS = 30;
/**
 * The page's own policy plus `frame-ancestors 'none'`, which only a header can carry (a <meta>
 * policy ignores it); X-Frame-Options says the same to browsers that predate it.
 */
const DOCUMENT_HEADERS = {
  'content-security-policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};
const HTML_HEADERS = { ...DOCUMENT_HEADERS, 'cache-control': 'private, max-age=60', 'referrer-policy': 'no-referrer' };

/** "2026-11-28", "2026-11-28.md", "2026-11-28.html" (API Gateway hands the whole segment as {date}). */
export function parseDateParam(param: string | undefined): { date: string; format: Format } {
  const m = /^(.*?)(?:\.(json|md|html))?$/.exec(param ?? '');
  return { date: m?.[1] ?? '', format: (m?.[2] as Format | undefined) ?? 'json' };
}

/** Where the API is reachable, as the caller reached it: https://<domain>/<stage> on AWS, http://<host> locally. */
export function baseUrlOf(event: APIGatewayProxyEvent): string {
  const ctx = event.requestContext as APIGatewayProxyEvent['requestContext'] & { domainName?: string };
  if (ctx.domainName && !ctx.domainName.startsWith('127.') && ctx.domainName !== 'localhost') return `https://${ctx.domainName}/${ctx.stage}`;
  const host = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '127.0.0.1';
  return `http://${host}`;
}

export async function getDigestRoute(event: APIGatewayProxyEvent, deps: DigestApiDeps): Promise<APIGatewayProxyResult> {
  const { date, format } = parseDateParam(event.pathParameters?.date);
  const feedId = event.queryStringParameters?.feed;
  if (feedId !== undefined && !FEED_ID.test(feedId)) throw new BadRequestError('"feed" must be a feed id: 16 lower-case hex characters, as POST /feeds returned it');
  const digest = feedId ? await buildFeedDigest(date, feedId, deps) : await getDigest(date, deps.digests);
  if (format === 'json') return json(200, digest);
  if (format === 'md') return text(200, digestToMarkdown(digest), 'text/markdown; charset=utf-8');
  const query = feedId ? `?feed=${feedId}` : '';
  return text(200, digestToHtml(digest, { links: { json: `${date}${query}`, markdown: `${date}.md${query}` } }), 'text/html; charset=utf-8', HTML_HEADERS);
}

/** GET /digests/{date}/articles?cursor=: every counted article of the day, a page at a time. */
export async function digestArticlesRoute(event: APIGatewayProxyEvent, deps: DigestApiDeps): Promise<APIGatewayProxyResult> {
  return json(200, await getDigestArticles(event.pathParameters?.date, event.queryStringParameters?.cursor, deps.digests));
}

export async function listDigestsRoute(event: APIGatewayProxyEvent, deps: DigestApiDeps): Promise<APIGatewayProxyResult> {
  const q = event.queryStringParameters ?? {};
  const today = deps.clock.now().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(today) - 29 * 86_400_000).toISOString().slice(0, 10);
  return json(200, { from, to: q.to ?? today, digests: await listDigests(from, q.to ?? today, deps.digests) });
}

/** A signed link to a day's HTML page (and to the feed), for a browser or a feed reader. */
export async function digestLinkRoute(event: APIGatewayProxyEvent, deps: DigestApiDeps): Promise<APIGatewayProxyResult> {
  const { date } = parseDateParam(event.pathParameters?.date);
  await getDigest(date, deps.digests); // 400 for a bad date, 404 for a day without a digest
  const ttl = Number(event.queryStringParameters?.ttl ?? DEFAULT_LINK_TTL_S);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > DEFAULT_LINK_TTL_S) {
    throw new BadRequestError(`"ttl" must be a whole number of seconds from 60 to ${DEFAULT_LINK_TTL_S}`);
  }
  const expiresAt = new Date(deps.clock.now().getTime() + ttl * 1000);
  const { current } = await deps.linkSecrets();
  const base = baseUrlOf(event);
  return json(200, {
    url: base + signPath(`/public/digests/${date}.html`, current, expiresAt),
    feed: base + signPath('/public/digests.atom', current, expiresAt),
    expiresAt: expiresAt.toISOString(),
  });
}

/**
 * The feed. Opened through a signed link, its entries' links expire with that link
 * (`notAfter`): a feed link must not hand out pages for longer than it was itself given.
 */
export async function atomRoute(event: APIGatewayProxyEvent, deps: DigestApiDeps, notAfter?: Date): Promise<APIGatewayProxyResult> {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(today) - (FEED_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const entries = await listDigests(from, today, deps.digests);
  const base = baseUrlOf(event);
  const { current } = await deps.linkSecrets();
  // Entry links are signed page links: a feed reader cannot send the API key either.
  const fullTerm = now.getTime() + DEFAULT_LINK_TTL_S * 1000;
  const expiresAt = new Date(notAfter ? Math.min(fullTerm, notAfter.getTime()) : fullTerm);
  const feed = digestsToAtom(entries, {
    feedUrl: `${base}${event.path}`,
    siteUrl: base,
    linkFor: (date) => base + (deps.publicDigests ? `/public/digests/${date}.html` : signPath(`/public/digests/${date}.html`, current, expiresAt)),
    now,
  });
  return text(200, feed, 'application/atom+xml; charset=utf-8', DOCUMENT_HEADERS);
}

export async function actorTimelineRoute(event: APIGatewayProxyEvent, deps: DigestApiDeps): Promise<APIGatewayProxyResult> {
  const q = event.queryStringParameters ?? {};
  const today = deps.clock.now().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(today) - 6 * 86_400_000).toISOString().slice(0, 10);
  return json(200, await actorTimeline(deps.actorDays, event.pathParameters?.id, from, q.to ?? today));
}

/** GET /public/digests/{date}.html and /public/digests.atom: no key, a signature for this exact path. */
export async function publicRoute(event: APIGatewayProxyEvent, deps: DigestApiDeps): Promise<APIGatewayProxyResult> {
  let linkExpiresAt: Date | undefined;
  if (!deps.publicDigests) {
    const verdict = verifySignedPath(event.path, event.queryStringParameters, await deps.linkSecrets(), deps.clock.now());
    if (!verdict.ok) {
      const why = verdict.reason === 'expired' ? 'this link has expired' : verdict.reason === 'missing' ? 'this page needs a signed link or the API key' : 'this link is not valid';
      return json(403, { message: `${why}; ask for a new one with GET /digests/{date}/link (or: newsdigest digest DATE --link)` });
    }
    linkExpiresAt = verdict.expiresAt;
  }
  if (event.resource === '/public/digests.atom') return atomRoute(event, deps, linkExpiresAt);
  const { format } = parseDateParam(event.pathParameters?.date);
  if (format !== 'html') return json(404, { message: 'only the HTML page of a digest is served without the API key' });
  // The signature covers the path, not ?feed=: a signed page shows the stored digest only.
  return getDigestRoute({ ...event, queryStringParameters: null }, deps);
}
