// Pre-cleaning: drop the parts of a page that never hold article text before any DOM parser sees
// them. Readability removes these elements itself, so its output does not change, but parsing
// gets ~1.5x faster and jsdom >= 27.4 no longer crashes on a broken `calc()` inside `<style>`
// (see /work/shared/PLATFORM.md).
//
// This is a single-pass scanner over the HTML string, not a regex replace, because the cases
// that break regexes are common on real pages: `</script` inside JS strings, `>` inside
// attribute values, `<svg/>` self-closing, nested `<template>`, `<script>` text inside
// `<title>`/`<textarea>`, and elements or comments that are never closed.

/** Elements removed together with everything inside them. */
const DROPPED_ELEMENTS = new Set(['script', 'style', 'svg', 'noscript', 'template']);

/**
 * Elements whose content the HTML parser treats as text up to the matching end tag. A `<script>`
 * written inside them is text, not an element, so it must be copied as is.
 */
const RAW_TEXT_KEPT = new Set(['title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes']);

/** Elements that can nest inside themselves and must be matched by depth. */
const NESTABLE_DROPPED = new Set(['svg', 'template', 'noscript']);

const JSON_LD_TYPE = 'application/ld+json';

export interface PrecleanResult {
  /** The HTML with scripts, styles, SVG, noscript, template and comments removed. */
  html: string;
  /**
   * Raw contents of every top-level `<script type="application/ld+json">`, in document order,
   * collected before the scripts are removed so the metadata step can still read them.
   */
  jsonLd: string[];
}

export interface PrecleanOptions {
  /**
   * Leave `<script type="application/ld+json">` elements in the HTML (their contents are still
   * returned in `jsonLd`). Readability reads JSON-LD for its own title and byline, and its title
   * decides which duplicate heading it drops, so keeping them keeps its output identical.
   */
  keepJsonLd?: boolean;
  /** Further elements to drop with their content (matched by depth, like `<template>`). */
  alsoDrop?: readonly string[];
}

const isAsciiLetter = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Whitespace as the HTML tokenizer defines it (tab, LF, FF, CR, space). */
const isHtmlSpace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f';

interface Tag {
  /** Lower-cased tag name. */
  name: string;
  /** Index just after the closing `>` (or the end of input when the tag never closes). */
  end: number;
  selfClosing: boolean;
  /** The attribute part of a start tag, raw. */
  attrs: string;
}

/**
 * Reads a start or end tag beginning at `start` (which points at `<` or `</`). Attribute values
 * are skipped with their quotes so a `>` inside a value does not end the tag.
 */
function readTag(html: string, start: number, isEnd: boolean): Tag {
  let i = start + (isEnd ? 2 : 1);
  const nameStart = i;
  while (i < html.length && !isHtmlSpace(html[i]) && html[i] !== '/' && html[i] !== '>') i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attrsStart = i;
  let selfClosing = false;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '>') {
      selfClosing = html[i - 1] === '/' && i - 1 >= attrsStart;
      return { name, end: i + 1, selfClosing, attrs: html.slice(attrsStart, i) };
    }
    if (ch === '=') {
      i++;
      while (i < html.length && isHtmlSpace(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        i = close === -1 ? html.length : close + 1;
        continue;
      }
      continue;
    }
    i++;
  }
  return { name, end: html.length, selfClosing: false, attrs: html.slice(attrsStart) };
}

const endTagPatterns = new Map<string, RegExp>();

/** `</name` followed by a character that ends a tag name, in any letter case. */
function endTagPattern(name: string): RegExp {
  let re = endTagPatterns.get(name);
  if (!re) {
    re = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
    endTagPatterns.set(name, re);
  }
  return re;
}

/**
 * Finds where the content of a raw-text element ends: the index of its end tag, or the end of
 * input when it has none (the HTML parser then runs the element to the end of the page too).
 */
function findRawTextEnd(html: string, from: number, name: string): number {
  const re = endTagPattern(name);
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : html.length;
}

const SCRIPT_TOKENS = /<!--|-->|<\/?script(?=[\s/>]|$)/gi;

/**
 * Finds the end of `<script>` content following the HTML tokenizer's script-data states: a
 * `</script` inside a JS string does end the script (as in a browser; `"</scripts"` or
 * `"<\/script>"` do not), except inside the legacy `<!-- document.write("<script>...</script>")
 * -->` escape, where the inner end tag belongs to the string being written.
 */
function findScriptEnd(html: string, from: number): number {
  let escaped = false;
  let doubleEscaped = false;
  SCRIPT_TOKENS.lastIndex = from;
  for (let m = SCRIPT_TOKENS.exec(html); m; m = SCRIPT_TOKENS.exec(html)) {
    const token = m[0].toLowerCase();
    if (token === '<!--') {
      // `<!-->` and `<!--->` open and close at once.
      const after = m.index + 4;
      if (!escaped && html[after] !== '>' && !html.startsWith('->', after)) escaped = true;
    } else if (token === '-->') {
      escaped = false;
      doubleEscaped = false;
    } else if (token === '</script') {
      if (!doubleEscaped) return m.index;
      doubleEscaped = false;
    } else if (escaped) {
      doubleEscaped = true;
    }
  }
  return html.length;
}

