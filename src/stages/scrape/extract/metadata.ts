import { collapseWhitespace, textOf, type DomNode } from './dom.js';
import type { Resolve } from './links.js';
import type { PageScan } from './scan.js';

export interface PageMetadata {
  title: string;
  lang?: string;
  canonical?: string;
  description?: string;
}

/** BCP 47-shaped after normalising: a 2-3 letter language, then optional subtags (`en`, `en-us`, `zh-hant-tw`). */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/;

/**
 * Title, language, canonical URL and description. The title falls back to the first h1 (its permalink
 * icons and other `removed` parts left out); the language to Content-Language (its first entry) and
 * og:locale (`en_US` becomes `en-us`); the description to og:description. Values that do not parse are
 * left out rather than passed on half-right.
 */
export function pageMetadata(scan: PageScan, resolve: Resolve, removed: ReadonlySet<DomNode>): PageMetadata {
  const title = collapseWhitespace(scan.title ?? '') || (scan.firstH1 === undefined ? '' : collapseWhitespace(textOf(scan.firstH1, removed)));
  const meta: PageMetadata = { title: title.normalize('NFC') };
  const lang = [scan.htmlLang, scan.contentLanguage?.split(',')[0], scan.ogLocale].map(normaliseLanguage).find((l) => l !== undefined);
  if (lang !== undefined) meta.lang = lang;
  // Resolved against the document base, as the browser resolves every relative URL on the page.
  const canonical = scan.canonicalHref === undefined ? undefined : resolve(scan.canonicalHref);
  if (canonical !== undefined) meta.canonical = canonical;
  const description = collapseWhitespace(scan.description ?? '') || collapseWhitespace(scan.ogDescription ?? '');
  if (description !== '') meta.description = description.normalize('NFC');
  return meta;
}

function normaliseLanguage(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const tag = value.trim().toLowerCase().replace(/_/g, '-');
  return LANGUAGE_TAG.test(tag) ? tag : undefined;
}
