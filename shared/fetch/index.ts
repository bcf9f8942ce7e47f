// The page fetcher and the checks it is built from. Import from here, not from the files.

export {
  checkUrlAllowed,
  classifyAddress,
  isForbiddenAddress,
  parseAllowHosts,
  parseHostAsIp,
  precheckUrl,
  vetUrl,
  type AddressKind,
  type AllowEntry,
  type AllowedUrl,
  type ForbiddenVerdict,
  type LookupFn,
  type ResolvedAddress,
  type VettedUrl,
} from './address-guard.js';
export { contentTypeCharset, decodeBody, detectCharset, META_PRESCAN_BYTES, normaliseCharset } from './charset.js';
export {
  createFetcher,
  DEFAULT_USER_AGENT,
  systemLookup,
  type ConditionalRequest,
  type FetchAccept,
  type FetchedResult,
  type FetcherOptions,
  type FetchOptions,
  type FetchOutcome,
  type GuardedFetcher,
  type NotModifiedResult,
} from './fetcher.js';
export { FetchRetryLaterError, parseRetryAfter } from './retry-after.js';
export { sniffNotText, TEXT_SNIFF_BYTES } from './sniff.js';
export { newsdigestUserAgent } from './user-agent.js';
