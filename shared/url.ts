// URL canonicalisation and article ids. Two submissions of the same article (different case in
// the host, a fragment, utm_* tags) must map to one canonical URL and so to one article id.

import { createHash } from 'node:crypto';

/** Query parameters that only track the click and never change the page. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', '_ga', '_gl', 'igshid', 'ocid', 'ncid', 'cmpid', 'smid', 'smtyp', 'sr_share',
  'share', 'ref_src', 'ref_url', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wt.mc_id', '__twitter_impression',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'hsa_', 'mtm_'];

export const MAX_URL_LENGTH = 2048;

export class InvalidUrlError extends Error {
  override readonly name = 'InvalidUrlError';
}

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * Parses and canonicalises a submitted URL: http(s) only, lower-case host (IDN as punycode),
 * default port, fragment and tracking parameters dropped, the remaining parameters sorted.
 * Throws InvalidUrlError with a reason a user can act on.
 */
export function canonicalizeUrl(raw: string): string {
  const input = raw.trim();
  if (!input) throw new InvalidUrlError('empty string is not a URL');
  if (input.length > MAX_URL_LENGTH) throw new InvalidUrlError(`URL is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InvalidUrlError(`not an absolute URL: "${input.slice(0, 80)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`only http and https URLs can be ingested, not ${url.protocol.replace(':', '')}`);
  }
  if (!url.hostname) throw new InvalidUrlError('URL has no host');
  if (url.username || url.password) throw new InvalidUrlError('URLs with credentials are refused');
  url.hash = '';
  // WHATWG URL already lower-cases the host, punycodes IDNs, drops default ports and resolves dot segments.
  url.hostname = url.hostname.replace(/\.$/, '');
  const kept = [...url.searchParams.entries()].filter(([k]) => !isTrackingParam(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  return url.toString();
}

/** Article id: first 16 hex characters of sha256(canonical URL), as DESIGN.md fixes. */
export function articleIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 16);
}

export function utcDay(at: Date | string): string {
  return (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isValidDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}
