// The actor stage's engine: the validated lexicon, the gazetteer built from it and the common-word
// check, made once and handed to every pass. Nothing in the actor stage keeps state between
// articles except the bounded cache inside CommonWords (see common-words.ts).

import { ACTOR_LEXICON, type ActorLexicon } from '../lexicon/actors.js';
import { CommonWords } from './common-words.js';
import { buildGazetteer, type Gazetteer } from './gazetteer.js';

export interface ActorEngine {
  readonly lexicon: ActorLexicon;
  readonly gazetteer: Gazetteer;
  readonly words: CommonWords;
}

/** Builds an engine (about 100 ms: the gazetteer indexes a few thousand forms from the data and world-countries). Tests may pass another lexicon. */
export function createActorEngine(lexicon: ActorLexicon = ACTOR_LEXICON): ActorEngine {
  const words = new CommonWords();
  return { lexicon, words, gazetteer: buildGazetteer(lexicon, words) };
}

let processEngine: ActorEngine | undefined;

/**
 * The engine of this process, created on first use and never changed after: the default of
 * analyseActors, findMentions and resolveActors. Lazy so that importing the analysis costs nothing
 * until an article is analysed.
 */
export function actorEngine(): ActorEngine {
  processEngine ??= createActorEngine();
  return processEngine;
}

/** The process engine's gazetteer (for tests and tools). */
export function gazetteer(): Gazetteer {
  return actorEngine().gazetteer;
}

/** Whether a lower-case word is an ordinary English word, by the process engine (for tests and tools). */
export function isCommonWord(lower: string): boolean {
  return actorEngine().words.has(lower);
}
