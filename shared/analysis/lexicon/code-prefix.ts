// CAMEO codes are hierarchical ("1123" is under "112", under "11"): a table keyed by codes answers
// for a code by its longest listed prefix. Shared by the stance lexicon and the CAMEO converter
// (train/dictionaries/cameo-verbs.ts), which must not load the lexicon it writes.

/** The value of the longest prefix of `code` (two digits at least) in `table`. */
export function byCodePrefix<T>(table: ReadonlyMap<string, T>, code: string): T | undefined {
  for (let n = code.length; n >= 2; n--) {
    const v = table.get(code.slice(0, n));
    if (v !== undefined) return v;
  }
  return undefined;
}
