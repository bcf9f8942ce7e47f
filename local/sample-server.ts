// Serves the bundled sample pages (local/samples) on 127.0.0.1 for the demo and the benchmark,
// so both run on a machine with no internet. /copies/<n>/<file> serves the same page under many
// URLs (distinct articles for the end-to-end benchmark).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'samples');

export interface SampleServer {
  origin: string;
  hostPort: string;
  files: string[];
  close(): Promise<void>;
}

export async function startSampleServer(port = 0, host = '127.0.0.1'): Promise<SampleServer> {
  const worker = new Worker(new URL('./sample-server-worker.mjs', import.meta.url), {
    workerData: { dir: SAMPLES_DIR, host, port },
    execArgv: [],
  });
  const next = <T>() => new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const ready = await next<{ port: number; files: string[] }>();
  return {
    origin: `http://${host}:${ready.port}`,
    hostPort: `${host}:${ready.port}`,
    files: ready.files,
    async close() {
      const closed = next();
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
