import { isElement, keyword, pushChildren, textOf, type DomElement, type DomNode } from './dom.js';

/** What the page says about itself, read from the whole page before any boilerplate is left out. */
export interface PageScan {
  title?: string;
  firstH1?: DomElement;
  htmlLang?: string;
  contentLanguage?: string;
  ogLocale?: string;
  description?: string;
  ogDescription?: string;
  canonicalHref?: string;
  baseHref?: string;
  /** Every `<a href>`, raw, in document order: navigation links matter to the crawler. */
  hrefs: string[];
}

/**
 * One walk over the whole page for metadata and links, rather than a cheerio query for each; iterative,
 * since links must be found at any depth. `<svg>` is not entered: its `<title>` is a tooltip, and its
 * links are not pages.
 */
export function scanPage(document: DomNode): PageScan {
  const scan: PageScan = { hrefs: [] };
  const stack: DomNode[] = [];
  pushChildren(stack, document);
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    if (!isElement(el)) continue;
    switch (el.name) {
      case 'a':
        if (el.attribs.href !== undefined) scan.hrefs.push(el.attribs.href);
        break;
      case 'svg':
        continue;
      case 'html': {
        const lang = el.attribs.lang ?? el.attribs['xml:lang'];
        if (lang !== undefined) scan.htmlLang ??= lang;
        break;
      }
      case 'title':
        scan.title ??= textOf(el);
        break;
      case 'h1':
        scan.firstH1 ??= el;
        break;
      case 'meta':
        readMeta(el, scan);
        break;
      case 'link':
        if (scan.canonicalHref === undefined && el.attribs.href !== undefined && keyword(el, 'rel')?.split(/\s+/).includes('canonical') === true) {
          scan.canonicalHref = el.attribs.href;
        }
        break;
      case 'base':
        if (el.attribs.href !== undefined) scan.baseHref ??= el.attribs.href;
        break;
    }
    pushChildren(stack, el);
  }
  return scan;
}

function readMeta(el: DomElement, scan: PageScan): void {
  const content = el.attribs.content;
  if (content === undefined) return;
  const name = keyword(el, 'name');
  const property = keyword(el, 'property');
  if (name === 'description') scan.description ??= content;
  else if (property === 'og:description' || name === 'og:description') scan.ogDescription ??= content;
  else if (property === 'og:locale' || name === 'og:locale') scan.ogLocale ??= content;
  else if (keyword(el, 'http-equiv') === 'content-language') scan.contentLanguage ??= content;
}
