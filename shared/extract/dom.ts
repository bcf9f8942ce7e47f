// DOM adapters for the extractor. Everything specific to linkedom or jsdom lives here, so the
// extractor sees one `Document` whichever parser built it.

import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';
import type { JSDOM } from 'jsdom';

export type DomName = 'linkedom' | 'jsdom';

export interface ParsedPage {
  document: Document;
  /** Frees the page; jsdom leaks hundreds of MB over a loop without it. */
  close(): void;
}

/** Parses a whole HTML page; `url` is the page address relative links resolve against. */
export type DomParser = (html: string, url: string) => ParsedPage;

const HTML_START_TAG = /<html(?=[\s>/])[^>]*>/i;
const DOCTYPE = /<!doctype[^>]*>/gi;
const HEAD_TAGS = /<\/?head(?=[\s>/])[^>]*>/gi;
const HEAD_START_TAG = /<head(?=[\s>/])[^>]*>/i;
const HEAD_END = /<\/head\s*>/i;
const BODY_START = /<body(?=[\s>/])/i;
/**
 * Leading markup that belongs in `<head>`: the elements that live there, and whitespace. Used to
 * find where an omitted `<body>` begins.
 */
const HEAD_PREFIX =
  /^(?:\s+|<\/?head\b[^>]*>|<title\b[^>]*>[\s\S]*?<\/title\s*>|<(?:meta|link|base)\b[^>]*>|<script\b[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>)*/i;
const BODY_OR_HTML_END = /<\/(?:body|html)\s*>/gi;

/**
 * linkedom builds the tree its tokenizer sees and does not add the `<html>`, `<head>` and
 * `<body>` a browser would imply: a fragment becomes a document whose root is its first element;
 * without a `<head>` first, `document.body` is a new empty element and the content is out of
 * Readability's reach; anything after `</html>` ends up outside the root. Readability expects a
 * browser-shaped tree, so rebuild the shell: doctype, `<html>` (keeping its attributes), one
 * `<head>`, then `<body>` with everything else.
 */
export function ensureDocumentShell(html: string): string {
  // End tags for body and html are implied at the end of input; dropping them keeps trailing
  // content (common after a stray `</html>`) inside the body.
  let rest = html.replace(BODY_OR_HTML_END, '').replace(DOCTYPE, '');
  const htmlTag = HTML_START_TAG.exec(rest);
  if (htmlTag) rest = rest.slice(0, htmlTag.index) + rest.slice(htmlTag.index + htmlTag[0].length);
  const headTag = HEAD_START_TAG.exec(rest)?.[0] ?? '<head>';

  let headEnd: number;
  const bodyAt = rest.search(BODY_START);
  if (bodyAt >= 0) headEnd = bodyAt;
  else {
    const close = HEAD_END.exec(rest);
    headEnd = close ? close.index + close[0].length : (HEAD_PREFIX.exec(rest)?.[0].length ?? 0);
  }
  const head = rest.slice(0, headEnd).replace(HEAD_TAGS, '');
  const body = bodyAt >= 0 ? rest.slice(headEnd) : `<body>${rest.slice(headEnd)}`;
  return `<!DOCTYPE html>${htmlTag?.[0] ?? '<html>'}${headTag}${head}</head>${body}</body></html>`;
}

function resolvedBase(html: string, document: Document, url: string): string {
  // A selector query walks the whole tree; most pages have no <base>, so ask the string first.
  if (!/<base\b/i.test(html)) return url;
  const href = document.querySelector('base[href]')?.getAttribute('href');
  if (href) {
    try {
      return new URL(href, url).href;
    } catch {
      // A broken <base> is ignored by browsers too.
    }
  }
  return url;
}

export const parseWithLinkedom: DomParser = (html, url) => {
  const { document } = parseHTML(ensureDocumentShell(html)) as unknown as { document: Document };
  const base = resolvedBase(html, document, url);
  // linkedom leaves documentURI undefined and baseURI null unless there is a <base>; Readability
  // resolves relative links with `new URL(href, doc.baseURI)`, so both must be the page URL.
  Object.defineProperty(document, 'documentURI', { value: url, configurable: true });
  Object.defineProperty(document, 'baseURI', { value: base, configurable: true });
  return { document, close: () => undefined };
};

let jsdomClass: typeof JSDOM | undefined;

/**
 * jsdom is a devDependency used by the benchmark: it is loaded on first use so the Lambda
 * bundle never contains it (it cannot be bundled; see PLATFORM.md).
 */
function loadJsdom(): typeof JSDOM {
  if (!jsdomClass) {
    try {
      jsdomClass = (createRequire(import.meta.url)('jsdom') as { JSDOM: typeof JSDOM }).JSDOM;
    } catch (err: unknown) {
      throw new Error("dom: 'jsdom' needs the jsdom package (a devDependency); use the default linkedom", {
        cause: err,
      });
    }
  }
  return jsdomClass;
}

export const parseWithJsdom: DomParser = (html, url) => {
  const JSDOMClass = loadJsdom();
  let validUrl: string | undefined;
  try {
    validUrl = new URL(url).href;
  } catch {
    validUrl = undefined;
  }
  const dom = new JSDOMClass(html, validUrl ? { url: validUrl } : {});
  return { document: dom.window.document, close: () => dom.window.close() };
};

export const DOM_PARSERS: Record<DomName, DomParser> = { linkedom: parseWithLinkedom, jsdom: parseWithJsdom };

/**
 * Whether the element tree under `root` is deeper than `limit` levels. Stops early, so it costs
 * one walk of at most the whole tree.
 */
export function isDeeperThan(root: Element, limit: number): boolean {
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1]);
  }
  return false;
}
