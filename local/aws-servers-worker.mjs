// dynalite and s3rver on a worker thread: on this 2-core machine the pipeline's own thread is busy
// with the SDK and Readability, and the servers' request parsing and LevelDB work would otherwise
// queue behind it. Plain JavaScript so that it loads the same under tsx, vitest and node.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const createDynalite = require('dynalite');
const S3rver = require('s3rver');

const { host, dynamoPort, s3Port, dynamoPath, s3Directory } = workerData;

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

try {
  const dynalite = createDynalite({ path: dynamoPath, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve, reject) => {
    dynalite.once('error', reject);
    dynalite.listen(dynamoPort, host, () => { dynalite.off('error', reject); resolve(); });
  });
  const s3rver = new S3rver({ address: host, port: s3Port, directory: s3Directory, silent: true });
  const s3Address = await s3rver.run();

  let closing = false;
  // A request cut off by the close can still reach LevelDB after it closed, and dynalite throws
  // "Database is closed" from a callback. The client already saw its connection drop and retries;
  // that throw must not take the thread (and with it the parent's test or pipeline) down.
  process.on('uncaughtException', (err) => {
    if (closing) return;
    throw err;
  });
  parentPort.on('message', async (msg) => {
    if (msg !== 'close') return;
    closing = true;
    s3rver.httpServer?.closeAllConnections();
    await Promise.allSettled([closeServer(dynalite), s3rver.close()]);
    parentPort.postMessage({ closed: true });
  });
  parentPort.postMessage({ ready: true, dynamoPort: dynalite.address().port, s3Port: s3Address.port });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
}
