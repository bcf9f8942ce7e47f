// newsdigest digest [DATE]: builds a day's digest through the API (as POST /digests/{date} does),
// prints it as Markdown or JSON, and prints a signed link to its HTML page for a browser.

import { isValidDay } from '../../shared/url.js';
import { callApi, resolveApiTarget } from '../api-client.js';
import { EXIT_OK, parseCommandArgs, UsageError } from './usage.js';

export async function runDigestCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('digest', args);
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (values.format !== 'md' && values.format !== 'json') throw new UsageError('--format is json or md');
  if (positionals.length > 1) throw new UsageError(`give one DATE, not ${positionals.length}`);
  // Checked here too (the API would answer 400) so that a mistyped date is a usage error, exit 2.
  if (positionals.length && !isValidDay(positionals[0])) throw new UsageError(`DATE is a calendar date written YYYY-MM-DD, not ${JSON.stringify(positionals[0])}`);
  const date = positionals[0] ?? new Date().toISOString().slice(0, 10);
  const target = resolveApiTarget(values.api, values.key);
  if (!values['no-build']) await callApi(target, 'POST', `/digests/${encodeURIComponent(date)}`);
  const body = await callApi<unknown>(target, 'GET', `/digests/${encodeURIComponent(date)}${values.format === 'md' ? '.md' : ''}`);
  process.stdout.write(typeof body === 'string' ? body : JSON.stringify(body, null, 2) + '\n');
  const link = await callApi<{ url: string; expiresAt: string }>(target, 'GET', `/digests/${encodeURIComponent(date)}/link`);
  process.stderr.write(`\nHTML page (no key needed, expires ${link.expiresAt}):\n${link.url}\n`);
  return EXIT_OK;
}
