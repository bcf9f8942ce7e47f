// From Readability's content blocks to article paragraphs: drop what sits inside the article
// container but is not article prose. Every rule is general (structure or wording seen across
// sites), never tied to one site, and each was kept only if it raised F1 on the dev set.

import type { Block } from './blocks.js';

export type RuleName =
  | 'captions'
  | 'navigation'
  | 'labelledLinks'
  | 'linkLists'
  | 'boilerplateLines'
  | 'datelines'
  | 'cookieNotices'
  | 'newsletterPrompts';

export const ALL_RULES: readonly RuleName[] = [
  'captions',
  'navigation',
  'labelledLinks',
  'linkLists',
  'boilerplateLines',
  'datelines',
  'cookieNotices',
  'newsletterPrompts',
];

const linkDensity = (b: Block): number => (b.text.length ? b.linkChars / b.text.length : 0);
const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Figure captions and photo credits describe an image, not the story. */
const isCaption = (b: Block): boolean => b.ancestors.includes('figcaption') || b.ancestors.includes('figure');

/** Breadcrumbs and menus that Readability keeps when they sit inside the article container. */
const isNavigation = (b: Block): boolean => b.ancestors.includes('nav');

/**
 * A promotional link with a label: "Related: <headline>", "Read more: <headline>",
 * "Also on example.com <headline>". The label is short and the rest is one link.
 */
const LINK_LABEL = /^\[?\s*(?:related(?: posts?| stories| articles?| content| coverage| reading)?|read (?:more|also|next)|also read|see also|more|recommended|watch|listen|sign up|also on\b.*)\s*[:\-–—|]?/i;
const isLabelledLink = (b: Block): boolean =>
  linkDensity(b) >= 0.6 && words(b.text) <= 30 && LINK_LABEL.test(b.text);

const LOOKS_LIKE_URL = /^(?:https?:\/\/|www\.)\S+$/i;

/**
 * Runs of consecutive blocks that are each one bare link (list items or paragraphs): "more
 * stories" lists, menus, tag clouds. A single linked paragraph stays; it may be a quoted URL.
 */
function linkListItems(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  let run: Block[] = [];
  const end = (): void => {
    if (run.length >= 2) for (const b of run) out.add(b);
    run = [];
  };
  for (const b of blocks) {
    const bareLink = linkDensity(b) >= 0.9 && !LOOKS_LIKE_URL.test(b.text);
    if (bareLink) run.push(b);
    else end();
  }
  end();
  return out;
}

/** Short standalone lines that are page furniture in any article. */
const BOILERPLATE_LINE =
  /^(?:advertisements?|advert(?:isement)?s?|ads?|sponsored(?: content)?|story continues below(?: advertisement)?|continue reading(?: (?:below|the main story))?|skip to (?:main )?content|comments?|\d+ comments?|leave a (?:comment|reply)|post comment(?: \(\+\))?|share(?: this)?(?: (?:article|story|post))?|print|email|close|caption|sign in|log in|subscribe|image \d+ of \/? ?\d+|this slideshow requires javascript\.?|like this story\? share it with a friend!|tell us what you think\.*|iklan|anzeige|publicité|publicidad|publicidade|реклама|(?:reading time|tempo de leitura|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d+\s*\w*|\d+\s*min(?:ute)?s?\s*read)$/i;
/** Headings of "more stories" sections that Readability keeps with the article. */
const SECTION_LABEL =
  /^(?:you (?:may|might) also (?:like|enjoy)|more (?:great )?(?:[\p{L}\d]+ )?(?:stories|articles|news|videos)|related(?: (?:stories|articles|posts|content|coverage|links|news))?|recommended(?: for you| stories| reading)?|recent (?:articles|posts|stories)|popular (?:this week|now|stories)|most (?:read|popular|viewed)|trending(?: now)?|more from [\p{L}\d .]+|what to read next|read next|don'?t miss)\s*[:.…!]*$/iu;
/** Photo credits outside a <figure>: "Photo: Jane Doe, AP", "Jane Doe | Getty Images". */
const PHOTO_CREDIT =
  /^(?:(?:photo|image|picture|photograph|foto)s?(?: credit)?\s*:\s*.{1,80}|.{1,60}\|\s*(?:getty images|ap(?: photo)?|reuters|afp|epa|bloomberg|shutterstock|alamy)(?: via .{1,40})?)$/i;
const isBoilerplateLine = (b: Block): boolean =>
  b.text.length <= 120 && (BOILERPLATE_LINE.test(b.text) || SECTION_LABEL.test(b.text) || PHOTO_CREDIT.test(b.text));

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = 'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';
const DATELINE_WORDS = new RegExp(
  `\\b(?:${MONTHS}|${WEEKDAYS}|updated|posted|published|first|last|modified|on|at|am|pm|a\\.m|p\\.m|est|edt|cst|cdt|pst|pdt|gmt|utc|bst|cet|ist)\\b`,
  'gi',
);
/** A month or weekday name, a clock time or a numeric date. */
const DATE_SIGNAL = new RegExp(`\\b(?:${MONTHS}|${WEEKDAYS})\\b|\\d{1,2}:\\d{2}|\\d{1,4}[./-]\\d{1,2}[./-]\\d{2,4}`, 'i');
/**
 * A line that is only a date or a "Posted/Updated" stamp. Dates are metadata (publishedTime),
 * not text.
 */
function isDateline(b: Block): boolean {
  const t = b.text;
  // Table cells hold bare numbers that are data, not stamps.
  if (t.length > 100 || b.tag === 'td' || b.tag === 'th' || !/\d/.test(t) || !DATE_SIGNAL.test(t)) return false;
  const rest = t.replace(DATELINE_WORDS, ' ').replace(/[\d\s.,:;|/()\-–—]+/g, '');
  return rest.length === 0;
}

const COOKIE_NOTICE = /^(?:this (?:web)?site|we|our (?:web)?site)(?: and (?:our )?partners)? uses? cookies\b/i;
const isCookieNotice = (b: Block): boolean => words(b.text) <= 80 && COOKIE_NOTICE.test(b.text);

/** A call to action at the start of a paragraph, about the site's own newsletter or subscription. */
const NEWSLETTER_CALL = /^(?:subscribe\b|sign up\b|click here to (?:subscribe|sign up)|get the latest\b|join our\b|don'?t miss\b|never miss\b)/i;
const NEWSLETTER_OBJECT = /\b(?:newsletters?|inbox|our (?:daily|weekly|free|email)|magazine)\b/i;
const isNewsletterPrompt = (b: Block): boolean =>
  words(b.text) <= 40 && NEWSLETTER_CALL.test(b.text) && NEWSLETTER_OBJECT.test(b.text);

/** Applies the rules and returns the paragraph texts, in order. */
export function articleParagraphs(blocks: Block[], rules: readonly RuleName[] = ALL_RULES): string[] {
  const on = new Set(rules);
  const listLinks = on.has('linkLists') ? linkListItems(blocks) : new Set<Block>();
  const kept: string[] = [];
  for (const b of blocks) {
    if (on.has('captions') && isCaption(b)) continue;
    if (on.has('navigation') && isNavigation(b)) continue;
    if (on.has('labelledLinks') && isLabelledLink(b)) continue;
    if (listLinks.has(b)) continue;
    if (on.has('boilerplateLines') && isBoilerplateLine(b)) continue;
    if (on.has('datelines') && isDateline(b)) continue;
    if (on.has('cookieNotices') && isCookieNotice(b)) continue;
    if (on.has('newsletterPrompts') && isNewsletterPrompt(b)) continue;
    kept.push(b.text);
  }
  return kept;
}
