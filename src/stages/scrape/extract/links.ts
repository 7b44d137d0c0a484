/** Resolves an href to an absolute http(s) URL, or undefined for anything a crawler cannot fetch. */
export type Resolve = (href: string) => string | undefined;

/**
 * The URL relative links resolve against: `<base href>` (itself relative to the page) when it is a valid
 * http(s) URL, else the page's final URL. Throws when `pageUrl` is not an absolute URL: that is a caller bug.
 */
export function documentBase(pageUrl: string, baseHref: string | undefined): string {
  const page = new URL(pageUrl).href;
  if (baseHref === undefined) return page;
  const base = tryUrl(baseHref, page);
  return base === undefined ? page : base;
}

/**
 * A resolver memoised per page: nav links repeat, and the content walk resolves links the page scan
 * already did. Fragments are kept (the crawler normalises); javascript:, mailto:, tel:, data: and every
 * other non-http(s) scheme resolve to undefined.
 */
export function makeResolver(base: string): Resolve {
  const cache = new Map<string, string | undefined>();
  return (href) => {
    if (cache.has(href)) return cache.get(href);
    const url = tryUrl(href, base);
    cache.set(href, url);
    return url;
  };
}

/** The page's links resolved, non-http(s) dropped, deduplicated in document order. */
export function collectLinks(hrefs: readonly string[], resolve: Resolve): string[] {
  const links = new Set<string>();
  for (const href of hrefs) {
    const url = resolve(href);
    if (url !== undefined) links.add(url);
  }
  return [...links];
}

function tryUrl(href: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
