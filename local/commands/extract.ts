// newsdigest extract: what the process stage would extract from pages, files or URLs. With
// --out-dir it writes one <basename>.json per input, so a folder of pages can be scored.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ExtractedArticle } from '../../shared/article.js';
import { loadFetchConfig } from '../../shared/config.js';
import { extractArticle } from '../../shared/extract/index.js';
import { decodeBody, detectCharset } from '../../shared/fetch/index.js';
import { fetcherFrom } from '../../shared/runtime/wiring.js';
import { EXIT_INPUTS_FAILED, EXIT_OK, parseCommandArgs, UsageError } from './usage.js';

export async function runExtractCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('extract', args);
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (!positionals.length) throw new UsageError('give at least one HTML file or URL');
  if (values.url && positionals.length > 1) throw new UsageError('--url names the page of a single file; give one input with it');
  const outDir = values['out-dir'];
  if (outDir) mkdirSync(outDir, { recursive: true });

  let failures = 0;
  for (const input of positionals) {
    try {
      const { html, url } = await load(input, values.url);
      const article = extractArticle(html, url);
      if (outDir) writeFileSync(join(outDir, `${basename(input, extname(input)) || 'page'}.json`), JSON.stringify({ source: input, url, ...article }, null, 2));
      else if (values.json) process.stdout.write(JSON.stringify({ source: input, url, ...article }, null, 2) + '\n');
      else process.stdout.write(asText(input, article));
    } catch (err) {
      failures++;
      process.stderr.write(`${input}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (outDir) process.stderr.write(`wrote ${positionals.length - failures} file(s) to ${outDir}\n`);
  return failures ? EXIT_INPUTS_FAILED : EXIT_OK;
}

async function load(input: string, pageUrl?: string): Promise<{ html: string; url: string }> {
  if (/^https?:\/\//i.test(input)) {
    const page = await fetcherFrom(loadFetchConfig()).fetch(input);
    return { html: page.html, url: page.finalUrl };
  }
  const bytes = readFileSync(input);
  const charset = detectCharset({ body: bytes });
  return { html: decodeBody(bytes, charset), url: pageUrl ?? `file://${input}` };
}

function asText(input: string, a: ExtractedArticle): string {
  const meta = [
    ['title', a.title], ['byline', a.byline], ['site', a.siteName], ['published', a.publishedTime],
    ['language', a.lang], ['words', String(a.wordCount)], ['extractor', a.extractor],
  ].filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join('\n');
  return `== ${input}\n${meta}\n\n${a.text}\n\n`;
}
