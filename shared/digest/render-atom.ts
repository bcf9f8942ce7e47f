// The digests as an Atom 1.0 feed (`GET /digests.atom`, RFC 4287), one entry per day, newest
// first, so a feed reader can subscribe. Entry ids are tag: URIs (RFC 4151) that stay the same
// when the digest of a day is rebuilt, so a rebuild shows up as an update, not a new entry.

export interface AtomDigestEntry {
  date: string;
  articleCount: number;
  generatedAt: string;
  topActors: string[];
  /** Shown as the entry's content; HTML, escaped into the XML as Atom's type="html" asks. */
  summaryHtml?: string;
}

export interface AtomOptions {
  /** Where the feed itself is served: its id and rel="self" link. */
  feedUrl: string;
  /** The site's front page: rel="alternate" and the authority of the entries' tag: ids. */
  siteUrl: string;
  /** The page of one day's digest (e.g. a signed link to its HTML). */
  linkFor: (date: string) => string;
  title?: string;
  /** The feed's `updated` when there are no entries (default: now). */
  now?: Date;
}

export class AtomInputError extends Error {
  override name = 'AtomInputError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TOP_ACTORS_IN_TITLE = 3;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for XML content and attributes, and drops characters XML 1.0 cannot carry at all
 * (control characters, lone surrogates), which would make the whole feed unreadable.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

function rfc3339(value: string, what: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) throw new AtomInputError(`${what} is not a timestamp: "${value}"`);
  return t.toISOString();
}

function entryTitle(e: AtomDigestEntry): string {
  const actors = e.topActors.slice(0, TOP_ACTORS_IN_TITLE);
  const count = `${e.articleCount} article${e.articleCount === 1 ? '' : 's'}`;
  return `News digest ${e.date}: ${count}` + (actors.length > 0 ? ` — ${actors.join(', ')}` : '');
}

export function digestsToAtom(entries: readonly AtomDigestEntry[], opts: AtomOptions): string {
  let authority: string;
  try {
    authority = new URL(opts.siteUrl).hostname;
  } catch {
    throw new AtomInputError(`siteUrl is not a URL: "${opts.siteUrl}"`);
  }
  const sorted = [...entries].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const rendered = sorted.map((e) => {
    if (!DATE.test(e.date)) throw new AtomInputError(`A digest date must be YYYY-MM-DD, not "${e.date}"`);
    const updated = rfc3339(e.generatedAt, `generatedAt of ${e.date}`);
    const actors = e.topActors.length > 0 ? ` Top actors: ${e.topActors.join(', ')}.` : '';
    const summary = `${e.articleCount} article${e.articleCount === 1 ? '' : 's'} on ${e.date} (UTC).${actors}`;
    return { updated, xml: '  <entry>\n'
      // The tag's date is the digest's own date: the site certainly answered to its name then.
      + `    <id>tag:${escapeXml(authority)},${e.date}:digest/${e.date}</id>\n`
      + `    <title type="text">${escapeXml(entryTitle(e))}</title>\n`
      + `    <updated>${updated}</updated>\n`
      + `    <link rel="alternate" type="text/html" href="${escapeXml(opts.linkFor(e.date))}"/>\n`
      + `    <summary type="text">${escapeXml(summary)}</summary>\n`
      + (e.summaryHtml ? `    <content type="html">${escapeXml(e.summaryHtml)}</content>\n` : '')
      + '  </entry>\n' };
  });
  const feedUpdated = rendered.length > 0
    ? rendered.map((r) => r.updated).reduce((a, b) => (a > b ? a : b))
    : (opts.now ?? new Date()).toISOString();
  return '<?xml version="1.0" encoding="utf-8"?>\n'
    + '<feed xmlns="http://www.w3.org/2005/Atom">\n'
    + `  <id>${escapeXml(opts.feedUrl)}</id>\n`
    + `  <title type="text">${escapeXml(opts.title ?? 'newsdigest: daily news digests')}</title>\n`
    + `  <updated>${feedUpdated}</updated>\n`
    + `  <link rel="self" type="application/atom+xml" href="${escapeXml(opts.feedUrl)}"/>\n`
    + `  <link rel="alternate" type="text/html" href="${escapeXml(opts.siteUrl)}"/>\n`
    + '  <author><name>newsdigest</name></author>\n'
    + '  <generator>newsdigest</generator>\n'
    + rendered.map((r) => r.xml).join('')
    + '</feed>\n';
}
