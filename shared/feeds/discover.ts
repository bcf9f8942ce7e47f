// Feed autodiscovery: a site's pages name their feeds in <link rel="alternate" type="...">
// (the RSS Autodiscovery convention, also used for Atom and JSON Feed), so a user may subscribe
// with the site's address and get its feed, as feed readers allow. The page is parsed by linkedom,
// the HTML parser the extractor already uses.

import { parseHTML } from 'linkedom';

/** The types a feed link announces itself with; application/json only with a JSON Feed title hint is too rare to matter. */
const FEED_LINK_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml']);

/** The feeds a page links to, absolute http(s) URLs in page order, without repeats. */
export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const { document } = parseHTML(html);
  const base = document.querySelector('base[href]')?.getAttribute('href');
  let baseUrl = pageUrl;
  try {
    if (base) baseUrl = new URL(base, pageUrl).href;
  } catch { /* a broken <base> is ignored, as browsers do */ }
  const found: string[] = [];
  for (const link of document.querySelectorAll('link[href][type]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0].trim();
    if (!rel.includes('alternate') || !FEED_LINK_TYPES.has(type)) continue;
    let url: URL;
    try {
      url = new URL(link.getAttribute('href')!, baseUrl);
    } catch {
      continue;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !found.includes(url.href)) found.push(url.href);
  }
  return found;
}
