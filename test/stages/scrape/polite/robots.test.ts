import { describe, expect, test } from 'vitest';
import { createRobotsCache, ignoredRobotsPolicy, parseRobots, type RobotsFetchResult } from '../../../../src/stages/scrape/polite/robots.js';

const ROBOTS = 'https://example.com/robots.txt';
const UA = 'TuneSet/0.1 (+https://example.org/bot)';
const at = (path: string): string => `https://example.com${path}`;
const decide = (body: string, path: string, userAgent = UA): string => parseRobots(ROBOTS, body, userAgent).decide(at(path));

describe('parseRobots: rule precedence', () => {
  const cases: [body: string, path: string, expected: 'allowed' | 'disallowed'][] = [
    ['User-agent: *\nDisallow: /private', '/private/x', 'disallowed'],
    ['User-agent: *\nDisallow: /private', '/privateer', 'disallowed'],
    ['User-agent: *\nDisallow: /private', '/public', 'allowed'],
    ['User-agent: *\nDisallow: /private', '/Private', 'allowed'],
    // the longest match wins, whichever comes first
    ['User-agent: *\nAllow: /p\nDisallow: /', '/page', 'allowed'],
    ['User-agent: *\nDisallow: /\nAllow: /p', '/page', 'allowed'],
    ['User-agent: *\nAllow: /page\nDisallow: /*.htm', '/page.htm', 'disallowed'],
    // Allow wins a tie
    ['User-agent: *\nAllow: /folder\nDisallow: /folder', '/folder/page', 'allowed'],
    ['User-agent: *\nDisallow: /folder\nAllow: /folder', '/folder/page', 'allowed'],
    // `$` anchors the end
    ['User-agent: *\nAllow: /$\nDisallow: /', '/', 'allowed'],
    ['User-agent: *\nAllow: /$\nDisallow: /', '/page.htm', 'disallowed'],
    ['User-agent: *\nDisallow: /*.php$', '/folder/filename.php', 'disallowed'],
    ['User-agent: *\nDisallow: /*.php$', '/filename.php?parameters', 'allowed'],
    ['User-agent: *\nDisallow: /*.php$', '/filename.php/', 'allowed'],
    ['User-agent: *\nDisallow: /*.php$', '/windows.PHP', 'allowed'],
    ['User-agent: *\nDisallow: /exact$', '/exact', 'disallowed'],
    ['User-agent: *\nDisallow: /exact$', '/exactly', 'allowed'],
    // `*` matches any run, including none
    ['User-agent: *\nDisallow: /fish*.php', '/fish.php', 'disallowed'],
    ['User-agent: *\nDisallow: /fish*.php', '/fishheads/catfish.php?parameters', 'disallowed'],
    ['User-agent: *\nDisallow: /fish*.php', '/Fish.PHP', 'allowed'],
    ['User-agent: *\nDisallow: /*', '/anything', 'disallowed'],
    ['User-agent: *\nDisallow: /a*b*c$', '/a-b-b-c', 'disallowed'],
    ['User-agent: *\nDisallow: /a*b*c$', '/a-b-c-d', 'allowed'],
    ['User-agent: *\nDisallow: /a*bc$', '/abc', 'disallowed'],
    ['User-agent: *\nDisallow: /a*bcbc$', '/abc', 'allowed'],
    // the query is part of what is matched
    ['User-agent: *\nDisallow: /*?sort=', '/list?sort=asc', 'disallowed'],
    ['User-agent: *\nDisallow: /*?sort=', '/list', 'allowed'],
    // an empty Disallow allows everything; a pattern without a leading slash is read as having one
    ['User-agent: *\nDisallow:', '/x', 'allowed'],
    ['User-agent: *\nDisallow: private', '/private', 'disallowed'],
    // percent-encoding and non-ASCII compare as octets
    ['User-agent: *\nDisallow: /ä', '/%C3%A4/x', 'disallowed'],
    ['User-agent: *\nDisallow: /%c3%a4', '/ä', 'disallowed'],
    ['User-agent: *\nDisallow: /%7Euser', '/~user', 'disallowed'],
    ['User-agent: *\nDisallow: /a%2Fb', '/a/b', 'allowed'],
    // RFC 9309 §2.2.3: `*` and `$` written %2A and %24 match the literal characters, and only them
    ['User-agent: *\nDisallow: /path/file-with-a-%2A.html', '/path/file-with-a-*.html', 'disallowed'],
    ['User-agent: *\nDisallow: /path/file-with-a-%2A.html', '/path/file-with-a-%2A.html', 'disallowed'],
    ['User-agent: *\nDisallow: /path/file-with-a-%2A.html', '/path/file-with-a-x.html', 'allowed'],
    ['User-agent: *\nDisallow: /path/foo-%24', '/path/foo-$', 'disallowed'],
    ['User-agent: *\nDisallow: /path/foo-%24', '/path/foo-%24', 'disallowed'],
    ['User-agent: *\nDisallow: /path/foo-%24', '/path/foo-', 'allowed'],
    // unescaped they keep their meaning: a final `$` anchors, `*` is any run, and a `$` inside is literal
    ['User-agent: *\nDisallow: /path/foo-$', '/path/foo-$', 'allowed'],
    ['User-agent: *\nDisallow: /*.html', '/file-with-a-*.html', 'disallowed'],
    ['User-agent: *\nDisallow: /a$b', '/a$b', 'disallowed'],
    ['User-agent: *\nDisallow: /a$b', '/ab', 'allowed'],
    // /robots.txt is always allowed
    ['User-agent: *\nDisallow: /', '/robots.txt', 'allowed'],
    ['User-agent: *\nDisallow: /', '/', 'disallowed'],
  ];
  test.each(cases)('%j on %s -> %s', (body, path, expected) => {
    expect(decide(body, path)).toBe(expected);
  });
});

