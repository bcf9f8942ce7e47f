// Regression guard on the 50-page dev set: the extractor must keep F1 >= 0.961 (what plain
// Readability scores there) and must not fall below plain Readability on the same DOM.
// The pages and the scorer are vendored (test/fixtures/extraction-dev, scoring/): a missing
// page folder fails the test, it does not skip.

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../shared/extract/index.js';
import { ExtractionError } from '../../shared/errors.js';
import { assertDevSetPresent, devSetDir, loadDevPages, scorePredictions } from '../../scoring/extraction-dev.js';

const REQUIRED_F1 = 0.961;

describe('extraction dev set (test/fixtures/extraction-dev)', () => {
  it(`scores F1 >= ${REQUIRED_F1} with the default extractor, and at least plain Readability`, async () => {
    const pages = loadDevPages(devSetDir); // throws a clear error when the dev set is absent
    expect(pages).toHaveLength(50);

    const ours: Record<string, string> = {};
    const plain: Record<string, string> = {};
    for (const page of pages) {
      try {
        ours[page.id] = extractArticle(page.html, page.url).text;
      } catch (err: unknown) {
        if (!(err instanceof ExtractionError)) throw err;
        ours[page.id] = '';
      }
      const { document } = parseHTML(page.html) as unknown as { document: Document };
      plain[page.id] = new Readability(document).parse()?.textContent ?? '';
    }

    const { metrics, perPage } = await scorePredictions(pages, ours);
    const baseline = (await scorePredictions(pages, plain)).metrics;
    const worst = [...perPage].sort((a, b) => a.f1 - b.f1).slice(0, 3).map((p) => `${p.id.slice(0, 8)}=${p.f1.toFixed(3)}`);
    console.info(
      `dev set F1 ${metrics.f1.toFixed(4)} (P ${metrics.precision.toFixed(4)}, R ${metrics.recall.toFixed(4)}); ` +
        `plain Readability ${baseline.f1.toFixed(4)}; worst pages ${worst.join(' ')}`,
    );

    expect(metrics.missing).toBe(0);
    expect(metrics.f1).toBeGreaterThanOrEqual(REQUIRED_F1);
    expect(metrics.f1).toBeGreaterThanOrEqual(baseline.f1);
  }, 120_000);

  it('reports a missing dev set as a failure that says where it looked', () => {
    expect(() => assertDevSetPresent('/nonexistent/extraction-dev')).toThrow(
      /extraction dev set not found: expected html, truth in \/nonexistent\/extraction-dev/,
    );
  });
});
