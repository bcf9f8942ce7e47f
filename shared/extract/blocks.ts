// Turning an article's DOM into paragraphs. `textContent` glues block elements together
// ("...end of one paragraph.Start of the next"), which loses paragraph breaks and merges words;
// this walks the tree and cuts text at every block boundary instead, as a browser's innerText
// does, so no text is lost and every paragraph stays separate.

import { normalizeSpace } from './words.js';

/** Elements that start and end a paragraph (everything else is inline). */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'option',
]);

/** Elements whose content is never visible text. */
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'select', 'button', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'map']);

export interface Block {
  /** Whitespace-normalised text. */
  text: string;
  /** Characters of `text` that sit inside links (before normalisation, so approximate). */
  linkChars: number;
  /** The innermost block element the text sits in (`p`, `li`, `figcaption`, ...). */
  tag: string;
  /** Tags of the block ancestors, innermost first, up to the root (for caption/list rules). */
  ancestors: string[];
  /** The innermost block element, or null for text directly under the root. */
  element: Element | null;
}

interface Frame {
  node: Node;
  /** Set on the exit marker pushed for a block element. */
  exit?: boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Splits the text under `root` into blocks at every block-element boundary. */
export function blocksOf(root: Node): Block[] {
  const blocks: Block[] = [];
  const blockStack: string[] = [];
  const elementStack: Element[] = [];
  let parts: string[] = [];
  let linkChars = 0;
  let linkDepth = 0;

  const flush = (): void => {
    if (parts.length === 0) return;
    const text = normalizeSpace(parts.join(''));
    if (text) {
      blocks.push({
        text,
        linkChars: Math.min(linkChars, text.length),
        tag: blockStack[blockStack.length - 1] ?? 'body',
        ancestors: blockStack.slice().reverse(),
        element: elementStack[elementStack.length - 1] ?? null,
      });
    }
    parts = [];
    linkChars = 0;
  };

  // Iterative walk: malformed pages nest thousands of unclosed elements deep.
  const stack: Frame[] = [{ node: root }];
  while (stack.length) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (frame.exit) {
      const tag = (node as Element).localName;
      if (tag === 'a') linkDepth--;
      else {
        flush();
        blockStack.pop();
        elementStack.pop();
      }
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const data = (node as Text).data;
      parts.push(data);
      if (linkDepth > 0) linkChars += data.trim().length;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const tag = node.nodeType === ELEMENT_NODE ? (node as Element).localName?.toLowerCase() ?? '' : '';
    if (SKIPPED_TAGS.has(tag) && node !== root) continue;
    if (tag === 'br' || tag === 'hr') {
      flush();
      continue;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) {
      flush();
      blockStack.push(tag);
      elementStack.push(node as Element);
      stack.push({ node, exit: true });
    } else if (tag === 'a') {
      linkDepth++;
      stack.push({ node, exit: true });
    }
    // Children are pushed in reverse so they pop in document order.
    const children: Node[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] });
  }
  flush();
  return blocks;
}
