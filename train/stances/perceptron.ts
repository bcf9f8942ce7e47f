// A multi-class averaged perceptron over string features (Collins 2002; averaging as Daumé 2006),
// small enough for the learned pair layer: a few hundred thousand features, five classes.

export interface Example {
  features: readonly string[];
  label: number;
}

const CLASSES = 5;

/** The DSA label of the same pair with its members swapped. */
export function swapLabel(label: number): number {
  return [0, 2, 1, 4, 3][label];
}

/** A deterministic shuffle (a linear congruential generator from `seed`). */
function shuffle<T>(items: T[], seed: number): void {
  let s = seed >>> 0;
  for (let i = items.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** Averaged weights per feature; features seen in fewer than `minCount` examples are left out. */
export function trainPerceptron(examples: readonly Example[], opts: { epochs: number; seed: number; minCount: number }): Map<string, number[]> {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const data = examples.map((e) => ({ features: e.features.filter((f) => counts.get(f)! >= opts.minCount), label: e.label }));
  const w = new Map<string, Float64Array>();
  const u = new Map<string, Float64Array>();
  let time = 1;
  const update = (features: readonly string[], k: number, d: number) => {
    for (const f of features) {
      let wf = w.get(f);
      let uf = u.get(f);
      if (!wf || !uf) {
        wf = new Float64Array(CLASSES);
        uf = new Float64Array(CLASSES);
        w.set(f, wf);
        u.set(f, uf);
      }
      wf[k] += d;
      uf[k] += d * time;
    }
  };
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(data, opts.seed + epoch);
    for (const e of data) {
      const s = new Float64Array(CLASSES);
      for (const f of e.features) {
        const wf = w.get(f);
        if (wf) for (let k = 0; k < CLASSES; k++) s[k] += wf[k];
      }
      let best = 0;
      for (let k = 1; k < CLASSES; k++) if (s[k] > s[best]) best = k;
      if (best !== e.label) {
        update(e.features, e.label, 1);
        update(e.features, best, -1);
      }
      time++;
    }
  }
  const averaged = new Map<string, number[]>();
  for (const [f, wf] of w) averaged.set(f, [...wf].map((x, k) => x - u.get(f)![k] / time));
  return averaged;
}

/**
 * The mean weights of `seeds` perceptrons, each trained from its own shuffle (seed, seed + 1, ...):
 * one perceptron's weights swing with the order it saw the examples in.
 */
export function trainPerceptrons(examples: readonly Example[], opts: { epochs: number; seed: number; seeds: number; minCount: number }): Map<string, number[]> {
  const mean = new Map<string, number[]>();
  for (let k = 0; k < opts.seeds; k++) {
    for (const [f, w] of trainPerceptron(examples, { epochs: opts.epochs, seed: opts.seed + k, minCount: opts.minCount })) {
      const sum = mean.get(f);
      if (sum) w.forEach((x, i) => { sum[i] += x / opts.seeds; });
      else mean.set(f, w.map((x) => x / opts.seeds));
    }
  }
  return mean;
}

/** Macro-F1 over the five classes of [gold, predicted] pairs. */
export function macroF1(pairs: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let c = 0; c < CLASSES; c++) {
    let tp = 0, fp = 0, fn = 0;
    for (const [g, p] of pairs) {
      if (g === c && p === c) tp++;
      else if (p === c) fp++;
      else if (g === c) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    sum += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return sum / CLASSES;
}
