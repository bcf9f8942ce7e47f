// Which character encoding a page is in, decided in the order browsers use (WHATWG "encoding
// sniffing"): a byte order mark, then the Content-Type charset, then a <meta> declaration near the
// top, then UTF-8. Many Russian, Japanese and Chinese news sites still serve windows-1251,
// koi8-r, shift_jis or gbk, and declare it only in a <meta> tag.

/** How much of the body the <meta> prescan looks at. WHATWG says 1024; real pages put the tag later. */
export const META_PRESCAN_BYTES = 4096;

const DEFAULT_CHARSET = 'utf-8';

/** The WHATWG name for an encoding label (`cp1251` → `windows-1251`, `latin1` → `windows-1252`), or null if unknown. */
export function normaliseCharset(label: string): string | null {
  const trimmed = label.trim().replace(/^["']|["']$/g, '');
  if (trimmed === '') return null;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return null; // RangeError: not a label TextDecoder knows
  }
}

function bomCharset(body: Uint8Array): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset parameter of a Content-Type header value, as written (not yet normalised). */
export function contentTypeCharset(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("([^"]*)"|[^;\s]*)/i.exec(contentType);
  if (!match) return null;
  return match[2] ?? match[1];
}

const ATTRIBUTE = /([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function attributes(tagBody: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tagBody.matchAll(ATTRIBUTE)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** The charset declared by <meta charset> or <meta http-equiv="Content-Type" content="...">. */
function metaCharset(head: string): string | null {
  const withoutComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of withoutComments.matchAll(/<meta(?=[\s/])([^>]*)>?/gi)) {
    const attrs = attributes(tag[1]);
    let label: string | undefined = attrs.get('charset');
    if (label === undefined && attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      label = /charset\s*=\s*["']?([^"';\s]+)/i.exec(attrs.get('content') ?? '')?.[1];
    }
    if (label === undefined) continue;
    const charset = normaliseCharset(label);
    if (charset === null) continue;
    // A page that reached us as bytes without a BOM cannot be UTF-16, whatever it says (WHATWG).
    return charset.startsWith('utf-16') ? 'utf-8' : charset;
  }
  return null;
}

function xmlDeclarationCharset(head: string): string | null {
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return match ? normaliseCharset(match[1]) : null;
}

/**
 * Decides the charset of an HTML body: BOM, then the Content-Type charset, then <meta> (or an XML
 * declaration) in the first META_PRESCAN_BYTES bytes, then utf-8. Unknown labels are skipped.
 * Returns a WHATWG encoding name that TextDecoder accepts.
 */
export function detectCharset({ contentType, body }: { contentType?: string | null; body: Uint8Array }): string {
  const fromBom = bomCharset(body);
  if (fromBom) return fromBom;
  const declared = contentTypeCharset(contentType);
  const fromHeader = declared === null ? null : normaliseCharset(declared);
  if (fromHeader) return fromHeader;
  // latin1 maps each byte to one char, so offsets and ASCII markup survive whatever the encoding.
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, META_PRESCAN_BYTES)).toString('latin1');
  return metaCharset(head) ?? xmlDeclarationCharset(head) ?? DEFAULT_CHARSET;
}

/**
 * The decoder for a body: a byte order mark wins over `charset` (as in browsers) and is stripped;
 * an unknown charset decodes as utf-8; malformed bytes become U+FFFD.
 */
export function bodyDecoder(body: Uint8Array, charset: string): TextDecoder {
  const encoding = bomCharset(body) ?? normaliseCharset(charset) ?? DEFAULT_CHARSET;
  // ignoreBOM: false (the default) makes TextDecoder drop a BOM that matches the encoding.
  return new TextDecoder(encoding);
}

/** Decodes a body to a string, as `bodyDecoder` says. */
export function decodeBody(body: Uint8Array, charset: string): string {
  return bodyDecoder(body, charset).decode(body);
}
