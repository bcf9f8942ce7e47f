// Decides whether a URL may be fetched at all. The fetcher runs inside our network (a Lambda, or a
// developer's machine), so a submitted URL must never reach loopback, private ranges or a cloud
// metadata service (SSRF). Everything here is pure apart from the injected DNS lookup: the fetcher
// connects only to the addresses `vetUrl` returned, so nothing can re-resolve the name in between.

import { isIPv6 } from 'node:net';
import { ConfigError, FetchRefusedError } from '../errors.js';

export type AddressKind =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade NAT'
  | 'cloud metadata'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'benchmarking'
  | 'documentation'
  | 'invalid';

export interface ForbiddenVerdict {
  kind: AddressKind;
  /** Reads after "X is ...", e.g. "a private address". */
  description: string;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a hostname to every address it has (like `dns.lookup(name, {all: true})`). */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

// ---------------------------------------------------------------------------------------------
// Parsing IP literals

const IPV4_PART_LIMIT = 4;

/**
 * Parses one IPv4 part the way the WHATWG URL parser (and inet_aton) does: `0x` prefix is hex,
 * a leading `0` is octal, otherwise decimal. Returns null for anything that is not a number.
 */
function parseIPv4Part(part: string): number | null {
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(digits)) {
    digits = digits.slice(2);
    radix = 16;
    if (digits === '') return 0; // WHATWG: a bare "0x" is zero
  } else if (digits.length > 1 && digits.startsWith('0')) {
    digits = digits.slice(1);
    radix = 8;
  }
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  const value = parseInt(digits, radix);
  return Number.isFinite(value) ? value : null;
}

