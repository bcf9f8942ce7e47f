// A small, hostile-input-safe XML reader for feeds, sitemaps and OPML: saxes events built into a
// light element tree with namespaces resolved and xml:base carried down.
//
// Safety: saxes never reads a DTD, so it expands only the five XML built-in entities and numeric
// references, and fails on any other entity reference. We refuse a DOCTYPE that declares entities
// before the first element is even seen, so billion-laughs and XXE documents get a clear error
// instead of a vague "undefined entity" later.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeBody, normaliseCharset } from '../fetch/index.js';
import { FeedParseError } from './feed-error.js';

export interface XmlElement {
  /** Local name, without prefix. */
  local: string;
  /** Namespace URI; '' for none or for a prefix nobody declared (real feeds forget to declare `news:` and `dc:`). */
  uri: string;
  /** Attributes by local name (namespaced attributes other than xml:base are not needed). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside this element. */
  text: string;
  /** The base URL for relative links inside this element (feed URL, refined by xml:base). */
  base: string;
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Bytes of a body searched for `<?xml ... encoding="...">`. */
const XML_DECL_BYTES = 1024;

/** Decodes bytes by BOM, then the XML declaration's encoding, then UTF-8. */
export function decodeXmlBytes(body: Uint8Array): string {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, XML_DECL_BYTES)).toString('latin1');
  let charset = 'utf-8';
  if (head.startsWith('\xfe\xff')) charset = 'utf-16be';
  else if (head.startsWith('\xff\xfe')) charset = 'utf-16le';
  else {
    const declared = /^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
    charset = (declared && normaliseCharset(declared)) ?? 'utf-8';
  }
  return decodeBody(body, charset);
}

/** Error position as people read it, from saxes' "line:col: message". */
function describeSaxesError(err: Error): string {
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(err.message);
  return m ? `invalid XML at line ${m[1]}, column ${m[2]}: ${m[3].replace(/\.$/, '')}` : `invalid XML: ${err.message}`;
}

/**
 * Parses an XML document into a tree. `acceptRoot` sees the root element as soon as it opens and
 * may throw (an HTML page is rejected at `<html>`, before saxes trips over its unclosed tags).
 */
export function parseXml(text: string, baseUrl: string, acceptRoot: (root: XmlElement) => void): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  // Prefix → URI, one frame per open element, so declarations go out of scope with their element.
  const scopes: Map<string, string>[] = [new Map([['xml', XML_NS]])];
  let root: XmlElement | undefined;

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) throw new FeedParseError('feed declares entities (DOCTYPE ENTITY): refused');
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    let scope = scopes[scopes.length - 1];
    const attrs: Record<string, string> = {};
    let xmlBase: string | undefined;
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (scope === scopes[scopes.length - 1]) scope = new Map(scope); // copy only when it changes
        scope.set(name === 'xmlns' ? '' : name.slice(6), value);
      }
      else if (name === 'xml:base') xmlBase = value;
      else attrs[name.includes(':') ? name.slice(name.indexOf(':') + 1) : name] = value;
    }
    scopes.push(scope);
    const colon = tag.name.indexOf(':');
    const prefix = colon === -1 ? '' : tag.name.slice(0, colon);
    const parent = stack[stack.length - 1];
    const parentBase = parent?.base ?? baseUrl;
    const el: XmlElement = {
      local: colon === -1 ? tag.name : tag.name.slice(colon + 1),
      uri: scope.get(prefix) ?? '',
      attrs,
      children: [],
      text: '',
      base: xmlBase === undefined ? parentBase : resolveOrKeep(xmlBase, parentBase),
    };
    if (parent) parent.children.push(el);
    else {
      root = el;
      acceptRoot(el);
    }
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
    scopes.pop();
  });
  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  try {
    parser.write(text).close();
  } catch (err: unknown) {
    if (err instanceof FeedParseError) throw err;
    if (err instanceof Error) throw new FeedParseError(describeSaxesError(err), { cause: err });
    throw err;
  }
  if (!root) throw new FeedParseError('invalid XML: no root element');
  return root;
}

function resolveOrKeep(href: string, base: string): string {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return base; // a broken xml:base is ignored, as browsers ignore a broken <base href>
  }
}

/** The element's text including descendants' (Atom `type="xhtml"` titles are markup). */
export function textContent(el: XmlElement): string {
  return el.children.length === 0 ? el.text : el.text + el.children.map(textContent).join('');
}

export function child(el: XmlElement, local: string, uri?: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local && (uri === undefined || c.uri === uri));
}

export function childrenNamed(el: XmlElement, local: string, uri?: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

/** Trimmed, whitespace-collapsed text of a child element, or undefined when absent or empty. */
export function childText(el: XmlElement, local: string, uri?: string): string | undefined {
  const c = child(el, local, uri);
  const t = c && textContent(c).replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}
