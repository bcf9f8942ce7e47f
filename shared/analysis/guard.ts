// The analysis never throws on text: a sentence that trips a rule costs that sentence, not the
// article. Each stage runs sentence by sentence inside a guard that records what it skipped (the
// analysis result carries the list; the process stage logs it with the article id). Stages that
// read the whole text at once (actor resolution) are retried without the sentence that breaks them.

export type AnalysisStage = 'tagging' | 'mentions' | 'actors' | 'stances' | 'tree' | 'learned' | 'summary';

export interface SkippedSentence {
  /** Index of the sentence in the article; -1 when a whole-article step failed (the summary). */
  sentence: number;
  stage: AnalysisStage;
  error: string;
}

/** At most this many sentences are taken out of a whole-text stage before it is given up. */
const MAX_EXCLUDED = 8;

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}

/** The sentences an analysis skipped, collected as the stages run. */
export class SkipLog {
  readonly skipped: SkippedSentence[] = [];

  /** `work` for one sentence; if it throws, the sentence is recorded and `fallback` returned. */
  sentence<T>(stage: AnalysisStage, sentence: number, work: () => T, fallback: T): T {
    try {
      return work();
    } catch (err: unknown) {
      this.skipped.push({ sentence, stage, error: describe(err) });
      return fallback;
    }
  }

  /**
   * A stage over the whole text: `work(keep)` must use only the sentences `keep` accepts. When it
   * throws, the first sentence whose inclusion makes it throw is found by bisection over prefixes,
   * recorded and left out, and the stage runs again; `fallback` when even that does not help.
   */
  wholeText<T>(stage: AnalysisStage, sentenceCount: number, work: (keep: (sentence: number) => boolean) => T, fallback: () => T): T {
    const excluded = new Set<number>();
    for (;;) {
      let failure: unknown;
      try {
        return work((s) => !excluded.has(s));
      } catch (err: unknown) {
        failure = err;
      }
      if (excluded.size >= MAX_EXCLUDED) break;
      const culprit = this.firstBreaking(sentenceCount, excluded, work);
      if (culprit < 0) break; // it fails whatever the sentences: not one sentence's fault
      excluded.add(culprit);
      this.skipped.push({ sentence: culprit, stage, error: describe(failure) });
    }
    this.skipped.push({ sentence: -1, stage, error: 'gave up on this stage for the whole text' });
    return fallback();
  }

  /** The smallest k such that running on sentences 0..k (minus `excluded`) throws; -1 if none does. */
  private firstBreaking<T>(count: number, excluded: ReadonlySet<number>, work: (keep: (s: number) => boolean) => T): number {
    const fails = (k: number): boolean => {
      try {
        work((s) => s <= k && !excluded.has(s));
        return false;
      } catch {
        return true;
      }
    };
    // Failing with no sentence at all, or not failing with every one: not one sentence's fault.
    if (count === 0 || fails(-1) || !fails(count - 1)) return -1;
    let lo = 0, hi = count - 1; // fails(hi) holds
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fails(mid)) hi = mid;
      else lo = mid + 1;
    }
    return excluded.has(lo) ? -1 : lo;
  }
}
