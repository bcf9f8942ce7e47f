// The actor stage: sentences -> mentions (finding, mentions/) -> actors (resolving, resolve/).
// The engine (engine.ts) holds the validated data and the tables built from it; every pass gets
// what it reads as an argument.

import { SkipLog } from '../guard.js';
import { loadSyntaxModel } from '../syntax/index.js';
import { parseSentence, readText, type DocSentence } from '../text/document.js';
import type { SentenceTree } from './resolve/state.js';
import type { ActorAnalysis, Sentence } from '../types.js';
import { actorEngine, type ActorEngine } from './engine.js';
import { findMentions, type RawMention } from './mentions/index.js';
import { resolveActors } from './resolve/index.js';

export { actorEngine, createActorEngine, type ActorEngine } from './engine.js';

export interface ActorOptions {
  /** The article title when it is not part of `text`. */
  title?: string;
  /** The text's sentences as the document reads them (text/document.ts), when another stage has read them already. */
  sentences?: DocSentence[];
  /** The article's publication date (ISO date or timestamp), for roles that depend on it (resolve/dated-roles.ts). */
  date?: string;
}

/**
 * Finds and resolves the actors of one article. Offsets are JavaScript string indices into
 * `text` exactly as given. Without `opts.title`, a headline line at the top of the text (short,
 * no final punctuation, followed by a blank line) counts as the title for salience.
 */
export function analyseActors(text: string, opts: ActorOptions = {}, skips = new SkipLog(), engine: ActorEngine = actorEngine()): ActorAnalysis {
  const sentences = opts.sentences ?? readText(text).sentences;
  const raw = findMentions(text, sentences, skips, engine);
  let titleSentences: number[] = [];
  let titleMentions: RawMention[] | undefined;
  if (opts.title) {
    const ts = readText(opts.title).sentences;
    titleMentions = findMentions(opts.title, ts, new SkipLog(), engine); // a title sentence that fails only loses its salience bonus
  } else if (isHeadline(text, sentences, engine.lexicon.tuning.salience.headlineMaxChars)) {
    titleSentences = [0];
  }
  return skips.wholeText(
    'actors',
    sentences.length,
    (keep) => resolveActors(text, sentences, raw.filter((m) => keep(m.sentence)), { title: opts.title, titleMentions, titleSentences, date: opts.date, treeOf: treesOf(sentences) }, engine),
    (): ActorAnalysis => ({ sentences, actors: [], mentions: [] }),
  );
}

/** Each sentence's parse, made on request with the shipped syntax model and kept on the sentence. */
function treesOf(sentences: readonly DocSentence[]): SentenceTree {
  return (i) => {
    const s = sentences[i];
    return s ? { tokens: s.tokens, tree: parseSentence(loadSyntaxModel(), s) } : undefined;
  };
}

/** A first line this short, with no final punctuation and a blank line after it, is a headline. */
function isHeadline(text: string, sentences: Sentence[], maxChars: number): boolean {
  if (sentences.length <= 1) return false;
  const first = sentences[0];
  const after = text.slice(first.end, sentences[1].start);
  return first.text.length <= maxChars && !/[.!?:]["”’']?$/.test(first.text) && /\n\s*\n/.test(after);
}
