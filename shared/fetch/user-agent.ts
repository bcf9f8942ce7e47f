// The User-Agent the fetcher sends. robots.txt groups are chosen by the first product token
// (RFC 9309 2.2.1), so it starts with `newsdigest/<version>`: a site's `User-agent: newsdigest`
// group then applies to us, which a `Mozilla/5.0 (compatible; ...)` string would defeat.

// esbuild inlines the JSON into the Lambda bundle, so no package.json needs to sit beside it.
import packageJson from '../../package.json' with { type: 'json' };

/** The product token robots.txt groups name us by (`User-agent: newsdigest`). */
export const PRODUCT_TOKEN = 'newsdigest';

/** Control characters would end the header early or be refused by node:http mid-fetch. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]+$/;

/** `newsdigest/<version>`, plus ` (+<contactUrl>)` so a site operator can reach whoever runs it. */
export function newsdigestUserAgent(contactUrl?: string): string {
  const product = `${PRODUCT_TOKEN}/${packageJson.version}`;
  return contactUrl ? `${product} (+${contactUrl})` : product;
}

/** True when `value` can be sent as a header value as it is. */
export function isHeaderValue(value: string): boolean {
  return HEADER_VALUE.test(value) && value.trim() === value;
}
