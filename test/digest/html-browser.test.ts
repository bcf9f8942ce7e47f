// The digest page as a reader sees it: rendered by real headless Chromium (the one the
// @sparticuz/chromium devDependency ships, driven by playwright-core), served over HTTP next to the
// article pages it links to. No apt and no download: npm ci brings the browser.

import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestToHtml } from '../../shared/digest/render-html.js';
import type { Digest } from '../../shared/digest/types.js';
import { sampleArticleUrls, sampleDigest } from '../support/sample-digest.js';

/**
 * The package's flags are made for Lambda. Dropped here: the two that make the browser less strict
 * than a reader's (the page must load under the same-origin policy, without mixed content), and
 * --single-process, which Lambda needs but with which the browser exits when a context closes.
 */
const LAX_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);
/**
 * No background traffic: the network is closed and every refused connection costs time.
 * Playwright itself starts each browser with a fresh, empty --user-data-dir.
 */
const QUIET_FLAGS = ['--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CHROMIUM_ARGS = [...sparticuz.args.filter((a) => !LAX_FLAGS.has(a)), ...QUIET_FLAGS];
const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-results');
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

let server: Server;
let origin: string;
let digest: Digest;
let browser: Browser | undefined;
/** Where this run unpacked Chromium; removed afterwards. */
let unpackDir: string | undefined;
/** Why no browser could be started: every test then fails with it. */
let browserError = 'the browser was never started';
/** Every URL the browser asked for, to prove the page loads nothing from elsewhere. */
const requested: string[] = [];

/**
 * Unpacks the packaged Chromium into a folder of this run's own. The package unpacks into
 * os.tmpdir() and reuses whatever `chromium` it finds there, so two versions (or two runs unpacking
 * at once) sharing /tmp would mix a binary with another version's libraries and crash.
 */
async function startChromium(): Promise<Browser> {
  unpackDir = mkdtempSync(join(tmpdir(), 'newsdigest-chromium-'));
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = unpackDir;
  let executablePath: string;
  try {
    executablePath = await sparticuz.executablePath();
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp;
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

beforeAll(async () => {
  try {
    browser = await startChromium();
  } catch (err: unknown) {
    // A browser test that skipped itself on a machine without a browser would pass CI having
    // checked nothing: record why, and let every test fail with it.
    browserError = `headless Chromium from @sparticuz/chromium could not be started (run npm ci): ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  const pages = new Map<string, string>();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = pages.get(path);
    if (body === undefined) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  digest = sampleDigest({ articleOrigin: origin });
  pages.set('/digests/2026-11-28.html', digestToHtml(digest, { links: { markdown: '/digests/2026-11-28.md', json: '/digests/2026-11-28' } }));
  for (const a of sampleArticleUrls(digest)) {
    pages.set(new URL(a.url).pathname, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${a.title}</title></head><body><h1>${a.title}</h1></body></html>`);
  }
  mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (unpackDir) rmSync(unpackDir, { recursive: true, force: true });
});

async function openDigest(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  if (!browser) throw new Error(browserError);
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('request', (r) => { requested.push(r.url()); });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => { errors.push(e.message); });
  const response = await page.goto(`${origin}/digests/2026-11-28.html`);
  expect(response?.status()).toBe(200);
  // A CSP violation or a failed load would show up here.
  expect(errors).toEqual([]);
  return page;
}

describe('digest page in headless Chromium', () => {
  it('draws the network, labels every actor, and shows the evidence (desktop, 1280 px)', async () => {
    const page = await openDigest(DESKTOP);
    const svg = page.locator('svg.network-wide');
    await expect(svg.isVisible()).resolves.toBe(true);
    await expect(page.locator('svg.network-tall').isVisible()).resolves.toBe(false);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(300);

    const edges = svg.locator('g.edge path.edge-line');
    expect(await edges.count()).toBe(digest.relations.length);
    const drawn = await edges.evaluateAll((paths) => paths.filter((p) => {
      const b = (p as SVGPathElement).getBBox();
      return b.width + b.height > 0 && getComputedStyle(p).visibility === 'visible';
    }).length);
    expect(drawn).toBe(digest.relations.length);

    for (const a of digest.topActors) {
      await expect(svg.locator('.node text', { hasText: a.name }).first().isVisible(), `${a.name} in the picture`).resolves.toBe(true);
      await expect(page.locator('#actors .actor-name', { hasText: a.name }).first().isVisible(), `${a.name} in the table`).resolves.toBe(true);
    }
    const relationsText = await page.locator('#relations').innerText();
    for (const r of digest.relations) for (const e of r.evidence.slice(0, 3)) expect(relationsText).toContain(e.text);

    await page.screenshot({ path: resolve(RESULTS, 'digest.png'), fullPage: true });
    await page.context().close();
  });

  it('tells support from opposition by dash pattern and arrowhead, not only by colour', async () => {
    const page = await openDigest(DESKTOP);
    const style = (selector: string) => page.locator(selector).first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { dash: s.strokeDasharray, colour: s.stroke };
    });
    const support = await style('svg.network-wide g.edge-support path.edge-line');
    const opposition = await style('svg.network-wide g.edge-opposition path.edge-line');
    expect(support.dash).toBe('none');
    expect(opposition.dash).not.toBe('none');
    expect(opposition.dash).not.toBe(support.dash);
    expect(opposition.colour).not.toBe(support.colour);
    // The arrowheads differ in shape: filled for support, an open chevron for opposition.
    const headFill = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).fill);
    expect(await headFill('svg.network-wide g.edge-support .edge-head')).not.toBe('none');
    expect(await headFill('svg.network-wide g.edge-opposition .edge-head')).toBe('none');
    await page.context().close();
  });

  it('opens an article from its link', async () => {
    const page = await openDigest(DESKTOP);
    const first = digest.articles[0];
    const link = page.locator('#articles h3 a').first();
    expect(await link.getAttribute('href')).toBe(first.url);
    const [response] = await Promise.all([page.waitForResponse(first.url), link.click()]);
    await page.waitForURL(first.url);
    expect(response.status()).toBe(200);
    expect(await page.title()).toBe(first.title);

    // An evidence link in the relations goes to its article too.
    await page.goBack();
    const evidence = page.locator('#relations .cite a').first();
    const href = (await evidence.getAttribute('href'))!;
    expect(href.startsWith(`${origin}/news/`)).toBe(true);
    const [again] = await Promise.all([page.waitForResponse(href), evidence.click()]);
    await page.waitForURL(href);
    expect(again.status()).toBe(200);
    await page.context().close();
  });

  it('fits a 375 px phone without horizontal scrolling, with a portrait network', async () => {
    const page = await openDigest(PHONE, true);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width + 1);
    const svg = page.locator('svg.network-tall');
    await expect(svg.isVisible()).resolves.toBe(true);
    await expect(page.locator('svg.network-wide').isVisible()).resolves.toBe(false);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(box!.width);
    for (const a of digest.topActors) {
      await expect(svg.locator('.node text', { hasText: a.name }).first().isVisible(), `${a.name} on the phone`).resolves.toBe(true);
    }
    // Labels stay legible: at least 10 CSS px tall once the picture is scaled to the screen.
    const labelHeight = await svg.locator('.node text').first().evaluate((t) => t.getBoundingClientRect().height);
    expect(labelHeight).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: resolve(RESULTS, 'digest-375.png'), fullPage: true });
    await page.context().close();
  });

  it('loaded nothing but the page and the local articles', () => {
    if (!browser) throw new Error(browserError);
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) expect(url.startsWith(`${origin}/`), url).toBe(true);
  });
});
