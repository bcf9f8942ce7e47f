import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset, normaliseCharset } from '../../shared/fetch/index.js';

const PRIVET = 'Привет, мир! Ёлка';

/** windows-1251 puts А..я at 0xC0..0xFF, Ё at 0xA8 and ё at 0xB8; ASCII is ASCII. */
function encode1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) as number;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`no windows-1251 byte for ${ch}`);
    }),
  );
}

// "Привет" in KOI8-R, written out: its letter order is not the alphabet's.
const KOI8_PRIVET = Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]);

const html = (head: string, body = 'x') => `<!doctype html><html><head>${head}<title>t</title></head><body>${body}</body></html>`;

describe('detectCharset', () => {
  it('prefers a BOM over the header and meta', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html('<meta charset="windows-1251">'))]);
    expect(detectCharset({ contentType: 'text/html; charset=koi8-r', body })).toBe('utf-8');
    expect(detectCharset({ body: Buffer.from([0xff, 0xfe, 0x3c, 0x00]) })).toBe('utf-16le');
    expect(detectCharset({ body: Buffer.from([0xfe, 0xff, 0x00, 0x3c]) })).toBe('utf-16be');
  });

  it('takes the Content-Type charset over meta, normalising the label', () => {
    const body = Buffer.from(html('<meta charset="koi8-r">'));
    expect(detectCharset({ contentType: 'text/html; charset=cp1251', body })).toBe('windows-1251');
    expect(detectCharset({ contentType: 'text/html;charset="Windows-1251"', body })).toBe('windows-1251');
    expect(detectCharset({ contentType: 'text/html; charset=latin1', body: Buffer.from('x') })).toBe('windows-1252');
    expect(detectCharset({ contentType: 'text/html; charset=Shift_JIS', body: Buffer.from('x') })).toBe('shift_jis');
    expect(detectCharset({ contentType: 'text/html; charset=gb2312', body: Buffer.from('x') })).toBe('gbk');
  });

  it('reads <meta charset>', () => {
    expect(detectCharset({ contentType: 'text/html', body: Buffer.from(html('<meta charset=windows-1251>')) })).toBe('windows-1251');
    expect(detectCharset({ body: Buffer.from(html("<META CHARSET='KOI8-R'/>")) })).toBe('koi8-r');
  });

  it('reads <meta http-equiv="Content-Type" content="...charset=...">, in either attribute order', () => {
    const a = html('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">');
    const b = html('<meta content="text/html;charset=koi8-r" http-equiv="content-type">');
    expect(detectCharset({ contentType: 'text/html', body: Buffer.from(a) })).toBe('windows-1251');
    expect(detectCharset({ contentType: null, body: Buffer.from(b) })).toBe('koi8-r');
  });

  it('ignores meta in comments, meta beyond the prescan window, and content= without http-equiv', () => {
    expect(detectCharset({ body: Buffer.from(html('<!-- <meta charset="koi8-r"> -->')) })).toBe('utf-8');
    expect(detectCharset({ body: Buffer.from(html(`<script>${' '.repeat(5000)}</script><meta charset="koi8-r">`)) })).toBe('utf-8');
    expect(detectCharset({ body: Buffer.from(html('<meta name="x" content="charset=koi8-r">')) })).toBe('utf-8');
  });

  it('treats a UTF-16 meta declaration as UTF-8 (the bytes arrived without a BOM)', () => {
    expect(detectCharset({ body: Buffer.from(html('<meta charset="utf-16">')) })).toBe('utf-8');
  });

  it('falls back to utf-8 for unknown labels and when nothing is declared', () => {
    expect(detectCharset({ contentType: 'text/html; charset=bogus-9', body: Buffer.from('x') })).toBe('utf-8');
    expect(detectCharset({ body: Buffer.from(html('<meta charset="no-such-charset">')) })).toBe('utf-8');
    expect(detectCharset({ contentType: 'text/html', body: Buffer.from(html('')) })).toBe('utf-8');
    // An unknown header label does not hide a usable meta declaration.
    expect(detectCharset({ contentType: 'text/html; charset=bogus', body: Buffer.from(html('<meta charset=koi8-r>')) })).toBe('koi8-r');
  });

  it('reads an XML declaration when there is no meta', () => {
    expect(detectCharset({ body: Buffer.from('<?xml version="1.0" encoding="windows-1251"?><html/>') })).toBe('windows-1251');
  });
});

describe('decodeBody', () => {
  it('decodes windows-1251 bytes to the right Cyrillic', () => {
    const bytes = encode1251(PRIVET);
    expect(bytes[0]).toBe(0xcf); // П
    expect(decodeBody(bytes, 'windows-1251')).toBe(PRIVET);
    expect(decodeBody(bytes, 'cp1251')).toBe(PRIVET);
    // The same bytes read as UTF-8 are garbage: the charset really matters.
    expect(decodeBody(bytes, 'utf-8')).not.toContain('Привет');
  });

  it('decodes koi8-r', () => {
    expect(decodeBody(KOI8_PRIVET, 'koi8-r')).toBe('Привет');
  });

  it('decodes shift_jis and gbk (full ICU)', () => {
    expect(decodeBody(Buffer.from([0x93, 0xfa, 0x96, 0x7b]), 'shift_jis')).toBe('日本');
    expect(decodeBody(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), 'gbk')).toBe('中文');
  });

  it('strips the BOM, and lets it win over a wrong charset', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Привет</p>')]);
    expect(decodeBody(withBom, 'utf-8')).toBe('<p>Привет</p>');
    expect(decodeBody(withBom, 'windows-1251')).toBe('<p>Привет</p>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>é</p>', 'utf16le')]);
    expect(decodeBody(utf16, 'utf-16le')).toBe('<p>é</p>');
  });

  it('decodes an unknown charset as utf-8', () => {
    expect(decodeBody(Buffer.from('Grüße'), 'x-made-up')).toBe('Grüße');
  });

  it('detect and decode together handle a meta-only windows-1251 page', () => {
    const body = encode1251(html('<meta charset="windows-1251">', PRIVET));
    const charset = detectCharset({ contentType: 'text/html', body });
    expect(charset).toBe('windows-1251');
    expect(decodeBody(body, charset)).toContain(PRIVET);
  });
});

describe('normaliseCharset', () => {
  it('maps labels to WHATWG names and unknown ones to null', () => {
    expect(normaliseCharset(' UTF8 ')).toBe('utf-8');
    expect(normaliseCharset('ascii')).toBe('windows-1252');
    expect(normaliseCharset('"koi8-r"')).toBe('koi8-r');
    expect(normaliseCharset('x-user-defined-nope')).toBeNull();
    expect(normaliseCharset('')).toBeNull();
  });
});
