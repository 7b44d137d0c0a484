import { load, type CheerioAPI } from 'cheerio/slim';
import { findBoilerplate } from './boilerplate.js';
import { chooseContentRoot } from './content-root.js';
import type { DomNode } from './dom.js';
import { collectLinks, documentBase, makeResolver } from './links.js';
import { pageMetadata } from './metadata.js';
import { makeSamePage } from './permalink.js';
import { scanPage } from './scan.js';
import { toBlocks } from './to-blocks.js';
import { toMarkdown } from './to-markdown.js';
import { toText } from './to-text.js';

export { splitSections, type PageSection, type SplitSectionsOptions } from './sections.js';

/**
 * Raised whenever the same HTML would extract differently (2: permalink anchors left out). The crawl state
 * keeps extracted pages by the hash of their bytes; pages extracted by another version are extracted again.
 */
export const EXTRACTION_VERSION = 2;
export { stripMarkdown } from './strip-markdown.js';

export interface ExtractOptions {
  /** The page's final URL (after redirects): base for resolving relative links and canonical. */
  url: string;
  /**
   * Per-site selectors: where the main content is (first matching wins), and extra things to remove.
   * `| undefined` so that the scrape stage's parsed options pass straight through.
   */
  selectors?: { content?: readonly string[] | undefined; remove?: readonly string[] | undefined } | undefined;
}

/**
 * The part of a cheerio `$` extraction uses. Both cheerio 1.2's `CheerioAPI` and the one from the cheerio
 * 1.0.0-rc.12 that Crawlee's CheerioCrawler bundles fit it; the two `CheerioAPI` types are not assignable to
 * each other (1.2 added `extract`), so naming either one would reject the other.
 */
export interface CheerioLike {
  (selector: string): { toArray(): unknown[] };
  root(): { get(index: number): unknown };
}

export interface ExtractedPage {
  /** `<title>`, else the first h1, else ''. */
  title: string;
  /** `<html lang>`, else Content-Language, else og:locale; lower-case, `_` as `-` (`en`, `en-us`). */
  lang?: string;
  /** `<link rel=canonical>` as an absolute http(s) URL. */
  canonical?: string;
  /** `<meta name=description>`, else og:description. */
  description?: string;
  /** The main content as plain text: blocks separated by one blank line, list items and table rows one per line. */
  text: string;
  /** The main content as CommonMark with GFM tables; no raw HTML, no images. */
  markdown: string;
  /** Every http(s) `<a href>` of the whole page, absolute, fragments kept, deduplicated in document order. */
  links: string[];
}

/**
 * Turns a fetched page into training text. A string is parsed with htmlparser2 (cheerio/slim); a `$` may
 * come from Crawlee's CheerioCrawler or any cheerio 1.x, and is read, never modified.
 *
 * Three walks of the tree (a scan of the whole page for metadata and links, one marking boilerplate, one
 * building the content's blocks), then the two renderings of those blocks. Cheerio's selector engine runs
 * only for `selectors`.
 */
export function extractPage(input: string | CheerioAPI | CheerioLike, options: ExtractOptions): ExtractedPage {
  const $: CheerioLike = typeof input === 'string' ? load(input) : input;
  const document = $.root().get(0) as DomNode | undefined;
  if (document === undefined) throw new Error('extractPage: the cheerio document has no root');

  const scan = scanPage(document);
  const resolve = makeResolver(documentBase(options.url, scan.baseHref));
  const links = collectLinks(scan.hrefs, resolve);
  const samePage = makeSamePage(options.url, resolve);

  const contentMatches = (options.selectors?.content ?? []).map((selector) => select($, selector));
  const boilerplate = findBoilerplate(document, {
    remove: new Set((options.selectors?.remove ?? []).flatMap((selector) => select($, selector))),
    content: new Set(contentMatches.flat()),
    samePage,
  });
  const root = chooseContentRoot(document, boilerplate, contentMatches);
  const blocks = toBlocks(root, boilerplate.removed, resolve, samePage);

  return {
    ...pageMetadata(scan, resolve, boilerplate.removed),
    text: toText(blocks).normalize('NFC'),
    markdown: toMarkdown(blocks).normalize('NFC'),
    links,
  };
}

/** A per-site selector's matches; a selector css-select cannot parse is a configuration error, named as such. */
function select($: CheerioLike, selector: string): DomNode[] {
  try {
    return $(selector).toArray() as DomNode[];
  } catch (error) {
    throw new Error(`extractPage: invalid selector ${JSON.stringify(selector)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
