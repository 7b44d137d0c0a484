import { describe, expect, test } from 'vitest';
import { createUrlFilter, globToRegExp } from '../../../../src/stages/scrape/url/url-filter.js';

describe('globToRegExp', () => {
  const cases: [glob: string, url: string, matches: boolean][] = [
    ['https://docs.example.com/guide/**', 'https://docs.example.com/guide/intro', true],
    ['https://docs.example.com/guide/**', 'https://docs.example.com/guide/a/b/c?x=1', true],
    ['https://docs.example.com/guide/**', 'https://docs.example.com/guide', true],
    ['https://docs.example.com/guide/**', 'https://docs.example.com/guidebook', false],
    ['https://docs.example.com/guide/**', 'https://docs.example.com/api/guide/x', false],
    ['https://docs.example.com/guide/*', 'https://docs.example.com/guide/intro', true],
    ['https://docs.example.com/guide/*', 'https://docs.example.com/guide/a/b', false],
    ['https://docs.example.com/*/intro', 'https://docs.example.com/v2/intro', true],
    ['https://docs.example.com/*/intro', 'https://docs.example.com/v2/x/intro', false],
    ['https://docs.example.com/**/intro', 'https://docs.example.com/v2/x/intro', true],
    ['https://docs.example.com/**/intro', 'https://docs.example.com/intro', true],
    ['https://docs.example.com/**/intro', 'https://docs.example.com/preintro', false],
    ['https://docs.example.com/v**', 'https://docs.example.com/v2/x', true],
    ['https://docs.example.com/v?/x', 'https://docs.example.com/v2/x', true],
    ['https://docs.example.com/v?/x', 'https://docs.example.com/v10/x', false],
    ['https://docs.example.com/a?/x', 'https://docs.example.com/a//x', false],
    ['https://*.example.com/**', 'https://docs.example.com/a', true],
    ['https://*.example.com/**', 'https://example.com/a', false],
    // regex characters are literal
    ['https://example.com/a.b', 'https://example.com/aXb', false],
    ['https://example.com/a.b', 'https://example.com/a.b', true],
    ['https://example.com/(x)+[y]{1}$^|', 'https://example.com/(x)+[y]{1}$^|', true],
    // escapes
    ['https://example.com/search\\?q=*', 'https://example.com/search?q=cats', true],
    ['https://example.com/a\\*', 'https://example.com/a*', true],
    ['https://example.com/a\\*', 'https://example.com/ab', false],
    // scheme and host compare as normalised
    ['HTTPS://Docs.Example.com/Guide/**', 'https://docs.example.com/Guide/x', true],
    ['HTTPS://Docs.Example.com/Guide/**', 'https://docs.example.com/guide/x', false],
  ];
  test.each(cases)('%s on %s -> %s', (glob, url, matches) => {
    expect(globToRegExp(glob).test(url)).toBe(matches);
  });
});

describe('createUrlFilter', () => {
  test('keeps everything when there is no include', () => {
    const keep = createUrlFilter({});
    expect(keep('https://anywhere.example/x')).toBe(true);
    expect(createUrlFilter({ include: [] })('https://anywhere.example/x')).toBe(true);
  });

  test('drops what is not http(s)', () => {
    const keep = createUrlFilter({});
    expect(keep('mailto:a@b.c')).toBe(false);
    expect(keep('not a url')).toBe(false);
  });

  test('keeps a URL matching any include and no exclude', () => {
    const keep = createUrlFilter({
      include: ['https://docs.example.com/guide/**', 'https://docs.example.com/api/**'],
      exclude: ['https://docs.example.com/**/changelog', 'https://docs.example.com/**/*.pdf'],
    });
    expect(keep('https://docs.example.com/guide/intro')).toBe(true);
    expect(keep('https://docs.example.com/api/v1/users')).toBe(true);
    expect(keep('https://docs.example.com/blog/post')).toBe(false);
    expect(keep('https://docs.example.com/guide/changelog')).toBe(false);
    expect(keep('https://docs.example.com/api/v1/spec.pdf')).toBe(false);
  });

  test('matches the normalised URL', () => {
    const keep = createUrlFilter({ include: ['https://docs.example.com/guide/*'], exclude: ['https://docs.example.com/guide/*\\?*'] });
    expect(keep('HTTPS://DOCS.example.com:443/guide/intro/#part-2')).toBe(true);
    // Tracking parameters are gone before the exclude sees the URL; real ones are not.
    expect(keep('https://docs.example.com/guide/intro?utm_source=x')).toBe(true);
    expect(keep('https://docs.example.com/guide/intro?page=2')).toBe(false);
    // `/guide/` normalises to `/guide`, which `guide/*` does not reach but `guide/**` does.
    expect(keep('https://docs.example.com/guide/')).toBe(false);
    expect(createUrlFilter({ include: ['https://docs.example.com/guide/**'] })('https://docs.example.com/guide/')).toBe(true);
  });

  test('exclude alone drops only what it matches', () => {
    const keep = createUrlFilter({ exclude: ['**/login', '**/*\\?*'] });
    expect(keep('https://example.com/login')).toBe(false);
    expect(keep('https://example.com/a?b=1')).toBe(false);
    expect(keep('https://example.com/a')).toBe(true);
  });
});
