// The syntax model's file: everything the tagger and parser need, in one gzip-compressed binary.
// Layout: "NDSYNTAX", a little-endian u32 header length, the JSON header, then the sections it
// lists (typed arrays, each starting on an 8-byte boundary so it can be viewed in place, without
// copying). Loading is a decompression and a few views: no parsing of weights. gzip rather than
// brotli: 10 % larger here, but it inflates in half the time, and loading is a cold start's cost.

import { gunzipSync, gzipSync } from 'node:zlib';

const MAGIC = 'NDSYNTAX';
/** 2: the lemmatizer's sections added (format 1 had none). */
export const MODEL_FORMAT_VERSION = 2;

type ArrayKind = 'i32' | 'u8' | 'u16' | 'i16' | 'f32';
export type SectionArray = Int32Array | Uint8Array | Uint16Array | Int16Array | Float32Array;

interface SectionEntry {
  name: string;
  kind: ArrayKind;
  offset: number;
  length: number;
}

export interface ModelHeader {
  format: number;
  [key: string]: unknown;
}

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function kindOf(a: SectionArray): ArrayKind {
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Int16Array) return 'i16';
  if (a instanceof Float32Array) return 'f32';
  return 'u8';
}

function view(buffer: ArrayBuffer, kind: ArrayKind, offset: number, length: number): SectionArray {
  switch (kind) {
    case 'i32': return new Int32Array(buffer, offset, length);
    case 'u16': return new Uint16Array(buffer, offset, length);
    case 'i16': return new Int16Array(buffer, offset, length);
    case 'f32': return new Float32Array(buffer, offset, length);
    default: return new Uint8Array(buffer, offset, length);
  }
}

const align8 = (n: number) => (n + 7) & ~7;

export function encodeModelFile(header: Omit<ModelHeader, 'format'>, sections: Record<string, SectionArray>): Buffer {
  const entries: SectionEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(sections)) {
    entries.push({ name, kind: kindOf(array), offset, length: array.length });
    offset = align8(offset + array.byteLength);
  }
  const json = Buffer.from(JSON.stringify({ ...header, format: MODEL_FORMAT_VERSION, sections: entries }), 'utf8');
  const start = align8(MAGIC.length + 4 + json.length);
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  for (const e of entries) {
    const a = sections[e.name];
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, start + e.offset);
  }
  return gzipSync(out, { level: 9 });
}

/** Reads a model file of the current format, or of one of `formats` (train:syntax reads older ones to extend them). */
export function decodeModelFile(
  compressed: Uint8Array, formats: readonly number[] = [MODEL_FORMAT_VERSION],
): { header: ModelHeader; sections: Map<string, SectionArray> } {
  let raw: Buffer;
  try {
    raw = gunzipSync(compressed);
  } catch (err) {
    throw new ModelFileError(`the syntax model is not gzip data (${err instanceof Error ? err.message : String(err)})`);
  }
  if (raw.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new ModelFileError('not a newsdigest syntax model (bad magic)');
  const jsonLength = raw.readUInt32LE(MAGIC.length);
  const header = JSON.parse(raw.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + jsonLength)) as ModelHeader & { sections: SectionEntry[] };
  if (!formats.includes(header.format)) {
    throw new ModelFileError(`syntax model format ${header.format}, this code reads ${MODEL_FORMAT_VERSION}: retrain with npm run train:syntax`);
  }
  const start = align8(MAGIC.length + 4 + jsonLength);
  // Views need an aligned, exclusively owned buffer; a decompressed Buffer may be a pool slice.
  const buffer = raw.byteOffset % 8 === 0 ? raw.buffer : raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  const base = raw.byteOffset % 8 === 0 ? raw.byteOffset : 0;
  const sections = new Map<string, SectionArray>();
  for (const e of header.sections) sections.set(e.name, view(buffer as ArrayBuffer, e.kind, base + start + e.offset, e.length));
  return { header, sections };
}