describe('parseRobots: groups', () => {
  test('uses the group naming our product token, case-insensitively, over *', () => {
    const body = 'User-agent: *\nDisallow: /\n\nUser-agent: tuneset\nDisallow: /private\n';
    expect(decide(body, '/public')).toBe('allowed');
    expect(decide(body, '/private')).toBe('disallowed');
    expect(decide(body, '/public', 'OtherBot/2.0')).toBe('disallowed');
    // A User-agent line written in full still names its product.
    expect(decide('User-agent: TuneSet/9.9\nDisallow: /', '/x')).toBe('disallowed');
    // Product tokens match whole, not as prefixes.
    expect(decide('User-agent: tune\nDisallow: /', '/x')).toBe('allowed');
  });

  test('merges every group that names us, and shares one group among consecutive User-agent lines', () => {
    const body = [
      'User-agent: a',
      'User-agent: tuneset',
      'Disallow: /one',
      'User-agent: b',
      'Disallow: /two',
      'User-agent: tuneset',
      'Disallow: /three',
      'User-agent: *',
      'Disallow: /four',
    ].join('\n');
    expect(['/one', '/two', '/three', '/four'].map((p) => decide(body, p))).toEqual(['disallowed', 'allowed', 'disallowed', 'allowed']);
    expect(decide(body, '/one', 'a')).toBe('disallowed');
    expect(decide(body, '/two', 'a')).toBe('allowed');
  });

  test('allows everything when no group applies', () => {
    expect(decide('User-agent: other\nDisallow: /', '/x')).toBe('allowed');
    expect(decide('', '/x')).toBe('allowed');
    expect(decide('<html><body>Not found</body></html>', '/x')).toBe('allowed');
  });

  test('ignores rules before any User-agent, comments, unknown lines, BOM and CR line ends', () => {
    const body = '\uFEFFDisallow: /early\r\n# comment\r\nUser-agent: * # everyone\r\nFoo: bar\r\nUser-agent: x\r\nDisallow: /late # here\r\n';
    expect(decide(body, '/early')).toBe('allowed');
    expect(decide(body, '/late')).toBe('disallowed');
    expect(decide(body, '/lat')).toBe('allowed');
    expect(decide('User-agent: *\rDisallow: /cr', '/cr')).toBe('disallowed');
  });

  test('stays fast on patterns built to make a backtracking matcher explode', () => {
    const body = `User-agent: *\nDisallow: /${'*a'.repeat(40)}*b$\n`;
    const started = performance.now();
    expect(decide(body, `/${'a'.repeat(5000)}`)).toBe('allowed');
    expect(decide(body, `/${'a'.repeat(5000)}b`)).toBe('disallowed');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('parseRobots: crawl-delay and sitemaps', () => {
  test('takes Crawl-delay from the applicable groups, the slowest when several', () => {
    const body = 'User-agent: *\nCrawl-delay: 10\n\nUser-agent: tuneset\nCrawl-delay: 2\nDisallow: /x\n\nUser-agent: tuneset\nCrawl-delay: 3.5\n';
    expect(parseRobots(ROBOTS, body, UA).crawlDelaySecs).toBe(3.5);
    expect(parseRobots(ROBOTS, body, 'other').crawlDelaySecs).toBe(10);
    expect('crawlDelaySecs' in parseRobots(ROBOTS, 'User-agent: *\nCrawl-delay: soon\nDisallow: /', UA)).toBe(false);
  });

  test('Crawl-delay between User-agent lines ends the run', () => {
    const body = 'User-agent: tuneset\nCrawl-delay: 5\nUser-agent: b\nDisallow: /';
    expect(decide(body, '/x')).toBe('allowed');
    expect(parseRobots(ROBOTS, body, UA).crawlDelaySecs).toBe(5);
  });

  test('collects sitemaps wherever they are, resolved and deduplicated', () => {
    const body = 'Sitemap: https://example.com/a.xml\nUser-agent: other\nSitemap: /b.xml\nDisallow: /\nSitemap: https://example.com/a.xml\nSitemap: ftp://x/c.xml\n';
    const policy = parseRobots(ROBOTS, body, UA);
    expect(policy.sitemaps).toEqual(['https://example.com/a.xml', 'https://example.com/b.xml']);
    // A Sitemap line does not end the group it sits in.
    expect(decide('User-agent: tuneset\nSitemap: /s.xml\nUser-agent: b\nDisallow: /', '/x')).toBe('disallowed');
    expect(policy.source).toBe('parsed');
  });
});

describe('createRobotsCache', () => {
  const cacheWith = (respond: (url: string) => Promise<RobotsFetchResult>) => {
    const fetched: string[] = [];
    const cache = createRobotsCache({
      userAgent: UA,
      fetch: (url) => {
        fetched.push(url);
        return respond(url);
      },
    });
    return { cache, fetched };
  };

  test('2xx is parsed', async () => {
    const { cache, fetched } = cacheWith(async () => ({ status: 200, body: 'User-agent: *\nDisallow: /private' }));
    const policy = await cache.policyFor('https://example.com/private/page?x=1');
    expect(fetched).toEqual(['https://example.com/robots.txt']);
    expect(policy.decide('https://example.com/private/page')).toBe('disallowed');
    expect(policy.decide('https://example.com/public')).toBe('allowed');
  });

  test.each([404, 401, 403, 410, 301])('%d means no robots.txt: everything allowed', async (status) => {
    const { cache } = cacheWith(async () => ({ status, body: 'User-agent: *\nDisallow: /' }));
    const policy = await cache.policyFor('https://example.com/x');
    expect(policy.decide('https://example.com/x')).toBe('no-robots-txt');
    expect(policy.source).toBe('unavailable');
  });

  test.each([500, 503, 429, 199])('%d means unreachable: everything disallowed', async (status) => {
    const { cache } = cacheWith(async () => ({ status, body: '' }));
    const policy = await cache.policyFor('https://example.com/x');
    expect(policy.decide('https://example.com/x')).toBe('disallowed');
    expect(policy.source).toBe('unreachable');
  });

  test('a network error means unreachable', async () => {
    const { cache } = cacheWith(() => Promise.reject(new Error('ECONNRESET')));
    const policy = await cache.policyFor('https://example.com/x');
    expect(policy.decide('https://example.com/x')).toBe('disallowed');
    expect(policy.source).toBe('unreachable');
  });

  test('fetches once per origin, concurrent callers sharing the pending fetch', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { cache, fetched } = cacheWith(async () => {
      await gate;
      return { status: 200, body: 'User-agent: *\nDisallow: /x' };
    });
    const pending = [
      cache.policyFor('https://example.com/a'),
      cache.policyFor('https://EXAMPLE.com:443/b'),
      cache.policyFor('http://example.com/a'),
      cache.policyFor('https://example.com:8443/a'),
      cache.policyFor('https://docs.example.com/a'),
    ];
    release();
    const policies = await Promise.all(pending);
    expect(fetched).toEqual([
      'https://example.com/robots.txt',
      'http://example.com/robots.txt',
      'https://example.com:8443/robots.txt',
      'https://docs.example.com/robots.txt',
    ]);
    expect(policies[0]).toBe(policies[1]);
    await cache.policyFor('https://example.com/later');
    expect(fetched).toHaveLength(4);
  });
});

test('ignoredRobotsPolicy decides ignored for everything', () => {
  expect(ignoredRobotsPolicy.decide('https://example.com/x')).toBe('ignored');
});
