// Whether a lower-case word is an ordinary English word (in wink's lexicon), so that, capitalised at
// the start of a sentence, it is not a name ("Talks", "Human", "Tension"). Most given names and
// surnames are outside the lexicon ("gordon", "shoigu"); some are not ("jack", "brown"), which is
// why names need two tokens or a title.

import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';

type WinkNlp = ReturnType<typeof winkNLP>;

interface WinkCoreModel {
  features?: { lexeme?: { hash?: Record<string, number>; intrinsicSize?: number } };
}

/**
 * Bounds the fallback cache: wink remembers every unknown word it is shown, and so would the cache.
 * A memory bound, not a tuning number: clearing it changes no answer, only how fast one comes.
 */
const CACHE_LIMIT = 200_000;

/**
 * One per actor engine (see engine.ts). wink-eng-lite-web-model exposes its core model, whose lexeme
 * hash is the lexicon itself, so a look-up is a property read. Should a model not expose it, words
 * are looked up through a wink document, in batches, and remembered in a cache this object owns
 * (bounded by CACHE_LIMIT): the only state of the actor stage that outlives an article.
 */
export class CommonWords {
  /** The model's own lexicon (word -> index), or null when the model does not expose it. */
  private readonly lexemes: Record<string, number> | null;
  private nlp: WinkNlp | undefined;
  /** Ids below the first out-of-vocabulary id are the model's own lexicon. */
  private lexiconSize = 0;
  private readonly cache = new Map<string, boolean>();

  constructor() {
    const core = (winkModel as unknown as { core?: () => WinkCoreModel }).core?.();
    const lx = core?.features?.lexeme;
    this.lexemes = lx?.hash && lx.intrinsicSize ? lx.hash : null;
  }

  has(lower: string): boolean {
    if (this.lexemes) return Object.prototype.hasOwnProperty.call(this.lexemes, lower);
    const hit = this.cache.get(lower);
    if (hit !== undefined) return hit;
    if (!/^[a-z]+$/.test(lower)) return false;
    this.prime([lower]);
    return this.cache.get(lower) ?? false;
  }

  /** Looks several words up in one pass (one wink document) when the lexicon cannot be read directly. */
  prime(words: Iterable<string>): void {
    if (this.lexemes) return;
    const todo: string[] = [];
    for (const w of words) if (!this.cache.has(w) && /^[a-z]+$/.test(w)) todo.push(w);
    if (todo.length === 0) return;
    const n = this.wink();
    if (this.cache.size > CACHE_LIMIT) this.cache.clear();
    const tokens = n.readDoc(todo.join(' \n')).tokens();
    const ids = tokens.out(n.its.uniqueId) as unknown as number[];
    const vals = tokens.out() as string[];
    // map by value: wink may split or merge unusual words; anything not seen is treated as unknown
    const seen = new Map<string, number>();
    for (let i = 0; i < vals.length; i++) seen.set(vals[i].toLowerCase(), ids[i]);
    for (const w of todo) {
      const id = seen.get(w);
      this.cache.set(w, id !== undefined && id < this.lexiconSize);
    }
  }

  private wink(): WinkNlp {
    if (!this.nlp) {
      this.nlp = winkNLP(winkModel, []);
      this.lexiconSize = this.nlp.readDoc('qzxqvjkw').tokens().out(this.nlp.its.uniqueId)[0] as unknown as number;
    }
    return this.nlp;
  }
}
