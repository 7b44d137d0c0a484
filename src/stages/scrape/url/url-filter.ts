import { normalizeUrl } from './normalize-url.js';

export interface UrlFilterOptions {
  /** Globs over the whole URL; a URL must match one of them. Empty or absent keeps every URL (the caller scopes). */
  include?: readonly string[];
  /** Globs over the whole URL; a URL matching any of them is dropped, whatever `include` says. */
  exclude?: readonly string[];
}

/**
 * Decides whether a discovered URL is crawled. Globs are matched against the URL as normalizeUrl gives it, so
 * they see the same form that keys pages (lower-case host, no fragment, no tracking parameters, no trailing
 * slash); anything normalizeUrl rejects is never kept.
 */
export function createUrlFilter(options: UrlFilterOptions): (url: string) => boolean {
  const include = (options.include ?? []).map(globToRegExp);
  const exclude = (options.exclude ?? []).map(globToRegExp);
  return (url) => {
    const normalized = normalizeUrl(url);
    if (normalized === undefined) return false;
    if (include.length > 0 && !include.some((re) => re.test(normalized))) return false;
    return !exclude.some((re) => re.test(normalized));
  };
}

/**
 * Compiles a glob once, to an anchored RegExp.
 * - `*` matches within one path segment (anything but `/`);
 * - `**` matches across segments; as a whole segment it also matches no segment at all, so
 *   `https://x.com/guide/**` keeps `https://x.com/guide` itself (which is what `/guide/` normalises to), and a
 *   `**` segment between two others keeps the URL that has neither (`/a/`, `**`, `/b` keeps `/a/b`);
 * - `?` matches one character other than `/`, so a literal query `?` must be written `\?`;
 * - `\` makes the next character literal; everything else is literal.
 * The scheme and host of the glob are lower-cased, as normalizeUrl does to URLs.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, (origin) => origin.toLowerCase());
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
    } else if (char === '*' && pattern[i + 1] === '*') {
      while (pattern[i + 1] === '*') i++;
      const wholeSegment = source.endsWith('/') && (i + 1 === pattern.length || pattern[i + 1] === '/');
      if (wholeSegment && i + 1 === pattern.length) {
        // `prefix/**`: the trailing slash becomes optional along with whatever follows it.
        source = `${source.slice(0, -1)}(?:/.*)?`;
      } else if (wholeSegment) {
        // `a/**/b`: zero or more whole segments between the two slashes.
        source += '(?:.*/)?';
        i++;
      } else {
        source += '.*';
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 's');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
