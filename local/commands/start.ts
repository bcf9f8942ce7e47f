// newsdigest start: the whole pipeline on this machine (dynalite, s3rver, queues, the API on
// 127.0.0.1) until Ctrl-C, which lets batches in flight finish.

import { LOCAL_FEED_POLL_MS } from '../../shared/feeds/schedule.js';
import { startLocalPipeline } from '../runtime.js';
import { EXIT_OK, numberOption, parseCommandArgs } from './usage.js';

export async function runStartCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('start', args);
  if (!parsed) return EXIT_OK;
  const { values } = parsed;
  const pipeline = await startLocalPipeline({
    port: numberOption('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port number (0-65535)'),
    dataDir: values['data-dir'],
  });
  process.stdout.write(`newsdigest is running at ${pipeline.url}\n  data:    ${pipeline.dataDir}\n  API key: ${pipeline.apiKey}\n`
    + `  try:     curl -X POST -H "x-api-key: ${pipeline.apiKey}" ${pipeline.url}/ingest -d '{"urls": ["https://..."]}'\n`
    + `       or: npx newsdigest feeds add https://.../feed.xml   (feeds are polled every ${LOCAL_FEED_POLL_MS / 1000} s here)\n`
    + 'Ctrl-C stops it.\n');
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.stdout.write('\nstopping: finishing batches in flight...\n');
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await pipeline.stop();
  return EXIT_OK;
}
