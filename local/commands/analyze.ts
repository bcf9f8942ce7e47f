// newsdigest analyze: the analysis the process stage stores, for text files, HTML pages or stdin.
// A .txt file is analysed exactly as read, so mention offsets index into the file's text.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { analyse } from '../../shared/analysis/analyse.js';
import type { Analysis } from '../../shared/analysis/types.js';
import { extractArticle } from '../../shared/extract/index.js';
import { decodeBody, detectCharset } from '../../shared/fetch/index.js';
import { EXIT_INPUTS_FAILED, EXIT_OK, numberOption, parseCommandArgs, UsageError } from './usage.js';

export async function runAnalyzeCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('analyze', args);
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (!positionals.length) throw new UsageError('give at least one .txt or .html file, or - for standard input');
  const summarySentences = numberOption('sentences', values.sentences, (n) => Number.isInteger(n) && n >= 0, 'a whole number of sentences');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(values.date)) throw new UsageError(`--date wants an ISO date (2005-03-01), got ${JSON.stringify(values.date)}`);
  const outDir = values['out-dir'];
  if (outDir) mkdirSync(outDir, { recursive: true });

  let failures = 0;
  for (const input of positionals) {
    try {
      const { text, title, date } = loadText(input);
      // The date places people the text does not (their role that day, as PETRARCH2's dictionaries know it).
      const analysis = analyse(text, { title: values.title ?? title, summarySentences, date: values.date ?? date });
      const name = input === '-' ? 'stdin' : basename(input, extname(input));
      if (outDir) writeFileSync(join(outDir, `${name}.json`), JSON.stringify(analysis, null, 2));
      else if (values.json) process.stdout.write(JSON.stringify(analysis, null, 2) + '\n');
      else process.stdout.write(asText(input, analysis));
    } catch (err) {
      failures++;
      process.stderr.write(`${input}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (outDir) process.stderr.write(`wrote ${positionals.length - failures} analysis file(s) to ${outDir}\n`);
  return failures ? EXIT_INPUTS_FAILED : EXIT_OK;
}

function loadText(input: string): { text: string; title?: string; date?: string } {
  const bytes = readFileSync(input === '-' ? 0 : input);
  if (/\.x?html?$/i.test(input)) {
    const article = extractArticle(decodeBody(bytes, detectCharset({ body: bytes })), `file://${input}`);
    return { text: article.text, title: article.title ?? undefined, date: article.publishedTime ?? undefined };
  }
  return { text: bytes.toString('utf8') };
}

function asText(input: string, a: Analysis): string {
  const names = new Map(a.actors.map((x) => [x.id, x.name]));
  const actors = a.actors
    .slice().sort((x, y) => y.salience - x.salience)
    .map((x) => `  ${x.salience.toFixed(2)}  ${x.name} [${x.type}${x.country && x.country !== x.id ? `, ${x.country}` : ''}${x.role ? `, ${x.role}` : ''}] ×${x.mentions.length}`);
  const stances = a.stances.map((s) => `  ${names.get(s.source) ?? s.source} -> ${names.get(s.target) ?? s.target}  ${s.category} ${s.score > 0 ? '+' : ''}${s.score}`
    + `${s.claim ? ` (claim of ${names.get(s.claim) ?? s.claim})` : ''}\n      "${s.text.length > 140 ? s.text.slice(0, 139) + '…' : s.text}"`);
  return `== ${input}\nactors:\n${actors.join('\n')}\nstances:\n${stances.join('\n') || '  (none)'}\nsummary:\n${a.summary.map((s) => `  - ${s}`).join('\n')}\n\n`;
}
