// The degraded extractor: runs when Readability found no article or the parser or Readability
// threw. It must never throw, whatever the input, so every step is guarded and the last resort
// works on the raw string.
//
//   1. Parse again (linkedom, whose tokenizer accepts anything), drop page furniture, and take
//      the container holding the most non-link paragraph text.
//   2. If no container stands out: every non-link paragraph of the page, in order.
//   3. Only if the DOM could not be built or walked at all: strip the tags with regexes.
//
// Link text is not article text: a page that is only links (a site index, a menu) yields no
// paragraphs here, and the caller reports "no article text found".

import { blocksOf, type Block } from './blocks.js';
import type { DomParser } from './dom.js';
import { extractMetadata, type PageMetadata } from './metadata.js';
import { articleParagraphs } from './paragraphs.js';
import { normalizeSpace } from './words.js';

export interface DegradedResult {
  paragraphs: string[];
  /** Null when the page could not be parsed at all. */
  metadata: PageMetadata | null;
  /** Which step produced the paragraphs (for logs and tests). */
  method: 'container' | 'paragraphs' | 'tag-strip' | 'none';
}

/**
 * Elements that hold navigation, chrome or controls, never the article. Not `form`: ASP.NET
 * pages wrap the whole page in one.
 */
const FURNITURE_SELECTOR = [
  'nav', 'header', 'footer', 'aside', 'button', 'select', 'textarea', 'input', 'iframe', 'object',
  'embed', 'dialog', 'menu', 'figure', '[hidden]', '[aria-hidden="true"]', '[role="navigation"]',
  '[role="banner"]', '[role="contentinfo"]', '[role="complementary"]', '[role="dialog"]',
  '[role="alertdialog"]', '[role="search"]', '[role="menu"]',
].join(',');

/** A paragraph shorter than this (characters) does not vote for its container. */
const MIN_SCORED_CHARS = 25;
/** Blocks with more link text than this share are navigation, not prose. */
const MAX_LINK_DENSITY = 0.5;

const isProse = (b: Block): boolean => b.text.length > 0 && b.linkChars / b.text.length <= MAX_LINK_DENSITY;

function removeFurniture(doc: Document): void {
  const nodes = doc.querySelectorAll(FURNITURE_SELECTOR);
  for (let i = 0; i < nodes.length; i++) nodes[i].remove();
}

/**
 * The element whose paragraphs hold the most prose: each prose block scores its text length for
 * its parent element and half for its grandparent, as Readability scores candidates. One pass
 * over the blocks, so deep or huge pages stay linear.
 */
function densestContainer(blocks: Block[]): Element | null {
  const scores = new Map<Element, number>();
  for (const b of blocks) {
    if (!b.element || b.text.length < MIN_SCORED_CHARS || !isProse(b)) continue;
    const parent = b.element.parentElement;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + b.text.length);
    const grand = parent?.parentElement;
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + b.text.length / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

const proseParagraphs = (blocks: Block[]): string[] => articleParagraphs(blocks.filter(isProse));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const BLOCK_BOUNDARY = /<\/?(?:p|div|br|li|h[1-6]|blockquote|pre|tr|td|th|section|article|table|ul|ol|dd|dt|hr)\b[^>]*>/gi;

/** Last resort: the body's text by regex, paragraphs cut at block tags. Never throws. */
export function tagStripParagraphs(html: string): string[] {
  const bodyStart = html.search(/<body\b/i);
  let s = bodyStart >= 0 ? html.slice(bodyStart) : html;
  s = s
    .replace(/<(script|style|noscript|template|svg|head|nav|footer)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(BLOCK_BOUNDARY, '\n')
    .replace(/<[^>]*>?/g, ' ');
  return s
    .split(/\n+/)
    .map((line) => normalizeSpace(decodeEntities(line)))
    .filter((line) => line.length > 0);
}

export function degradedExtract(html: string, url: string, jsonLd: string[], parse: DomParser): DegradedResult {
  let metadata: PageMetadata | null = null;
  let domWorked = false;
  try {
    const page = parse(html, url);
    try {
      try {
        metadata = extractMetadata(page.document, jsonLd, url);
      } catch {
        metadata = null;
      }
      const body = page.document.body ?? page.document.documentElement;
      if (body) {
        removeFurniture(page.document);
        domWorked = true;
        const blocks = blocksOf(body);
        const container = densestContainer(blocks);
        if (container) {
          const paragraphs = proseParagraphs(blocksOf(container));
          if (paragraphs.length) return { paragraphs, metadata, method: 'container' };
        }
        const paragraphs = proseParagraphs(blocks);
        if (paragraphs.length) return { paragraphs, metadata, method: 'paragraphs' };
      }
    } finally {
      page.close();
    }
  } catch {
    domWorked = false;
  }
  if (domWorked) return { paragraphs: [], metadata, method: 'none' };
  try {
    const paragraphs = tagStripParagraphs(html);
    return { paragraphs, metadata, method: paragraphs.length ? 'tag-strip' : 'none' };
  } catch {
    return { paragraphs: [], metadata, method: 'none' };
  }
}
