import { describe, expect, it, vi } from 'vitest';
import { loadFetchConfig } from '../../shared/config.js';
import { ConfigError, FetchRefusedError } from '../../shared/errors.js';
import {
  checkUrlAllowed,
  classifyAddress,
  isForbiddenAddress,
  parseAllowHosts,
  parseHostAsIp,
  precheckUrl,
  vetUrl,
  type LookupFn,
  type ResolvedAddress,
} from '../../shared/fetch/index.js';

/** A fake resolver: names map to fixed answers; anything else fails like a real NXDOMAIN. */
function fakeLookup(table: Record<string, string[]>): LookupFn {
  return async (hostname) => {
    const answers = table[hostname.replace(/\.$/, '')]; // like DNS, the root dot is optional
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const lookup = fakeLookup({
  localhost: ['127.0.0.1', '::1'],
  'example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'news.example': ['151.101.1.67'],
  'internal.example': ['10.1.2.3'],
  'half-internal.example': ['151.101.1.67', '192.168.0.10'],
  'rebind.example': ['::ffff:169.254.169.254'],
});

async function refusal(url: string, allowHosts: string[] = [], allowPorts: number[] = []): Promise<FetchRefusedError> {
  try {
    await vetUrl(url, allowHosts, allowPorts, lookup);
  } catch (err) {
    if (err instanceof FetchRefusedError) return err;
    throw err;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('parseHostAsIp', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0x7F.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
    ['192.168.257', '192.168.1.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['8.8.8.8', '8.8.8.8'],
    ['0', '0.0.0.0'],
    ['4294967295', '255.255.255.255'],
    ['[::1]', '::1'],
    ['::1', '::1'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['::ffff:7f00:1', '::ffff:7f00:1'],
    ['[FD00:EC2::254]', 'fd00:ec2::254'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('%s -> %s', (host, expected) => {
    expect(parseHostAsIp(host)).toBe(expected);
  });

  it.each(['example.com', 'localhost', '1.2.3.4.5', '256.1.1.1', '1.2.3.256', '4294967296', '08.0.0.1', '0x7g.0.0.1', '', '[example.com]', '[::1', '1.2.3.4:80'])(
    '%j is not an IP literal',
    (host) => {
      expect(parseHostAsIp(host)).toBeNull();
    },
  );

  it('agrees with what new URL() makes of the raw forms', () => {
    for (const raw of ['2130706433', '0x7f000001', '017700000001', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]']) {
      const normalised = new URL(`http://${raw}/`).hostname;
      expect(parseHostAsIp(normalised)).toBe(parseHostAsIp(raw));
    }
  });
});

describe('classifyAddress / isForbiddenAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fdff:ffff::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
    ['2002:7f00:1::', 'loopback'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyAddress(ip)?.kind).toBe(kind);
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '198.17.255.255', '198.20.0.0', '223.255.255.255', '2606:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (ip) => {
      expect(classifyAddress(ip)).toBeNull();
      expect(isForbiddenAddress(ip)).toBe(false);
    },
  );

  it('names the embedded IPv4 for mapped and translated forms', () => {
    expect(classifyAddress('::ffff:7f00:1')?.description).toBe('an IPv4-mapped address embedding 127.0.0.1, a loopback address');
    expect(classifyAddress('64:ff9b::a9fe:a9fe')?.description).toBe('a NAT64 address embedding 169.254.169.254, a cloud metadata address');
  });

  it('refuses IPv6 outside global unicast, and anything that is not an IP', () => {
    expect(classifyAddress('1::')?.kind).toBe('reserved');
    expect(classifyAddress('not-an-ip')?.kind).toBe('invalid');
    expect(isForbiddenAddress('example.com')).toBe(true);
  });
});

describe('checkUrlAllowed / vetUrl refuse hostile URLs', () => {
  it.each([
    ['http://127.0.0.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://localhost/', 'refused: localhost resolves to 127.0.0.1, a loopback address'],
    ['http://2130706433/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0x7f000001/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://017700000001/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://127.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://[::1]/', 'refused: ::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'refused: ::ffff:7f00:1 is an IPv4-mapped address embedding 127.0.0.1, a loopback address'],
    ['http://[::ffff:7f00:1]/', 'refused: ::ffff:7f00:1 is an IPv4-mapped address embedding 127.0.0.1, a loopback address'],
    ['http://169.254.169.254/latest/meta-data', 'refused: 169.254.169.254 is a cloud metadata address'],
    ['http://[fd00:ec2::254]/', 'refused: fd00:ec2::254 is a cloud metadata address'],
    ['http://100.100.100.200/', 'refused: 100.100.100.200 is a cloud metadata address'],
    ['http://100.64.0.1/', 'refused: 100.64.0.1 is a carrier-grade NAT address'],
    ['http://10.0.0.1/', 'refused: 10.0.0.1 is a private address'],
    ['http://172.16.5.4/', 'refused: 172.16.5.4 is a private address'],
    ['http://192.168.1.1/', 'refused: 192.168.1.1 is a private address'],
    ['http://[fe80::1]/', 'refused: fe80::1 is a link-local address'],
    ['http://[fc00::1]/', 'refused: fc00::1 is a private address'],
    ['http://0.0.0.0/', 'refused: 0.0.0.0 is an unspecified address'],
    ['http://0/', 'refused: 0.0.0.0 is an unspecified address'],
    ['http://internal.example/', 'refused: internal.example resolves to 10.1.2.3, a private address'],
    ['http://half-internal.example/', 'refused: half-internal.example resolves to 192.168.0.10, a private address'],
    ['http://rebind.example/', 'refused: rebind.example resolves to ::ffff:a9fe:a9fe, an IPv4-mapped address embedding 169.254.169.254, a cloud metadata address'],
    ['file:///etc/passwd', 'refused: file: URLs are not fetched, only http: and https:'],
    ['ftp://x/', 'refused: ftp: URLs are not fetched, only http: and https:'],
    ['javascript:alert(1)', 'refused: javascript: URLs are not fetched, only http: and https:'],
    ['gopher://127.0.0.1:25/', 'refused: gopher: URLs are not fetched, only http: and https:'],
    ['http://user:pass@example.com/', 'refused: the URL for example.com carries credentials; remove user:password@'],
    ['http://user@example.com/', 'refused: the URL for example.com carries credentials; remove user:password@'],
    ['not a url', 'refused: "not a url" is not a valid URL'],
  ])('%s', async (url, message) => {
    const err = await refusal(url);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.retryable).toBe(false);
    expect(err.message.startsWith(message)).toBe(true);
  });

  it('tells the operator how to allow a private test server, but never a metadata endpoint', async () => {
    expect((await refusal('http://10.0.0.1/')).message).toContain('NEWSDIGEST_ALLOW_HOSTS');
    expect((await refusal('http://169.254.169.254/')).message).not.toContain('NEWSDIGEST_ALLOW_HOSTS');
  });

  it('refuses IP literals without DNS, so precheck works at ingest', () => {
    expect(() => checkUrlAllowed('http://0x7f.1:8080/x', [], [])).toThrow(FetchRefusedError);
    expect(precheckUrl('http://[::ffff:10.0.0.1]/', [], [])).toBe(
      'refused: ::ffff:a00:1 is an IPv4-mapped address embedding 10.0.0.1, a private address (list it in NEWSDIGEST_ALLOW_HOSTS as host:port to fetch it anyway)',
    );
    expect(precheckUrl('https://news.example/a?b=1', [], [])).toBeNull();
  });
});

describe('public URLs pass', () => {
  it.each([
    ['https://example.com/world/article-1', '93.184.216.34'],
    ['http://news.example:8080/a', '151.101.1.67'],
    ['https://NEWS.example./a', '151.101.1.67'],
    ['http://8.8.8.8/', '8.8.8.8'],
    ['http://134744072/', '8.8.8.8'],
    ['http://[2606:4700::1111]:8443/', '2606:4700::1111'],
    ['http://[::ffff:8.8.8.8]/', '::ffff:808:808'],
  ])('%s connects to %s', async (url, address) => {
    const vetted = await vetUrl(url, [], [8080, 8443], lookup);
    expect(vetted.addresses[0].address).toBe(address);
    expect(vetted.allowListed).toBe(false);
  });

  it('keeps every vetted answer and the hostname for Host/SNI', async () => {
    const vetted = await vetUrl('https://example.com/x', [], [], lookup);
    expect(vetted.host).toBe('example.com');
    expect(vetted.port).toBe(443);
    expect(vetted.addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });

  it('does not resolve IP literals', async () => {
    const spy = vi.fn(lookup);
    await vetUrl('http://8.8.8.8/', [], [], spy);
    expect(spy).not.toHaveBeenCalled();
  });

  it('lets DNS failures through for the fetcher to report as network errors', async () => {
    await expect(vetUrl('http://nowhere.example/', [], [], lookup)).rejects.toThrow('ENOTFOUND');
  });
});

describe('the allow list', () => {
  it('skips the address check for a listed host on any port', async () => {
    const vetted = await vetUrl('http://localhost:3000/', ['localhost'], [], lookup);
    expect(vetted.allowListed).toBe(true);
    expect(vetted.addresses.map((a) => a.address)).toEqual(['127.0.0.1', '::1']);
  });

  it('matches host:port exactly, with default ports counted', async () => {
    expect(checkUrlAllowed('http://127.0.0.1:8080/', ['127.0.0.1:8080'], []).allowListed).toBe(true);
    expect(checkUrlAllowed('http://127.0.0.1/', ['127.0.0.1:80'], []).allowListed).toBe(true);
    expect((await refusal('http://127.0.0.1:8081/', ['127.0.0.1:8080'])).message).toContain('127.0.0.1 is a loopback address');
    expect((await refusal('https://127.0.0.1/', ['127.0.0.1:80'])).message).toContain('loopback');
  });

  it('compares hosts, not spellings: a listed name does not allow its address, nor the reverse', async () => {
    expect((await refusal('http://127.0.0.1:3000/', ['localhost:3000'])).message).toContain('loopback');
    expect((await refusal('http://localhost:3000/', ['127.0.0.1:3000'], [3000])).message).toContain('localhost resolves to 127.0.0.1');
    // Different spellings of the same literal are the same host.
    expect(checkUrlAllowed('http://2130706433:8080/', ['127.0.0.1:8080'], []).allowListed).toBe(true);
    expect(checkUrlAllowed('http://[0:0::1]:8080/', ['[::1]:8080'], []).allowListed).toBe(true);
    expect(checkUrlAllowed('http://[::1]/', ['::1'], []).allowListed).toBe(true);
  });

  it('never lets an allowed host skip the scheme or credential checks', () => {
    expect(() => checkUrlAllowed('http://u:p@localhost:3000/', ['localhost:3000'], [])).toThrow('credentials');
    expect(() => checkUrlAllowed('ftp://localhost:3000/', ['localhost:3000'], [])).toThrow('ftp:');
  });

  it('rejects malformed entries with a ConfigError naming the entry', () => {
    expect(parseAllowHosts(['LocalHost:8080', '[::1]', '10.0.0.1'])).toEqual([
      { host: 'localhost', port: 8080 },
      { host: '::1', port: null },
      { host: '10.0.0.1', port: null },
    ]);
    expect(() => parseAllowHosts(['http://localhost:8080'])).toThrow(ConfigError);
    expect(() => parseAllowHosts(['localhost:http'])).toThrow('"localhost:http"');
    expect(() => parseAllowHosts(['localhost:70000'])).toThrow(ConfigError);
  });
});

describe('ports', () => {
  it('refuses a port other than 80 and 443 at precheck, without DNS, naming the port and the setting', async () => {
    expect(precheckUrl('https://news.example.com:8080/story', [], [])).toBe(
      'refused: port 8080 on news.example.com is not fetched, only 80 and 443 (add it to FETCH_ALLOW_PORTS to fetch it anyway)',
    );
    const spy = vi.fn(lookup);
    await expect(vetUrl('http://news.example:6379/', [], [], spy)).rejects.toThrow('refused: port 6379 on news.example');
    expect(spy).not.toHaveBeenCalled();
    expect(precheckUrl('http://[2606:4700::1111]:8443/', [], [])).toContain('port 8443 on [2606:4700::1111]');
  });

  it('takes 80 and 443 with either scheme, written or not', () => {
    for (const url of ['http://news.example/', 'https://news.example/', 'http://news.example:443/', 'https://news.example:80/']) {
      expect(precheckUrl(url, [], [])).toBeNull();
    }
  });

  it('allows the ports FETCH_ALLOW_PORTS lists, and lists them when refusing another', () => {
    const { NEWSDIGEST_ALLOW_HOSTS, FETCH_ALLOW_PORTS } = loadFetchConfig({ FETCH_ALLOW_PORTS: '8080, 8443' });
    expect(FETCH_ALLOW_PORTS).toEqual([8080, 8443]);
    expect(precheckUrl('https://news.example.com:8080/story', NEWSDIGEST_ALLOW_HOSTS, FETCH_ALLOW_PORTS)).toBeNull();
    expect(precheckUrl('http://news.example.com:9000/', NEWSDIGEST_ALLOW_HOSTS, FETCH_ALLOW_PORTS)).toContain('only 80, 443, 8080 and 8443');
  });

  it('lets an allow-listed host:port through on its port only; a bare host on any port', async () => {
    expect(checkUrlAllowed('http://news.example:8080/', ['news.example:8080'], []).allowListed).toBe(true);
    expect((await refusal('http://news.example:8081/', ['news.example:8080'])).message).toContain('port 8081');
    expect((await vetUrl('http://news.example:8081/', ['news.example'], [], lookup)).port).toBe(8081);
  });

  it('reports a forbidden address before its port (the address is what the allow list fixes)', () => {
    expect(precheckUrl('http://127.0.0.1:9/', [], [])).toContain('127.0.0.1 is a loopback address');
  });

  it.each(['abc', '0', '70000', '80.5', '0x50', '8080;8443'])('FETCH_ALLOW_PORTS=%s is a ConfigError naming the variable', (value) => {
    expect(() => loadFetchConfig({ FETCH_ALLOW_PORTS: value })).toThrow(ConfigError);
    expect(() => loadFetchConfig({ FETCH_ALLOW_PORTS: value })).toThrow(/FETCH_ALLOW_PORTS.*is not a port number/);
  });

  it('defaults to no extra ports', () => {
    expect(loadFetchConfig({}).FETCH_ALLOW_PORTS).toEqual([]);
    expect(loadFetchConfig({ FETCH_ALLOW_PORTS: '' }).FETCH_ALLOW_PORTS).toEqual([]);
  });
});
