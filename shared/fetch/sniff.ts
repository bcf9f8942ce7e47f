// Whether a body that is meant to be HTML is text at all. Servers label whatever they send
// text/html (downloads behind a .html URL, misconfigured CDNs, error handlers), and binary data
// decodes to a "page" of garbage that extraction and analysis would otherwise go on to read.

import { bodyDecoder } from './charset.js';

/** How much of the body is looked at: past the <head> of most pages, and cheap on any size. */
export const TEXT_SNIFF_BYTES = 4096;

/**
 * Above this share of suspicious characters (below) in the sample, the body is not text.
 * HTML has none besides whitespace: the project's sample and fixture pages score 0 %. Random bytes
 * score over 50 % as UTF-8 and 20-60 % in the CJK charsets; in a single-byte charset (windows-1251,
 * koi8-r) only 10-14 %, too close to call, but 4 KB of random bytes hold NULs, which fail on their
 * own. A legacy page declared UTF-8 decodes each non-ASCII byte to U+FFFD and can pass 10 % too:
 * its text is lost either way, and the reason names the charset.
 */
const MAX_SUSPICIOUS_SHARE = 0.1;

/**
 * C0 controls other than whitespace and ESC (ISO-2022-JP's shifts), DEL, C1 controls, and U+FFFD,
 * which the decoder puts for bytes the charset has no character for.
 */
const SUSPICIOUS = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]/g;

interface Signature {
  what: string;
  magic: Buffer;
  /** Where the magic sits; 0 unless the format says otherwise. */
  offset?: number;
}

const signature = (what: string, magic: string | number[], offset?: number): Signature => ({
  what,
  magic: typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic),
  offset,
});

/** Formats found behind text/html links; none of these can start an HTML page. */
const SIGNATURES: readonly Signature[] = [
  signature('a PDF document', '%PDF-'),
  signature('a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  signature('a GIF image', 'GIF8'),
  signature('a JPEG image', [0xff, 0xd8, 0xff]),
  signature('a WebP image, WAV or AVI (RIFF)', 'RIFF'),
  signature('an MP4 or QuickTime video', 'ftyp', 4),
  signature('an MP3 file (ID3)', 'ID3'),
  signature('an Ogg media file', 'OggS'),
  signature('a ZIP archive (or an Office document or EPUB)', 'PK\x03\x04'),
  // Compressed data left after the Content-Encoding decoders: compressed twice, or undeclared.
  signature('gzip-compressed data', [0x1f, 0x8b]),
  signature('xz-compressed data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]),
  signature('zstd-compressed data', [0x28, 0xb5, 0x2f, 0xfd]),
  signature('a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
  signature('a RAR archive', 'Rar!\x1a\x07'),
];

function binaryFormat(body: Uint8Array): string | null {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const hit = SIGNATURES.find(({ magic, offset = 0 }) => bytes.subarray(offset, offset + magic.length).equals(magic));
  return hit ? hit.what : null;
}

/**
 * Why a (decompressed) body is not text, or null when it is. Looks for a binary format's
 * signature, then decodes the first TEXT_SNIFF_BYTES in `charset` (a byte order mark wins, as in
 * `decodeBody`) and refuses a NUL or more than 10 % control and replacement characters.
 * The reason begins "not " and `expected` ("an HTML page", "a feed").
 */
export function sniffNotText(body: Uint8Array, charset: string, expected = 'an HTML page'): string | null {
  const format = binaryFormat(body);
  if (format) return `not ${expected}: the body is ${format}`;
  const decoder = bodyDecoder(body, charset);
  const sample = decoder.decode(body.subarray(0, TEXT_SNIFF_BYTES));
  if (sample.includes('\0')) return `not ${expected}: the body holds NUL characters (binary data)`;
  const suspicious = sample.match(SUSPICIOUS)?.length ?? 0;
  if (sample.length > 0 && suspicious / sample.length > MAX_SUSPICIOUS_SHARE) {
    const percent = Math.round((100 * suspicious) / sample.length);
    return (
      `not ${expected}: ${percent} % of the first ${Math.min(body.length, TEXT_SNIFF_BYTES)} bytes decode ` +
      `(as ${decoder.encoding}) to control or replacement characters (binary data, or a wrong charset)`
    );
  }
  return null;
}
