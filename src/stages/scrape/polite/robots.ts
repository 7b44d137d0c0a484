/**
 * - allowed / disallowed: what the site's robots.txt says for our user agent;
 * - no-robots-txt: the site has none (4xx), so everything is allowed;
 * - ignored: the crawl was told not to consult robots.txt (the caller's choice; see ignoredRobotsPolicy).
 */
export type RobotsDecision = 'allowed' | 'disallowed' | 'no-robots-txt' | 'ignored';

export interface RobotsPolicy {
  /** @throws TypeError when `url` is not an absolute URL. Only its path and query are looked at. */
  decide(url: string): RobotsDecision;
  /** The non-standard Crawl-delay of the group that applies to us, when it gives one. */
  crawlDelaySecs?: number;
  /** Absolute Sitemap URLs, in file order; they apply whatever the user agent. */
  sitemaps: string[];
  /**
   * How the policy came about, for reports: `parsed` from a 2xx body, `unavailable` when there is no robots.txt
   * (everything allowed), `unreachable` when it could not be fetched (everything disallowed), `ignored`.
   */
  source: 'parsed' | 'unavailable' | 'unreachable' | 'ignored';
}

export interface RobotsFetchResult {
  status: number;
  body: string;
}

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; more than that may be ignored. */
const MAX_ROBOTS_CHARS = 500 * 1024;

/** For crawls told not to consult robots.txt, so the caller can still record why a URL was fetched. */
export const ignoredRobotsPolicy: RobotsPolicy = { decide: () => 'ignored', sitemaps: [], source: 'ignored' };

/**
 * A robots.txt body read per RFC 9309 for one user agent. The groups naming our product token (the user agent
 * up to the first `/` or space, compared case-insensitively) are merged and used; only when none does are the
 * `*` groups used; with neither, everything is allowed. Of the rules matching a URL's path and query the
 * longest pattern wins and Allow wins a tie. `*` in a pattern matches any run of characters, `$` at its end
 * anchors it. `/robots.txt` itself is always allowed.
 */
export function parseRobots(robotsUrl: string, body: string, userAgent: string): RobotsPolicy {
  const ours = productToken(userAgent);
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;

  for (const rawLine of body.slice(0, MAX_ROBOTS_CHARS).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, '');
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();

    if (key === 'user-agent') {
      // Consecutive User-agent lines share the group that follows them; one after a rule starts a new group.
      if (current === undefined || !lastWasAgent) groups.push((current = { agents: [], rules: [], crawlDelays: [] }));
      current.agents.push(productToken(value));
      lastWasAgent = true;
      continue;
    }
    if (key === 'sitemap') {
      // Sitemap lines belong to no group (RFC 9309 §2.2.4), so they neither end one nor need one.
      const sitemap = resolve(value, robotsUrl);
      if (sitemap !== undefined && !sitemaps.includes(sitemap)) sitemaps.push(sitemap);
      continue;
    }
    // Unknown lines are skipped without ending a run of User-agent lines; a rule before any applies to no one.
    if ((key !== 'allow' && key !== 'disallow' && key !== 'crawl-delay') || current === undefined) continue;
    lastWasAgent = false;
    if (key === 'crawl-delay') {
      const secs = Number(value);
      if (value !== '' && Number.isFinite(secs) && secs >= 0) current.crawlDelays.push(secs);
    } else if (value !== '') {
      // An empty Disallow allows everything, which is what having no rule does.
      current.rules.push(compileRule(key === 'allow', value));
    }
  }

  let applicable = groups.filter((g) => g.agents.includes(ours));
  if (applicable.length === 0) applicable = groups.filter((g) => g.agents.includes('*'));
  const rules = applicable.flatMap((g) => g.rules);
  // Crawl-delay is not in the RFC; when merged groups disagree, the slowest is the polite reading.
  const delays = applicable.flatMap((g) => g.crawlDelays);

  const policy: RobotsPolicy = {
    decide: (url) => {
      const { pathname, search } = new URL(url);
      if (pathname === '/robots.txt') return 'allowed';
      const target = literalOctets(canonicalOctets(pathname + search));
      let allow = -1;
      let disallow = -1;
      for (const rule of rules) {
        if (rule.length <= (rule.allow ? allow : disallow) || !matches(rule, target)) continue;
        if (rule.allow) allow = rule.length;
        else disallow = rule.length;
      }
      return disallow > allow ? 'disallowed' : 'allowed';
    },
    sitemaps,
    source: 'parsed',
  };
  if (delays.length > 0) policy.crawlDelaySecs = Math.max(...delays);
  return policy;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelays: number[];
}

interface Rule {
  allow: boolean;
  /** Pattern pieces between `*`s; a match has them in order, the first at the start. */
  pieces: string[];
  anchored: boolean;
  /** Specificity: the pattern's length in octets, RFC 9309 §2.2.2. */
  length: number;
}

/** `Googlebot/2.1 (+http://…)` → `googlebot`; also applied to User-agent lines, which some sites write in full. */
const productToken = (userAgent: string): string => userAgent.trim().split(/[\s/]/, 1)[0]!.toLowerCase();

