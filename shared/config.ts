// Configuration is read once, at start-up, from the environment, and fails fast with a message
// that names the variable. Lambda gets these from the CDK stack; the local runtime sets them itself.

import { z } from 'zod';
import { ConfigError } from './errors.js';
import { DEFAULT_FIRST_POLL_HOURS } from './feeds/feed.js';
import { isHeaderValue } from './fetch/user-agent.js';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));

/** Comma-separated TCP ports, e.g. "8080,8443"; empty when unset. */
const portList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(
    z.array(
      z
        .string()
        .refine((s) => /^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535, {
          error: (issue) => `${JSON.stringify(issue.input)} is not a port number (1-65535)`,
        })
        .transform(Number),
    ),
  );

/** A URL a site operator can open: http(s) only, since it is printed in every request's User-Agent. */
const contactUrl = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !/[\s()]/.test(v);
      } catch {
        return false;
      }
    },
    { error: (issue) => `${JSON.stringify(issue.input)} is not an http(s) URL (without spaces or parentheses)` },
  );

/** A whole User-Agent header value: printable, no line breaks (node:http would refuse it mid-fetch). */
const userAgent = z
  .string()
  .trim()
  .refine(isHeaderValue, { error: 'is empty or holds control characters; a header value cannot' });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const FETCH_DEFAULTS = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
} as const;

/** What the fetcher needs; also used on its own by `newsdigest extract URL`. */
const fetchSchema = z.object({
  NEWSDIGEST_ALLOW_HOSTS: csv,
  FETCH_TIMEOUT_MS: positiveInt(FETCH_DEFAULTS.timeoutMs),
  FETCH_MAX_BYTES: positiveInt(FETCH_DEFAULTS.maxBytes),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(FETCH_DEFAULTS.maxRedirects),
  /** Ports besides 80 and 443 the fetcher may connect to on any host. */
  FETCH_ALLOW_PORTS: portList,
  /** The whole User-Agent; default `newsdigest/<version>`, plus the contact URL when set. */
  NEWSDIGEST_USER_AGENT: userAgent.optional(),
  /** Where site operators learn about the crawler, added to the default User-Agent as `(+URL)`. */
  NEWSDIGEST_CONTACT_URL: contactUrl.optional(),
});

/** One request per host per second: what well-behaved crawlers default to. */
export const DEFAULT_HOST_INTERVAL_MS = 1000;

/** URLs one POST /ingest may carry; the OpenAPI document and the API's request model say the same. */
export const DEFAULT_MAX_URLS_PER_REQUEST = 100;

const schema = fetchSchema.extend({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  FETCH_QUEUE_URL: z.string().min(1).optional(),
  FETCH_DLQ_URL: z.string().min(1).optional(),
  PROCESS_QUEUE_URL: z.string().min(1).optional(),
  PROCESS_DLQ_URL: z.string().min(1).optional(),
  MAX_URLS_PER_REQUEST: positiveInt(DEFAULT_MAX_URLS_PER_REQUEST),
  /** AWS: the Secrets Manager secret holding the key that signs digest links. */
  LINK_SECRET_ARN: z.string().min(1).optional(),
  /** Local runs and tests: the signing key itself. */
  NEWSDIGEST_LINK_SECRET: z.string().min(16).optional(),
  /**
   * The least time between two requests to one host, across every fetch function; 0 turns the
   * default pacing off (a robots.txt Crawl-delay still applies).
   */
  NEWSDIGEST_HOST_INTERVAL_MS: z.coerce.number().int().min(0).default(DEFAULT_HOST_INTERVAL_MS),
  /** "true" serves /public/digests pages without a signature (digests made public on purpose). */
  PUBLIC_DIGESTS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** A feed's first poll ingests only entries published this many hours back (older ones are recorded as seen). */
  NEWSDIGEST_FEED_FIRST_POLL_HOURS: positiveInt(DEFAULT_FIRST_POLL_HOURS),
});

export type FetchConfig = z.infer<typeof fetchSchema>;
export type EnvConfig = z.infer<typeof schema>;

function parse<S extends z.ZodType>(s: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = s.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  return parse(schema, env);
}

export function loadFetchConfig(env: NodeJS.ProcessEnv = process.env): FetchConfig {
  return parse(fetchSchema, env);
}

/** Names a required queue URL, failing with the variable name when the function was deployed without it. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new ConfigError(`${name} is not set`);
  return value;
}
