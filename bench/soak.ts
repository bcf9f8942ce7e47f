// npm run soak: burst-and-crash test of the local pipeline. N distinct article URLs (the bundled
// samples served under many paths) are posted through the HTTP API in bursts to `newsdigest start`
// running as a child process; midway through the posting the child's whole process group is
// SIGKILLed while a burst is half stored (as soon as its first record exists), restarted on the
// same data folder, and the rest is posted, together with every burst that failed or got no
// answer. Then it waits until every article is terminal and counts what went wrong: a URL with no
// record (lost), an article still queued, fetching or fetched (stuck), a URL the day listings show
// more than once or under another id (doubled).
//
//   npm run soak [-- --urls 2000] [--burst 100] [--kills 1] [--timeout S] [--keep]
//
// Exit code 1 when anything was lost, stuck or doubled; 2 for a bad option.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ArticleRecord } from '../shared/article.js';
import type { IngestResult } from '../shared/pipeline/ingest.js';
import { articleIdFor, canonicalizeUrl, utcDay } from '../shared/url.js';
import { callApi, type ApiTarget } from '../local/api-client.js';
import { startSampleServer } from '../local/sample-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TERMINAL = new Set(['processed', 'analyzed', 'failed']);

export interface SoakOptions {
  /** Distinct article URLs to post. Default 2,000. */
  urls?: number;
  /** URLs per POST /ingest (the API takes at most 100). Default 100. */
  burst?: number;
  /** How many times the child is SIGKILLed mid-burst and restarted, spread over the posting. Default 1. */
  kills?: number;
  /**
   * Milliseconds between sending the burst and killing the child. Default: as soon as the burst's
   * first record exists (polled), so that the kill lands while the POST is half done.
   */
  killDelayMs?: number;
  /** Give up waiting for terminal statuses after this long. Default 120 s + 0.5 s a URL. */
  timeoutSeconds?: number;
  /** Keep the data folder (its path is in the result) instead of deleting it. */
  keepDataDir?: boolean;
  /** Progress lines; default none. */
  log?: (line: string) => void;
}

export interface SoakResult {
  urls: number;
  /** Times the child was started again on the same data folder after a SIGKILL. */
  restarts: number;
  /** URLs posted again because their burst failed or got no answer. */
  reposted: number;
  /** Records not yet terminal just after each restart: what the restart had to pick up again. */
  inFlightAtRestart: number[];
  /**
   * For each kill, how many URLs of the burst being answered had a record just after the restart
   * (of `burst`): between 0 and all of them means the kill landed while the POST was half done.
   */
  killedBurstRecorded: number[];
  /** URLs with no record at the end. */
  lost: number;
  /** Articles still queued, fetching or fetched at the end. */
  stuck: number;
  /**
   * Canonical URLs listed more than once in the day listings (two records, or a stale index entry
   * beside the record) or under an id that is not articleIdFor(canonical URL), plus ids answered by
   * POST /ingest that are not.
   */
  doubled: number;
  failed: number;
  /** processed or analyzed. */
  done: number;
  /** From the first POST until every article was terminal (or the timeout). */
  seconds: number;
  timedOut: boolean;
  /** os.loadavg() at the end: 1, 5 and 15 minutes. */
  loadAverage: number[];
  cores: number;
  dataDir: string;
  /** A few examples of what went wrong, for the report. */
  examples: string[];
}