function compileRule(allow: boolean, value: string): Rule {
  // Patterns should start with `/`; treat `Disallow: private` as meaning `/private` rather than as matching nothing.
  const pattern = canonicalOctets(value.startsWith('/') || value.startsWith('*') ? value : `/${value}`);
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  // A `$` before the end is a literal dollar sign: spelled as the target spells it (see literalOctets).
  return { allow, pieces: body.split('*').map(literalOctets), anchored, length: pattern.length };
}

/**
 * In a pattern `*` and a final `$` are special, so a rule for a literal star or dollar sign writes it `%2A` or
 * `%24` (RFC 9309 §2.2.3: `/path/file-with-a-%2A.html` matches `/path/file-with-a-*.html`). The URL's own `*`
 * and `$` are therefore compared in that escaped form; `%2A` and `%24` are already canonical (not unreserved).
 */
const literalOctets = (s: string): string => s.replaceAll('*', '%2A').replaceAll('$', '%24');

/**
 * Whether a rule matches the start of `target` (the whole of it when anchored). Done by hand rather than as a
 * RegExp because a hostile or careless robots.txt full of `*`s would make a backtracking RegExp take
 * exponential time; this tries each piece at its leftmost possible place, which is enough for `*` globs.
 */
function matches(rule: Rule, target: string): boolean {
  const { pieces, anchored } = rule;
  const first = pieces[0]!;
  if (!target.startsWith(first)) return false;
  if (pieces.length === 1) return anchored ? target.length === first.length : true;
  let at = first.length;
  // Middle pieces: leftmost placement leaves the most room for the rest, so it never loses a match.
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = target.indexOf(pieces[i]!, at);
    if (found === -1) return false;
    at = found + pieces[i]!.length;
  }
  const last = pieces[pieces.length - 1]!;
  // A trailing `*` is followed by an empty piece: unanchored it matches anything; anchored, `*$` does too.
  if (!anchored) return target.indexOf(last, at) !== -1;
  return target.length - last.length >= at && target.endsWith(last);
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const utf8 = new TextEncoder();

/**
 * RFC 9309 §2.2.2 compares octets: escaped unreserved characters are unescaped, other escapes upper-cased, and
 * non-ASCII characters (which patterns may contain raw) UTF-8 percent-encoded, so `/ä`, `/%c3%a4` and `/%C3%A4`
 * are the same path whether they come from the file or from the URL.
 */
function canonicalOctets(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const char = s[i]!;
    const escape = char === '%' ? /^[0-9A-Fa-f]{2}$/.exec(s.slice(i + 1, i + 3)) : null;
    if (escape !== null) {
      const decoded = String.fromCharCode(Number.parseInt(escape[0], 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${escape[0].toUpperCase()}`;
      i += 2;
    } else if (char.charCodeAt(0) > 0x7e || char.charCodeAt(0) <= 0x20) {
      const codePoint = s.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      for (const byte of utf8.encode(String.fromCodePoint(codePoint))) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += char;
    }
  }
  return out;
}

function resolve(value: string, base: string): string | undefined {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const allowAll: RobotsPolicy = { decide: () => 'no-robots-txt', sitemaps: [], source: 'unavailable' };
const disallowAll: RobotsPolicy = { decide: () => 'disallowed', sitemaps: [], source: 'unreachable' };

/**
 * What a robots.txt fetch means, per RFC 9309 §2.3.1:
 * - 2xx: the body is the policy;
 * - 3xx (the fetcher should follow up to five redirects itself; one that reaches us was not followed or went
 *   round too often) and 4xx: there is no robots.txt, everything is allowed;
 * - 429, 5xx, anything else and network errors: the site is unreachable, and the RFC says to assume complete
 *   disallow. That can stop a whole site on one transient error; it is the RFC's call, and retrying the fetch
 *   belongs in `fetch`. 429 is counted as unreachable, not as "no robots.txt" (as Google does): a server
 *   asking us to slow down has not told us we may crawl everything.
 */
export function policyFromFetch(robotsUrl: string, result: RobotsFetchResult, userAgent: string): RobotsPolicy {
  const { status } = result;
  if (status >= 200 && status < 300) return parseRobots(robotsUrl, result.body, userAgent);
  if (status >= 300 && status < 500 && status !== 429) return allowAll;
  return disallowAll;
}

export interface RobotsCacheOptions {
  userAgent: string;
  /** Fetches a robots.txt URL, following redirects; may reject on network errors. */
  fetch: (url: string) => Promise<RobotsFetchResult>;
}

export interface RobotsCache {
  /** The policy for the origin of `url`, fetched once per origin (scheme, host, port) for the cache's lifetime. */
  policyFor(url: string): Promise<RobotsPolicy>;
}

/**
 * One robots.txt fetch per origin; concurrent callers for an origin share the one pending fetch. Policies are
 * kept for the life of the cache (one crawl), well within the RFC's 24 hours.
 */
export function createRobotsCache(options: RobotsCacheOptions): RobotsCache {
  const byOrigin = new Map<string, Promise<RobotsPolicy>>();
  return {
    policyFor(url) {
      const { origin } = new URL(url);
      let policy = byOrigin.get(origin);
      if (policy === undefined) {
        const robotsUrl = `${origin}/robots.txt`;
        policy = options.fetch(robotsUrl).then(
          (result) => policyFromFetch(robotsUrl, result, options.userAgent),
          () => disallowAll,
        );
        byOrigin.set(origin, policy);
      }
      return policy;
    },
  };
}
