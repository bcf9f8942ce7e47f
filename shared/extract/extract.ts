// Article extraction: Readability over a linkedom DOM, with a degraded fallback that never throws.

import { Readability } from '@mozilla/readability';
import type { ArticleMetadata, ExtractedArticle } from '../article.js';
import { ExtractionError } from '../errors.js';
import { blocksOf, type Block } from './blocks.js';
import { degradedExtract } from './degraded.js';
import { DOM_PARSERS, isDeeperThan, parseWithLinkedom, type DomName, type DomParser } from './dom.js';
import { cleanByline, extractMetadata, normalizeLang, normalizePublishedTime, readJsonLd, type PageMetadata } from './metadata.js';
import { articleParagraphs } from './paragraphs.js';
import { preclean, type PrecleanResult } from './preclean.js';
import { countWords, normalizeSpace } from './words.js';

export interface ExtractOptions {
  /** DOM implementation under Readability. linkedom (default) is ~4.5x faster than jsdom. */
  dom?: DomName;
  /**
   * @internal Replaces the DOM parser of the Readability pass (tests inject a throwing one to
   * exercise the degraded path). The degraded pass always uses linkedom.
   */
  parser?: DomParser;
}

/**
 * Page chrome dropped before parsing, on top of what preclean always drops. Readability keeps
 * none of it in practice (F1 on the dev set is unchanged without it) and it is about a third
 * of a page's elements, so parsing and Readability get ~30% faster.
 */
const PAGE_CHROME = ['nav', 'footer', 'aside'] as const;

/**
 * Readability's cost grows roughly with the cube of nesting depth (800 levels of unclosed `<div>`
 * take 11 s over linkedom). Real pages stay under ~60 levels (50 on the dev set); deeper trees
 * come from broken markup, and go straight to the degraded extractor, which is linear.
 */
const MAX_READABILITY_DEPTH = 200;

/** Text with fewer words than this is no article text at all. */
const MIN_WORDS = 1;

const EMPTY_METADATA: PageMetadata = {
  title: null,
  byline: null,
  siteName: null,
  publishedTime: null,
  lang: null,
  canonicalUrl: null,
  excerpt: null,
};

interface ReadabilityPass {
  metadata: PageMetadata;
  /** Null when Readability found no article or its content had no usable text. */
  article: (ArticleMetadata & { paragraphs: string[] }) | null;
}

const nonEmpty = (s: string | null | undefined): string | null => {
  if (typeof s !== 'string') return null;
  const t = normalizeSpace(s);
  return t ? t : null;
};

function runReadability(html: string, url: string, jsonLd: string[], parse: DomParser): ReadabilityPass {
  const page = parse(html, url);
  try {
    const metadata = extractMetadata(page.document, jsonLd, url);
    if (isDeeperThan(page.document.documentElement, MAX_READABILITY_DEPTH)) return { metadata, article: null };
    const result = new Readability<Element>(page.document, { serializer: (node) => node as Element }).parse();
    if (!result || !result.content) return { metadata, article: null };
    const blocks: Block[] = blocksOf(result.content);
    const paragraphs = articleParagraphs(blocks);
    if (countWords(paragraphs.join(' ')) < MIN_WORDS) return { metadata, article: null };
    return {
      metadata,
      article: {
        title: nonEmpty(result.title),
        byline: cleanByline(result.byline),
        siteName: nonEmpty(result.siteName),
        publishedTime: normalizePublishedTime(result.publishedTime),
        lang: normalizeLang(result.lang),
        excerpt: nonEmpty(result.excerpt),
        paragraphs,
      },
    };
  } finally {
    page.close();
  }
}

/**
 * Readability's title first, except when it is the metadata title plus decoration: Readability
 * falls back to `<title>` ("Headline – Site Name") when it cannot read the page's structured
 * title, e.g. a JSON-LD `@type` given as an array.
 */
function chooseTitle(readability: string | null, metadata: string | null): string | null {
  if (!readability) return metadata;
  if (!metadata) return readability;
  const r = readability.toLowerCase();
  const m = metadata.toLowerCase();
  return r !== m && r.includes(m) ? metadata : readability;
}

function build(
  paragraphs: string[],
  fields: Omit<ExtractedArticle, 'text' | 'paragraphs' | 'wordCount' | 'extractor'>,
  extractor: ExtractedArticle['extractor'],
): ExtractedArticle {
  const text = paragraphs.join('\n\n');
  return { ...fields, text, paragraphs, wordCount: countWords(text), extractor };
}

/**
 * Extracts the article from an HTML page.
 *
 * Readability runs first; fields it leaves empty are filled from the page metadata (meta tags,
 * JSON-LD). When Readability finds nothing or the parser crashes, a degraded extractor that
 * never throws takes over (`extractor: 'degraded'`). Throws ExtractionError only when even that
 * finds no article text.
 */
export function extractArticle(html: string, url: string, opts: ExtractOptions = {}): ExtractedArticle {
  const { html: clean, jsonLd } = safePreclean(html);
  const parse = opts.parser ?? DOM_PARSERS[opts.dom ?? 'linkedom'];

  let metadata: PageMetadata | null = null;
  let crash: unknown;
  try {
    const pass = runReadability(clean, url, jsonLd, parse);
    metadata = pass.metadata;
    if (pass.article) {
      const a = pass.article;
      const m = pass.metadata;
      return build(
        a.paragraphs,
        {
          title: chooseTitle(a.title, m.title),
          byline: a.byline ?? m.byline,
          siteName: a.siteName ?? m.siteName,
          publishedTime: a.publishedTime ?? m.publishedTime,
          lang: a.lang ?? m.lang,
          excerpt: a.excerpt ?? m.excerpt,
        },
        'readability',
      );
    }
  } catch (err: unknown) {
    // A parser or Readability crash: the degraded pass below re-parses from scratch.
    crash = err;
  }

  const degraded = degradedExtract(clean, url, jsonLd, parseWithLinkedom);
  // Both passes read the same page; the degraded one is preferred because the first may have
  // crashed half-way or been given a different document (the test hook).
  const m = degraded.metadata ?? metadata ?? { ...EMPTY_METADATA, ...jsonLdOnly(jsonLd) };
  const paragraphs = degraded.paragraphs;
  const article = build(
    paragraphs,
    {
      title: m.title,
      byline: m.byline,
      siteName: m.siteName,
      publishedTime: m.publishedTime,
      lang: m.lang,
      excerpt: m.excerpt ?? paragraphs[0] ?? null,
    },
    'degraded',
  );
  if (article.wordCount < MIN_WORDS) {
    throw new ExtractionError(
      'no article text found: the page has no readable paragraphs (it may be a listing, a login wall or rendered by JavaScript)',
      { cause: crash },
    );
  }
  return article;
}

/** preclean is a plain string scanner and should never throw; if it ever does, parse the raw page. */
function safePreclean(html: string): PrecleanResult {
  try {
    return preclean(html, { keepJsonLd: true, alsoDrop: PAGE_CHROME });
  } catch {
    return { html, jsonLd: [] };
  }
}

function jsonLdOnly(jsonLd: string[]): Partial<PageMetadata> {
  try {
    const ld = readJsonLd(jsonLd);
    return { title: ld.title, byline: ld.byline, siteName: ld.siteName, publishedTime: ld.publishedTime, lang: ld.lang, excerpt: ld.excerpt };
  } catch {
    return {};
  }
}
