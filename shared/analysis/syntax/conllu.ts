// CoNLL-U (https://universaldependencies.org/format.html): read sentences and write them back
// with some columns replaced. Everything that is not a basic word line (comments, multiword-token
// ranges "3-4", empty nodes "8.1") is kept as it was, in place, so a file round-trips.

export interface ConlluWord {
  /** 1-based word index in the sentence. */
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** 0 for the root; -1 when the column is "_" (not annotated). */
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

export interface ConlluSentence {
  /** The sentence's lines in order; a word line is replaced by its index into `words` when written. */
  lines: (string | number)[];
  words: ConlluWord[];
}

export class ConlluFormatError extends Error {
  constructor(message: string, readonly line: number) {
    super(`CoNLL-U line ${line}: ${message}`);
    this.name = new.target.name;
  }
}

/** Parses a CoNLL-U document. Blank lines end sentences; a final sentence needs no blank line. */
export function readConllu(text: string): ConlluSentence[] {
  const sentences: ConlluSentence[] = [];
  let current: ConlluSentence = { lines: [], words: [] };
  const flush = () => {
    if (current.lines.length) sentences.push(current);
    current = { lines: [], words: [] };
  };
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') { flush(); continue; }
    if (line.startsWith('#')) { current.lines.push(line); continue; }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new ConlluFormatError(`expected 10 tab-separated columns, found ${cols.length}`, n + 1);
    const id = cols[0];
    if (/^\d+-\d+$/.test(id) || /^\d+\.\d+$/.test(id)) { current.lines.push(line); continue; }
    if (!/^\d+$/.test(id)) throw new ConlluFormatError(`"${id}" is not a word, range or empty-node ID`, n + 1);
    const expected = current.words.length + 1;
    if (Number(id) !== expected) throw new ConlluFormatError(`word ID ${id} out of sequence (expected ${expected})`, n + 1);
    current.lines.push(current.words.length);
    current.words.push({
      id: expected,
      form: cols[1],
      lemma: cols[2],
      upos: cols[3],
      xpos: cols[4],
      feats: cols[5],
      head: cols[6] === '_' ? -1 : Number(cols[6]),
      deprel: cols[7],
      deps: cols[8],
      misc: cols[9],
    });
  }
  flush();
  return sentences;
}

/** Writes sentences back, each followed by a blank line. */
export function writeConllu(sentences: readonly ConlluSentence[]): string {
  let out = '';
  for (const s of sentences) {
    for (const line of s.lines) {
      if (typeof line === 'string') { out += line + '\n'; continue; }
      const w = s.words[line];
      out += [w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, w.head < 0 ? '_' : w.head, w.deprel, w.deps, w.misc].join('\t') + '\n';
    }
    out += '\n';
  }
  return out;
}
