// newsdigest digest [DATE]: builds a day's digest through the API (as POST /digests/{date} does),
// prints it as Markdown or JSON, and prints a signed link to its HTML page for a browser.

import { parseArgs } from 'node:util';
import { callApi, resolveApiTarget } from '../api-client.js';

export async function runDigestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'md' },
      api: { type: 'string' },
      key: { type: 'string' },
      'no-build': { type: 'boolean' },
    },
  });
  if (values.format !== 'md' && values.format !== 'json') throw new Error('--format is json or md');
  const date = positionals[0] ?? new Date().toISOString().slice(0, 10);
  const target = resolveApiTarget(values.api, values.key);
  if (!values['no-build']) await callApi(target, 'POST', `/digests/${encodeURIComponent(date)}`);
  const body = await callApi<unknown>(target, 'GET', `/digests/${encodeURIComponent(date)}${values.format === 'md' ? '.md' : ''}`);
  process.stdout.write(typeof body === 'string' ? body : JSON.stringify(body, null, 2) + '\n');
  const link = await callApi<{ url: string; expiresAt: string }>(target, 'GET', `/digests/${encodeURIComponent(date)}/link`);
  process.stderr.write(`\nHTML page (no key needed, expires ${link.expiresAt}):\n${link.url}\n`);
  return 0;
}
