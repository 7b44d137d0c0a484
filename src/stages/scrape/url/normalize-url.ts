/**
 * Query parameters that only say where a visitor came from, never what the page shows, so two URLs that differ
 * only in them are one page. A trailing `*` matches any parameter name starting with what precedes it.
 */
export const DEFAULT_DROP_PARAMS: readonly string[] = [
  'utm_*',
  'gclid',
  'fbclid',
  'msclkid',
  'dclid',
  'yclid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'igshid',
  'ref_src',
];

export interface NormalizeUrlOptions {
  /** Resolves a relative `input`, as a link on the page at `base` would be. */
  base?: string;
  /** Replaces DEFAULT_DROP_PARAMS (spread it to extend rather than replace). Names compare case-insensitively. */
  dropParams?: readonly string[];
}

/**
 * The key that makes one page one item: two URLs a server answers with the same page should normalise equally,
 * while URLs that may well be different pages never should. Returns undefined for anything that is not an
 * absolute (or, with `base`, resolvable) http(s) URL, since nothing else can be crawled.
 *
 * The result is itself a fetchable URL and normalising it again returns it unchanged. It is not the URL to
 * resolve a page's relative links against: `/guide/` loses its trailing slash here, but `intro` on that page
 * means `/guide/intro`, so links must be resolved against the URL that was actually fetched.
 */
export function normalizeUrl(input: string, options: NormalizeUrlOptions = {}): string | undefined {
  let url: URL;
  try {
    // WHATWG parsing already lower-cases scheme and host, converts IDN hosts to punycode, drops the scheme's
    // default port, resolves `.` and `..` segments and percent-encodes what must be; everything below is on top.
    url = new URL(input, options.base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;

  // The fragment is never sent to the server: it picks a place within the same page.
  const path = stripTrailingSlashes(normalizePercentEncoding(url.pathname));
  const isDropped = options.dropParams === undefined ? dropsDefault : compileDropList(options.dropParams);
  const query = normalizeQuery(url.search, isDropped);
  const userinfo = url.username === '' && url.password === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  return `${url.protocol}//${userinfo}${url.host}${path}${query === '' ? '' : `?${query}`}`;
}

/**
 * `/reference/` and `/reference` are, on nearly every site, the same page (one usually redirects to the other),
 * so the slash is dropped; all trailing slashes go so that the result normalises to itself. The root has no
 * shorter form and stays `/`. File names such as `index.html` are left alone: whether they alias the directory
 * is a server setting we cannot see.
 */
const stripTrailingSlashes = (path: string): string => path.replace(/\/+$/, '') || '/';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * RFC 3986 §6.2.2: an escaped unreserved character means the character itself (`%7E` is `~`), and escapes are
 * case-insensitive (`%2f` is `%2F`). WHATWG URL does neither, so both are done here; reserved characters stay
 * escaped because escaping them changes meaning (`%2F` is not a path separator).
 */
function normalizePercentEncoding(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/**
 * Query parameters are worked on as raw `key[=value]` text rather than through URLSearchParams, which would
 * rewrite `?flag` as `?flag=` and `%20` as `+`: changes some servers do not treat as equal. Order is
 * canonicalised because servers read parameters by name, not position; the sort is stable so repeated keys
 * (`?tag=a&tag=b`, where order can matter) keep theirs. Empty pieces (`&&`, a bare `?`) carry nothing.
 */
function normalizeQuery(search: string, isDropped: (name: string) => boolean): string {
  const params = search
    .slice(1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const normalized = normalizePercentEncoding(part);
      const eq = normalized.indexOf('=');
      return { key: eq === -1 ? normalized : normalized.slice(0, eq), text: normalized };
    })
    .filter(({ key }) => !isDropped(decodeName(key)));
  params.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return params.map((p) => p.text).join('&');
}

/** A parameter name as the server reads it, so `utm%5Fsource` is dropped like `utm_source`. */
function decodeName(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return key.toLowerCase();
  }
}

function compileDropList(names: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower.endsWith('*')) prefixes.push(lower.slice(0, -1));
    else exact.add(lower);
  }
  return (name) => exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

const dropsDefault = compileDropList(DEFAULT_DROP_PARAMS);
