import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffNotText, TEXT_SNIFF_BYTES } from '../../shared/fetch/index.js';

const PAGE = '<!doctype html><html><head><title>t</title></head><body>\n\t<p>Hello,\r\n world</p>\f</body></html>';

/** Deterministic bytes that look random: sha256 in counter mode. */
function noise(length: number): Buffer {
  const blocks = Array.from({ length: Math.ceil(length / 32) }, (_, i) => createHash('sha256').update(`block ${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/** windows-1251 for Cyrillic А..я and ASCII, enough for the tests. */
function encode1251(text: string): Buffer {
  return Buffer.from([...text].map((ch) => (ch < '\x80' ? ch.charCodeAt(0) : (ch.codePointAt(0) as number) - 0x410 + 0xc0)));
}

const RUSSIAN = `<!doctype html><html><body><p>${'Переговоры продолжатся в следующем месяце в Москве. '.repeat(40)}</p></body></html>`;

describe('sniffNotText passes text', () => {
  it.each([
    ['an ASCII page with whitespace controls', Buffer.from(PAGE), 'utf-8'],
    ['a UTF-8 Russian page', Buffer.from(RUSSIAN), 'utf-8'],
    ['a windows-1251 page', encode1251(RUSSIAN), 'windows-1251'],
    ['a UTF-16 page with a BOM (its bytes are half NULs)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PAGE, 'utf16le')]), 'utf-8'],
    ['an empty body', Buffer.alloc(0), 'utf-8'],
    ['an unknown charset, read as utf-8', Buffer.from(PAGE), 'x-no-such-charset'],
  ])('%s', (_name, body, charset) => {
    expect(sniffNotText(body, charset)).toBeNull();
  });

  it('tolerates up to 10 % control and replacement characters', () => {
    expect(sniffNotText(Buffer.from(`${'a'.repeat(900)}${'\x01\ufffd'.repeat(50)}`), 'utf-8')).toBeNull();
    expect(sniffNotText(Buffer.from(`${'a'.repeat(899)}${'\x01\ufffd'.repeat(50)}\x01`), 'utf-8')).toMatch(/^not an HTML page: 10 % /);
  });

  it(`looks at the first ${TEXT_SNIFF_BYTES} bytes only`, () => {
    expect(sniffNotText(Buffer.concat([Buffer.from('a'.repeat(TEXT_SNIFF_BYTES)), noise(100_000)]), 'utf-8')).toBeNull();
  });
});

describe('sniffNotText refuses binary data', () => {
  it.each([
    ['a PDF document', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1')],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['a GIF image', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['a JPEG image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])],
    ['a ZIP archive (or an Office document or EPUB)', Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1')],
    ['gzip-compressed data', zlib.gzipSync(PAGE)],
    ['an MP4 or QuickTime video', Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1')],
    ['a WebP image, WAV or AVI (RIFF)', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')],
  ])('%s, by its signature', (what, body) => {
    expect(sniffNotText(body, 'utf-8')).toBe(`not an HTML page: the body is ${what}`);
  });

  it('names the signature whatever the charset', () => {
    expect(sniffNotText(Buffer.from('%PDF-1.4 ...'), 'windows-1251')).toBe('not an HTML page: the body is a PDF document');
  });

  it('refuses NUL characters', () => {
    expect(sniffNotText(Buffer.from(`<html><body>${'\0'}</body></html>`), 'utf-8')).toBe(
      'not an HTML page: the body holds NUL characters (binary data)',
    );
  });

  it.each(['utf-8', 'windows-1251', 'windows-1252', 'koi8-r', 'shift_jis', 'gbk'])('refuses 300 KB of random bytes in %s', (charset) => {
    expect(sniffNotText(noise(300 * 1024), charset)).toMatch(/^not an HTML page: /);
  });

  it('reports the share and the charset, as random bytes without NULs read as UTF-8', () => {
    const body = Buffer.from(noise(300 * 1024).map((b) => b || 1));
    expect(sniffNotText(body, 'utf-8')).toMatch(
      /^not an HTML page: \d\d % of the first 4096 bytes decode \(as utf-8\) to control or replacement characters \(binary data, or a wrong charset\)$/,
    );
  });

  it('refuses a windows-1251 page declared as UTF-8 (it would decode to replacement characters)', () => {
    expect(sniffNotText(encode1251(RUSSIAN), 'utf-8')).toMatch(/^not an HTML page: \d+ % .*\(as utf-8\)/);
  });
});
