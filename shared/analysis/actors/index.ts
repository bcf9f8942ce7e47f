// The actor stage: sentences -> mentions (finding) -> actors (resolving).

import { SkipLog } from '../guard.js';
import { ACTOR_LEXICON } from '../lexicon/actors.js';
import { findMentions, type RawMention } from './mentions/index.js';
import { resolveActors } from './resolve/index.js';
import { splitSentences } from '../sentences.js';
import type { ActorAnalysis } from '../types.js';

export interface ActorOptions {
  /** The article title when it is not part of `text`. */
  title?: string;
}

/** A first line this short (actor-tuning.json), with no final punctuation and a blank line after it, is a headline. */
const HEADLINE_MAX_CHARS = ACTOR_LEXICON.tuning.salience.headlineMaxChars;

/**
 * Finds and resolves the actors of one article. Offsets are JavaScript string indices into
 * `text` exactly as given. Without `opts.title`, a headline line at the top of the text (short,
 * no final punctuation, followed by a blank line) counts as the title for salience.
 */
export function analyseActors(text: string, opts: ActorOptions = {}, skips = new SkipLog()): ActorAnalysis {
  const sentences = splitSentences(text);
  const raw = findMentions(text, sentences, skips);
  let titleSentences: number[] = [];
  let titleMentions: RawMention[] | undefined;
  if (opts.title) {
    const ts = splitSentences(opts.title);
    titleMentions = findMentions(opts.title, ts, new SkipLog()); // a title sentence that fails only loses its salience bonus
  } else if (sentences.length > 1) {
    const first = sentences[0];
    const after = text.slice(first.end, sentences[1].start);
    if (first.text.length <= HEADLINE_MAX_CHARS && !/[.!?:]["”’']?$/.test(first.text) && /\n\s*\n/.test(after)) titleSentences = [0];
  }
  return skips.wholeText(
    'actors',
    sentences.length,
    (keep) => resolveActors(text, sentences, raw.filter((m) => keep(m.sentence)), { title: opts.title, titleMentions, titleSentences }),
    () => ({ sentences, actors: [], mentions: [] }),
  );
}