/** Parses every IPv4 spelling WHATWG accepts (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) to a uint32. */
function parseIPv4(host: string): number | null {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // one trailing dot is allowed
  if (parts.length === 0 || parts.length > IPV4_PART_LIMIT) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    if (part === '') return null;
    const n = parseIPv4Part(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255)) return null;
  // The last part fills all the bytes the earlier parts left: `127.1` is 127.0.0.1.
  if (last >= 256 ** (IPV4_PART_LIMIT - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return value;
}

function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Parses an IPv6 address (no brackets) into eight 16-bit groups. */
function parseIPv6(input: string): number[] | null {
  const host = input.replace(/%.*$/, ''); // a zone id does not change what the address is
  if (!isIPv6(host)) return null;
  // A trailing dotted quad (`::ffff:127.0.0.1`) stands for the last two groups.
  let text = host;
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseIPv4(dotted[1]);
    if (v4 === null) return null;
    text = `${text.slice(0, dotted.index + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  const toGroups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const head = toGroups(halves[0]);
  const rest = halves.length > 1 ? toGroups(halves[1]) : [];
  const known = head.length + rest.length;
  const zeros = halves.length > 1 ? 8 - known : 0;
  const groups = [...head, ...new Array<number>(zeros).fill(0), ...rest];
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

/** Serialises like the WHATWG URL parser: lower-case hex, the first longest run of 2+ zero groups as `::`. */
function formatIPv6(groups: number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Recognises an IP literal in a host, raw (`0x7f.0.0.1`, `[::ffff:127.0.0.1]`) or already
 * normalised by `new URL()`, and returns it normalised (`127.0.0.1`, `::ffff:7f00:1`, no brackets).
 * Returns null for anything that is not an IP literal, such as a DNS name.
 */
export function parseHostAsIp(host: string): string | null {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') || h.endsWith(']')) {
    if (!(h.startsWith('[') && h.endsWith(']'))) return null;
    h = h.slice(1, -1);
    const groups = parseIPv6(h);
    return groups ? formatIPv6(groups) : null;
  }
  if (h.includes(':')) {
    const groups = parseIPv6(h);
    return groups ? formatIPv6(groups) : null;
  }
  const v4 = parseIPv4(h);
  return v4 === null ? null : formatIPv4(v4);
}

// ---------------------------------------------------------------------------------------------
// Classifying addresses

interface V4Range {
  base: number;
  bits: number;
  kind: AddressKind;
}

interface V6Range {
  base: bigint;
  bits: number;
  kind: AddressKind;
}

function v4(cidr: string, kind: AddressKind): V4Range {
  const [addr, bits] = cidr.split('/');
  const base = parseIPv4(addr);
  if (base === null) throw new Error(`bad IPv4 CIDR in the table: ${cidr}`);
  return { base, bits: Number(bits), kind };
}

function v6(cidr: string, kind: AddressKind): V6Range {
  const [addr, bits] = cidr.split('/');
  const groups = parseIPv6(addr);
  if (groups === null) throw new Error(`bad IPv6 CIDR in the table: ${cidr}`);
  return { base: groupsToBigInt(groups), bits: Number(bits), kind };
}

function groupsToBigInt(groups: number[]): bigint {
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function inV4(ip: number, r: V4Range): boolean {
  if (r.bits === 0) return true;
  const mask = (0xffffffff << (32 - r.bits)) >>> 0;
  return ((ip & mask) >>> 0) === ((r.base & mask) >>> 0);
}

function inV6(ip: bigint, r: V6Range): boolean {
  const shift = BigInt(128 - r.bits);
  return ip >> shift === r.base >> shift;
}

// Order matters: the first match names the address, so the specific entries (metadata endpoints,
// broadcast) come before the ranges that contain them.
const FORBIDDEN_V4: V4Range[] = [
  v4('169.254.169.254/32', 'cloud metadata'), // AWS, GCP, Azure, OpenStack, Oracle
  v4('169.254.170.2/32', 'cloud metadata'), // ECS task metadata
  v4('100.100.100.200/32', 'cloud metadata'), // Alibaba Cloud
  v4('255.255.255.255/32', 'broadcast'),
  v4('0.0.0.0/8', 'unspecified'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'reserved'), // IETF protocol assignments
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', 'reserved'), // deprecated 6to4 relay anycast
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
];

const FORBIDDEN_V6: V6Range[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('fd00:ec2::254/128', 'cloud metadata'), // AWS IMDS over IPv6
  v6('64:ff9b:1::/48', 'private'), // local-use NAT64
  v6('100::/64', 'reserved'), // discard-only
  v6('2001:2::/48', 'benchmarking'),
  v6('2001:10::/28', 'reserved'), // ORCHID
  v6('2001:20::/28', 'reserved'), // ORCHIDv2
  v6('2001:db8::/32', 'documentation'),
  v6('3fff::/20', 'documentation'),
  v6('fc00::/7', 'private'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'private'), // deprecated site-local
  v6('ff00::/8', 'multicast'),
];

/** Only 2000::/3 is allocated for global unicast; anything else not handled above is reserved. */
const GLOBAL_UNICAST_V6 = v6('2000::/3', 'reserved');

/** IPv6 forms that carry an IPv4 address: the connection ends up at that IPv4, so it decides. */
const EMBEDDING_V6: { range: V6Range; name: string; extract: (ip: bigint) => number[] }[] = [
  { range: v6('::ffff:0:0/96', 'reserved'), name: 'an IPv4-mapped address', extract: (ip) => [low32(ip)] },
  { range: v6('::/96', 'reserved'), name: 'an IPv4-compatible address', extract: (ip) => [low32(ip)] },
  { range: v6('::ffff:0:0:0/96', 'reserved'), name: 'an IPv4-translated address', extract: (ip) => [low32(ip)] },
  { range: v6('64:ff9b::/96', 'reserved'), name: 'a NAT64 address', extract: (ip) => [low32(ip)] },
  { range: v6('2002::/16', 'reserved'), name: 'a 6to4 address', extract: (ip) => [Number((ip >> 80n) & 0xffffffffn)] },
  {
    // Teredo: server IPv4 in bits 32-63, client IPv4 inverted in the last 32 bits.
    range: v6('2001::/32', 'reserved'),
    name: 'a Teredo address',
    extract: (ip) => [Number((ip >> 64n) & 0xffffffffn), ~low32(ip) >>> 0],
  },
];

function low32(ip: bigint): number {
  return Number(ip & 0xffffffffn);
}

const ARTICLE: Partial<Record<AddressKind, string>> = { unspecified: 'an' };

function describe(kind: AddressKind): string {
  return `${ARTICLE[kind] ?? 'a'} ${kind} address`;
}

function classifyV4(ip: number): ForbiddenVerdict | null {
  const hit = FORBIDDEN_V4.find((r) => inV4(ip, r));
  return hit ? { kind: hit.kind, description: describe(hit.kind) } : null;
}

function classifyV6(groups: number[]): ForbiddenVerdict | null {
  const ip = groupsToBigInt(groups);
  // :: and ::1 sit inside the IPv4-compatible range, so they are decided first.
  const exact = FORBIDDEN_V6.slice(0, 2).find((r) => inV6(ip, r));
  if (exact) return { kind: exact.kind, description: describe(exact.kind) };
  for (const form of EMBEDDING_V6) {
    if (!inV6(ip, form.range)) continue;
    for (const embedded of form.extract(ip)) {
      const inner = classifyV4(embedded);
      if (inner) {
        return { kind: inner.kind, description: `${form.name} embedding ${formatIPv4(embedded)}, ${inner.description}` };
      }
    }
    return null;
  }
  const hit = FORBIDDEN_V6.find((r) => inV6(ip, r));
  if (hit) return { kind: hit.kind, description: describe(hit.kind) };
  if (!inV6(ip, GLOBAL_UNICAST_V6)) return { kind: 'reserved', description: describe('reserved') };
  return null;
}

/**
 * Says why an address must not be fetched, or null when it is a public unicast address.
 * Accepts any spelling `parseHostAsIp` does; something that is not an IP at all is refused.
 */
export function classifyAddress(ip: string): ForbiddenVerdict | null {
  const normalised = parseHostAsIp(ip);
  if (normalised === null) return { kind: 'invalid', description: 'not an IP address' };
  if (normalised.includes(':')) return classifyV6(parseIPv6(normalised) as number[]);
  return classifyV4(parseIPv4(normalised) as number);
}

export function isForbiddenAddress(ip: string): boolean {
  return classifyAddress(ip) !== null;
}

// ---------------------------------------------------------------------------------------------
// URLs and the allow list

export interface AllowEntry {
  host: string;
  /** null: any port on the host. */
  port: number | null;
}

/** Normalises a host for comparison: IP literals to one spelling, names lower-case without the root dot. */
function canonicalHost(host: string): string {
  return parseHostAsIp(host) ?? host.toLowerCase().replace(/\.$/, '');
}

/**
 * Parses `NEWSDIGEST_ALLOW_HOSTS` entries: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6.
 * Throws ConfigError naming the bad entry.
 */
export function parseAllowHosts(entries: readonly string[]): AllowEntry[] {
  return entries.map((raw) => {
    const entry = raw.trim().toLowerCase();
    let host = entry;
    let port: string | undefined;
    const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(entry);
    if (bracketed) {
      [, host, port] = bracketed;
    } else if (entry.split(':').length === 2) {
      [host, port] = entry.split(':');
    }
    const portNumber = port === undefined ? null : Number(port);
    const validPort = portNumber === null || (/^\d+$/.test(port ?? '') && portNumber > 0 && portNumber < 65536);
    const validHost = parseHostAsIp(host) !== null || /^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(host);
    if (!validHost || !validPort) {
      throw new ConfigError(
        `NEWSDIGEST_ALLOW_HOSTS: "${raw}" is not a host or host:port (e.g. "localhost:8080" or "[::1]:8080")`,
      );
    }
    return { host: canonicalHost(host), port: portNumber };
  });
}

export interface AllowedUrl {
  url: URL;
  /** Hostname as used for DNS, the Host header and SNI; IPv6 without brackets. */
  host: string;
  port: number;
  /** The normalised address when the host is an IP literal; null for a name that still needs resolving. */
  ip: string | null;
  /** The host (or host:port) is in NEWSDIGEST_ALLOW_HOSTS, so neither its addresses nor its port are checked. */
  allowListed: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };
/** Web ports; anything else (SMTP, Redis, admin consoles) needs FETCH_ALLOW_PORTS or an allow-listed host. */
const WEB_PORTS: readonly number[] = [80, 443];
const HINTED_KINDS = new Set<AddressKind>(['loopback', 'private', 'link-local', 'carrier-grade NAT']);
const ALLOW_HINT = 'list it in NEWSDIGEST_ALLOW_HOSTS as host:port to fetch it anyway';

/** `lead` reads before the description: "10.0.0.1 is", "db.internal resolves to 10.0.0.1,". */
function refuseAddress(lead: string, verdict: ForbiddenVerdict): FetchRefusedError {
  // Only ranges a developer might run a test server in get the hint; never the metadata endpoints.
  const hint = HINTED_KINDS.has(verdict.kind) ? ` (${ALLOW_HINT})` : '';
  return new FetchRefusedError(`refused: ${lead} ${verdict.description}${hint}`);
}

function refusePort(url: URL, port: number, allowPorts: readonly number[]): FetchRefusedError {
  const allowed = [...WEB_PORTS, ...allowPorts];
  const list = `${allowed.slice(0, -1).join(', ')} and ${allowed[allowed.length - 1]}`;
  return new FetchRefusedError(
    `refused: port ${port} on ${url.hostname} is not fetched, only ${list} (add it to FETCH_ALLOW_PORTS to fetch it anyway)`,
  );
}

/**
 * Checks what can be checked without DNS: the scheme (http/https only), credentials (refused),
 * for an IP literal host the address itself, and the port (80, 443 or one of `allowPorts`).
 * An allow-listed host skips the address and port checks (a `host:port` entry only on its port).
 * Throws FetchRefusedError saying what is wrong.
 */
export function checkUrlAllowed(input: string | URL, allowHosts: readonly string[], allowPorts: readonly number[]): AllowedUrl {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefusedError(`refused: ${JSON.stringify(String(input))} is not a valid URL`);
  }
  const port = DEFAULT_PORTS[url.protocol];
  if (port === undefined) {
    throw new FetchRefusedError(`refused: ${url.protocol} URLs are not fetched, only http: and https:`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchRefusedError(`refused: the URL for ${url.hostname} carries credentials; remove user:password@`);
  }
  const effectivePort = url.port === '' ? port : Number(url.port);
  const bare = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const host = canonicalHost(bare);
  const ip = parseHostAsIp(bare);
  const allowListed = parseAllowHosts(allowHosts).some((e) => e.host === host && (e.port === null || e.port === effectivePort));
  if (ip !== null && !allowListed) {
    const verdict = classifyAddress(ip);
    if (verdict) throw refuseAddress(`${ip} is`, verdict);
  }
  if (!allowListed && !WEB_PORTS.includes(effectivePort) && !allowPorts.includes(effectivePort)) {
    throw refusePort(url, effectivePort, allowPorts);
  }
  return { url, host: ip ?? bare, port: effectivePort, ip, allowListed };
}

/**
 * The checks ingest can make before queueing a URL (no DNS): null when the URL may be fetched,
 * otherwise the refusal reason. The fetcher repeats them, with DNS, on every hop.
 */
export function precheckUrl(url: string, allowHosts: readonly string[], allowPorts: readonly number[]): string | null {
  try {
    checkUrlAllowed(url, allowHosts, allowPorts);
    return null;
  } catch (err: unknown) {
    if (err instanceof FetchRefusedError) return err.message;
    throw err;
  }
}

export interface VettedUrl extends AllowedUrl {
  /** The addresses to connect to, already checked; never re-resolve the name. */
  addresses: ResolvedAddress[];
}

/**
 * The whole check for one request: `checkUrlAllowed`, then, for a name, one DNS lookup whose
 * every answer must be public (unless the host is allow-listed). Connect only to `addresses`.
 */
export async function vetUrl(
  input: string | URL,
  allowHosts: readonly string[],
  allowPorts: readonly number[],
  lookup: LookupFn,
): Promise<VettedUrl> {
  const target = checkUrlAllowed(input, allowHosts, allowPorts);
  if (target.ip !== null) {
    return { ...target, addresses: [{ address: target.ip, family: target.ip.includes(':') ? 6 : 4 }] };
  }
  const answers = await lookup(target.host);
  if (answers.length === 0) throw new FetchRefusedError(`refused: ${target.host} resolves to no address`);
  const addresses: ResolvedAddress[] = [];
  for (const answer of answers) {
    const address = parseHostAsIp(answer.address);
    if (address === null) throw new FetchRefusedError(`refused: ${target.host} resolves to "${answer.address}", not an IP address`);
    if (!target.allowListed) {
      const verdict = classifyAddress(address);
      if (verdict) throw refuseAddress(`${target.host} resolves to ${address},`, verdict);
    }
    addresses.push({ address, family: address.includes(':') ? 6 : 4 });
  }
  return { ...target, addresses };
}
