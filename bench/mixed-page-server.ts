// Distinct article pages from the bundled samples (bench/mixed-page-server-worker.mjs), for the
// cost meter: /mixed/<n>/<file> is a distinct article, /copies/<n>/<file> the sample as is.

import { Worker } from 'node:worker_threads';
import { SAMPLES_DIR, type SampleServer } from '../local/sample-server.js';

export async function startMixedPageServer(host = '127.0.0.1'): Promise<SampleServer & { paragraphs: number }> {
  const worker = new Worker(new URL('./mixed-page-server-worker.mjs', import.meta.url), {
    workerData: { dir: SAMPLES_DIR, host, port: 0 },
    execArgv: [],
  });
  const next = <T>() => new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const ready = await next<{ port: number; files: string[]; paragraphs: number }>();
  return {
    origin: `http://${host}:${ready.port}`,
    hostPort: `${host}:${ready.port}`,
    files: ready.files,
    paragraphs: ready.paragraphs,
    async close() {
      const closed = next();
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