export async function runSoak(opts: SoakOptions = {}): Promise<SoakResult> {
  const count = opts.urls ?? 2000;
  const burst = opts.burst ?? 100;
  const kills = opts.kills ?? 1;
  const timeoutMs = (opts.timeoutSeconds ?? 120 + count * 0.5) * 1000;
  const log = opts.log ?? (() => {});
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`urls wants a whole number above 0, got ${count}`);
  if (!Number.isInteger(burst) || burst < 1 || burst > 100) throw new RangeError(`burst wants 1..100, got ${burst}`);
  if (!Number.isInteger(kills) || kills < 0) throw new RangeError(`kills wants a whole number, got ${kills}`);

  const samples = await startSampleServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-soak-'));
  let child: PipelineChild | undefined;
  try {
    const urls = Array.from({ length: count }, (_, i) => `${samples.origin}/copies/${i}/${samples.files[i % samples.files.length]}`);
    const expected = new Map(urls.map((u) => { const c = canonicalizeUrl(u); return [c, articleIdFor(c)]; }));
    const examples: string[] = [];
    let idMismatches = 0;
    const checkAnswer = (r: IngestResult) => {
      for (const a of [...r.accepted, ...r.duplicates, ...r.requeued]) {
        const want = articleIdFor(canonicalizeUrl(a.url));
        if (a.id !== want) {
          idMismatches++;
          if (examples.length < 10) examples.push(`POST answered id ${a.id} for ${a.url}, expected ${want}`);
        }
      }
      if (r.rejected.length && examples.length < 10) examples.push(`rejected ${r.rejected[0].url}: ${r.rejected[0].reason}`);
    };

    child = await startPipelineChild(dataDir, samples.hostPort);
    log(`child ${child.pid} at ${child.target.baseUrl}, data folder ${dataDir}; ${count} URLs in bursts of ${burst}, ${kills} kill(s)`);
    const chunks: string[][] = [];
    for (let i = 0; i < urls.length; i += burst) chunks.push(urls.slice(i, i + burst));
    // Kill k of `kills` while burst floor(k * chunks / (kills + 1)) is being answered.
    const killAt = new Set(Array.from({ length: kills }, (_, k) => Math.floor(((k + 1) * chunks.length) / (kills + 1))));
    if (killAt.size < kills) throw new RangeError(`${kills} kills need more than ${chunks.length} bursts; lower --burst`);

    const firstDay = utcDay(new Date());
    const started = performance.now();
    const retry: string[] = [];
    let restarts = 0;
    const inFlightAtRestart: number[] = [];
    const killedBurstRecorded: number[] = [];
    const latencies: number[] = [];
    for (const [i, chunk] of chunks.entries()) {
      if (killAt.has(i)) {
        // Kill as soon as the burst's first record exists (the POST is then half done: records
        // stored, not yet queued, no answer), or after the given delay.
        const sent = performance.now();
        let answered = false;
        const answer = postBurst(child.target, chunk).finally(() => { answered = true; });
        if (opts.killDelayMs !== undefined) await sleep(opts.killDelayMs);
        else {
          const firstId = expected.get(canonicalizeUrl(chunk[0]))!;
          const giveUp = sent + 3 * median(latencies);
          while (!answered && performance.now() < giveUp && !(await getArticle(child.target, firstId).catch(() => undefined))) await sleep(2);
        }
        const killDelayMs = performance.now() - sent;
        await child.kill('SIGKILL');
        const r = await answer;
        if (r) checkAnswer(r);
        else retry.push(...chunk);
        log(`burst ${i + 1}/${chunks.length}: SIGKILLed the process group ${killDelayMs.toFixed(0)} ms after sending it, ${r ? 'after the answer' : 'before the answer'}; restarting`);
        child = await startPipelineChild(dataDir, samples.hostPort);
        restarts++;
        // Only the URLs posted so far: the rest have no record yet, each would cost a GET.
        const posted = new Map(chunks.slice(0, i + 1).flat().map((u) => { const c = canonicalizeUrl(u); return [c, expected.get(c)!]; }));
        const after = await urlStates(child.target, firstDay, posted);
        inFlightAtRestart.push([...after.values()].filter((u) => u.status !== undefined && !TERMINAL.has(u.status)).length);
        killedBurstRecorded.push(chunk.filter((u) => after.get(canonicalizeUrl(u))?.status !== undefined).length);
        continue;
      }
      const sent = performance.now();
      const r = await postBurst(child.target, chunk);
      if (r) {
        latencies.push(performance.now() - sent);
        checkAnswer(r);
      } else retry.push(...chunk);
    }
    const reposted = retry.length;
    for (let i = 0; i < retry.length; i += burst) {
      const chunk = retry.slice(i, i + burst);
      let r: IngestResult | undefined;
      for (let attempt = 0; attempt < 5 && !r; attempt++) {
        r = await postBurst(child.target, chunk);
        if (!r) await sleep(500);
      }
      if (!r) throw new Error(`the restarted pipeline did not answer POST /ingest (${child.stderrTail()})`);
      checkAnswer(r);
    }
    log(`posted ${count} URLs (${reposted} again) in ${((performance.now() - started) / 1000).toFixed(1)} s; waiting for every article to be terminal`);

    // Wait until every article of ours is terminal. A URL with no record does not block: nothing
    // would create one now, it is lost whatever happens next.
    const deadline = Date.now() + timeoutMs;
    let states: Map<string, UrlState>;
    let timedOut = false;
    let lastReport = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the pipeline exited (${child.exitCode}) while articles were in flight: ${child.stderrTail()}`);
      states = await urlStates(child.target, firstDay, expected);
      const inFlight = [...states.values()].filter((u) => u.status !== undefined && !TERMINAL.has(u.status)).length;
      if (!inFlight) break;
      if (Date.now() > deadline) { timedOut = true; break; }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`${inFlight} article(s) in flight, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
      // Listing every record is work for the pipeline too: poll less often the more there are.
      await sleep(Math.min(5000, 500 + count * 2));
    }
    const seconds = (performance.now() - started) / 1000;

    let lost = 0, stuck = 0, doubled = idMismatches, failed = 0, done = 0;
    for (const [canonical, id] of expected) {
      const u = states.get(canonical)!;
      if (u.status === undefined) {
        lost++;
        if (examples.length < 10) examples.push(`lost: ${canonical} (id ${id})`);
        continue;
      }
      if (u.listed.length > 1 || u.listed.some((r) => r.id !== id)) {
        doubled++;
        if (examples.length < 10) {
          examples.push(`doubled: ${canonical} (id ${id}, ${u.status}) is listed as ${u.listed.map((r) => `${r.id} ${r.status} created ${r.createdAt}`).join('; ')}`);
        }
      }
      if (!TERMINAL.has(u.status)) {
        stuck++;
        if (examples.length < 10) examples.push(`stuck: ${canonical} (id ${id}) is ${u.status}`);
      } else if (u.status === 'failed') failed++;
      else done++;
    }

    await child.stop();
    child = undefined;
    return {
      urls: count, restarts, reposted, inFlightAtRestart, killedBurstRecorded, lost, stuck, doubled, failed, done, seconds, timedOut,
      loadAverage: loadavg(), cores: cpus().length, dataDir, examples,
    };
  } finally {
    await child?.kill('SIGKILL');
    await samples.close();
    if (!opts.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatSoakResult(r: SoakResult): string {
  const load = r.loadAverage.map((n) => n.toFixed(2)).join(' ');
  return `soak: ${r.urls} URLs, ${r.restarts} restart(s) after SIGKILL of the process group mid-burst `
    + `(${r.inFlightAtRestart.join(', ') || 0} article(s) still in flight when it came back; `
    + `${r.killedBurstRecorded.join(', ') || 0} URL(s) of the killed burst recorded before the kill), ${r.reposted} URLs re-posted\n`
    + `  lost ${r.lost}, stuck ${r.stuck}, doubled ${r.doubled}; failed ${r.failed}, processed or analyzed ${r.done}\n`
    + `  ${r.seconds.toFixed(1)} s from the first POST to the last terminal article${r.timedOut ? ' (timed out)' : ''}; `
    + `load average ${load} (${r.cores} cores)\n`
    + r.examples.map((e) => `  ${e}\n`).join('');
}

// ---------------------------------------------------------------------------------------------
// The pipeline as a child process

interface PipelineChild {
  pid: number;
  target: ApiTarget;
  readonly exitCode: number | string | null;
  stderrTail(): string;
  /** Signals the whole process group and waits for the child to exit; nothing if it is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM (it finishes the batches in flight), SIGKILL after 30 s. */
  stop(): Promise<void>;
}

async function startPipelineChild(dataDir: string, allowHost: string): Promise<PipelineChild> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEWSDIGEST_ALLOW_HOSTS: allowHost,
    // One local page server stands in for many sites: pacing it (a request a second) would make
    // the burst a minute long and measure the pace, not what a kill loses.
    NEWSDIGEST_HOST_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // The key the child keeps in the data folder (and reads again after a restart), not the caller's.
  delete env.NEWSDIGEST_API_KEY;
  delete env.NEWSDIGEST_DATA_DIR;
  delete env.POWERTOOLS_LOG_LEVEL;
  delete env.PORT;
  // detached: the child leads a process group of its own, which a SIGKILL takes down whole.
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'local', 'cli.ts'), 'start', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  let exitCode: number | string | null = null;
  const exited = new Promise<void>((resolve) => proc.once('exit', (code, signal) => { exitCode = code ?? signal ?? 'unknown'; resolve(); }));
  proc.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const ready = new Promise<ApiTarget>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      stdout = (stdout + d.toString()).slice(-4000);
      const url = /running at (http:\/\/\S+)/.exec(stdout)?.[1];
      const key = /API key: (\S+)/.exec(stdout)?.[1];
      if (url && key) resolve({ baseUrl: url, apiKey: key });
    });
    void exited.then(() => reject(new Error(`newsdigest start exited (${exitCode}) before it was ready: ${stderr.trim() || stdout.trim()}`)));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  };
  const timer = setTimeout(() => signalGroup('SIGKILL'), 90_000);
  try {
    const target = await ready;
    return {
      pid: proc.pid!,
      target,
      get exitCode() { return exitCode; },
      stderrTail: () => stderr.trim().slice(-1000),
      async kill(signal) {
        if (exitCode !== null) return;
        signalGroup(signal);
        await exited;
      },
      async stop() {
        if (exitCode !== null) return;
        signalGroup('SIGTERM');
        const killer = setTimeout(() => signalGroup('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      },
    };
  } catch (err) {
    signalGroup('SIGKILL');
    await exited;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// The API

/** The answer, or undefined when the request failed or got no answer (the child was killed). */
async function postBurst(target: ApiTarget, urls: string[]): Promise<IngestResult | undefined> {
  try {
    return await callApi<IngestResult>(target, 'POST', '/ingest', { urls });
  } catch {
    return undefined;
  }
}

interface RecordSummary {
  id: string;
  status: string;
  canonicalUrl: string;
  createdAt: string;
}

interface UrlState {
  /** The article's status (GET /articles/{id} when the listing is not plain), undefined when it has no record. */
  status?: string;
  /** What the day listings show for the URL: one entry, unless something is doubled. */
  listed: RecordSummary[];
}

/**
 * Every URL's article: the day listings (from the first day to today, UTC), and for a URL they
 * show other than once, the article itself, so that an entry the listing should not have (a
 * second record, or a stale index entry) cannot pass for the article's status.
 */
async function urlStates(target: ApiTarget, firstDay: string, expected: Map<string, string>): Promise<Map<string, UrlState>> {
  const listed = await listOurs(target, firstDay, expected);
  const states = new Map<string, UrlState>();
  for (const [canonical, id] of expected) {
    const entries = listed.get(canonical) ?? [];
    if (entries.length === 1 && entries[0].id === id) {
      states.set(canonical, { status: entries[0].status, listed: entries });
      continue;
    }
    const one = await getArticle(target, id);
    states.set(canonical, { status: one?.status, listed: entries });
  }
  return states;
}

/** What the day listings show for each of our canonical URLs. */
async function listOurs(target: ApiTarget, firstDay: string, expected: Map<string, string>): Promise<Map<string, RecordSummary[]>> {
  const byUrl = new Map<string, RecordSummary[]>();
  for (const day of daysFrom(firstDay)) {
    let cursor: string | undefined;
    do {
      const page = await callApi<{ items: RecordSummary[]; next?: string }>(
        target, 'GET', `/articles?date=${day}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const a of page.items) {
        if (!expected.has(a.canonicalUrl)) continue;
        const list = byUrl.get(a.canonicalUrl) ?? [];
        // The same entry twice (a page boundary moving under us) is not a second one.
        if (!list.some((r) => r.id === a.id && r.createdAt === a.createdAt)) {
          list.push({ id: a.id, status: a.status, canonicalUrl: a.canonicalUrl, createdAt: a.createdAt });
        }
        byUrl.set(a.canonicalUrl, list);
      }
      cursor = page.next;
    } while (cursor);
  }
  return byUrl;
}

async function getArticle(target: ApiTarget, id: string): Promise<ArticleRecord | undefined> {
  try {
    return await callApi<ArticleRecord>(target, 'GET', `/articles/${id}`);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}

function daysFrom(first: string): string[] {
  const days: string[] = [];
  const today = utcDay(new Date());
  for (let d = new Date(`${first}T00:00:00Z`); utcDay(d) <= today; d = new Date(d.getTime() + 86_400_000)) days.push(utcDay(d));
  return days;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function median(xs: number[]): number {
  if (!xs.length) return 50;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// ---------------------------------------------------------------------------------------------
// npm run soak

if (import.meta.url === `file://${process.argv[1]}`) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        urls: { type: 'string', default: '2000' },
        burst: { type: 'string', default: '100' },
        kills: { type: 'string', default: '1' },
        timeout: { type: 'string' },
        keep: { type: 'boolean' },
      },
    }));
  } catch (err) {
    console.error(`soak: ${(err as Error).message}\nusage: npm run soak -- [--urls N] [--burst N] [--kills N] [--timeout S] [--keep]`);
    process.exit(2);
  }
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) { console.error(`soak: --${name} wants a number, got ${JSON.stringify(v)}`); process.exit(2); }
    return n;
  };
  try {
    const r = await runSoak({
      urls: num('urls', values.urls), burst: num('burst', values.burst), kills: num('kills', values.kills),
      timeoutSeconds: num('timeout', values.timeout), keepDataDir: values.keep,
      log: (line) => console.error(`[soak] ${line}`),
    });
    process.stdout.write(formatSoakResult(r));
    if (values.keep) process.stdout.write(`  data folder kept: ${r.dataDir}\n`);
    process.exitCode = r.lost || r.stuck || r.doubled ? 1 : 0;
  } catch (err) {
    console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = err instanceof RangeError ? 2 : 1;
  }
}