/** Index just after a comment starting at `start` (`<!--`), or the end of input if unclosed. */
function commentEnd(html: string, start: number): number {
  const body = start + 4;
  // `<!-->` and `<!--->` are complete (empty) comments.
  if (html[body] === '>') return body + 1;
  if (html.startsWith('->', body)) return body + 2;
  let i = body;
  for (;;) {
    const dash = html.indexOf('--', i);
    if (dash === -1) return html.length;
    if (html[dash + 2] === '>') return dash + 3;
    if (html[dash + 2] === '!' && html[dash + 3] === '>') return dash + 4;
    i = dash + 1;
  }
}

/**
 * Index just after the element that starts at `tag` and is matched by depth (`svg`, `template`,
 * `noscript`), skipping comments and raw-text content on the way. Unclosed: -1.
 */
function findNestedEnd(html: string, name: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) return -1;
    if (html.startsWith('<!--', lt)) {
      i = commentEnd(html, lt);
      continue;
    }
    const isEnd = html[lt + 1] === '/';
    const first = html.charCodeAt(lt + (isEnd ? 2 : 1));
    if (!isAsciiLetter(first)) {
      i = lt + 1;
      continue;
    }
    const tag = readTag(html, lt, isEnd);
    i = tag.end;
    if (isEnd) {
      if (tag.name === name && --depth === 0) return tag.end;
      continue;
    }
    if (tag.name === name && !tag.selfClosing) depth++;
    else if (tag.name === 'script') i = skipPast(html, findScriptEnd(html, i), 'script');
    else if (tag.name === 'style') i = skipPast(html, findRawTextEnd(html, i, 'style'), 'style');
  }
  return -1;
}

/** Given the index of an end tag `</name ...>` (or end of input), returns the index after it. */
function skipPast(html: string, endTagStart: number, _name: string): number {
  if (endTagStart >= html.length) return html.length;
  return readTag(html, endTagStart, true).end;
}

function isJsonLdScript(attrs: string): boolean {
  const m = /(?:^|[\s"'/])type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
  if (!m) return false;
  return (m[1] ?? m[2] ?? m[3] ?? '').trim().toLowerCase() === JSON_LD_TYPE;
}

/**
 * Removes `<script>`, `<style>`, `<svg>`, `<noscript>`, `<template>` elements and HTML comments
 * from an HTML string, returning the JSON-LD blocks found on the way.
 */
export function preclean(html: string, options: PrecleanOptions = {}): PrecleanResult {
  const extra = new Set(options.alsoDrop ?? []);
  const out: string[] = [];
  const jsonLd: string[] = [];
  let copied = 0; // everything before this index has been emitted or dropped
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html[lt + 1];

    if (next === '!') {
      if (html.startsWith('<!--', lt)) {
        out.push(html.slice(copied, lt));
        copied = i = commentEnd(html, lt);
        continue;
      }
      // DOCTYPE, CDATA and other bogus comments end at the first `>`; keep them.
      const gt = html.indexOf('>', lt);
      i = gt === -1 ? html.length : gt + 1;
      continue;
    }

    const isEnd = next === '/';
    if (!isAsciiLetter(html.charCodeAt(lt + (isEnd ? 2 : 1)))) {
      i = lt + 1;
      continue;
    }

    const tag = readTag(html, lt, isEnd);
    if (isEnd) {
      // A stray end tag of a dropped element (`</script>` with no start) is harmless to keep,
      // but `</svg>` or `</template>` leftovers could confuse a parser's foreign-content
      // handling; drop them.
      if (DROPPED_ELEMENTS.has(tag.name)) {
        out.push(html.slice(copied, lt));
        copied = tag.end;
      }
      i = tag.end;
      continue;
    }

    if (RAW_TEXT_KEPT.has(tag.name)) {
      i = skipPast(html, findRawTextEnd(html, tag.end, tag.name), tag.name);
      continue;
    }

    if (extra.has(tag.name) && !tag.selfClosing) {
      // These are ordinary elements: when one is never closed, a browser shows the rest of the
      // page inside it, so only a properly closed one is dropped.
      const end = findNestedEnd(html, tag.name, tag.end);
      if (end !== -1) {
        out.push(html.slice(copied, lt));
        copied = i = end;
        continue;
      }
      i = tag.end;
      continue;
    }
    if (!DROPPED_ELEMENTS.has(tag.name)) {
      i = tag.end;
      continue;
    }

    let end: number;
    if (tag.name === 'script') {
      const contentEnd = findScriptEnd(html, tag.end);
      end = skipPast(html, contentEnd, 'script');
      if (isJsonLdScript(tag.attrs)) {
        jsonLd.push(html.slice(tag.end, contentEnd));
        if (options.keepJsonLd) {
          i = end;
          continue;
        }
      }
    } else if (tag.name === 'style') {
      end = skipPast(html, findRawTextEnd(html, tag.end, 'style'), 'style');
    } else if (NESTABLE_DROPPED.has(tag.name)) {
      // Unclosed, their content runs to the end of the page in a browser too.
      end = tag.selfClosing && tag.name === 'svg' ? tag.end : findNestedEnd(html, tag.name, tag.end);
      if (end === -1) end = html.length;
    } else {
      end = tag.end;
    }
    out.push(html.slice(copied, lt));
    copied = i = end;
  }
  out.push(html.slice(copied));
  return { html: out.join(''), jsonLd };
}
