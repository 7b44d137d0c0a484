import { describe, expect, test } from 'vitest';
import { DEFAULT_DROP_PARAMS, normalizeUrl } from '../../../../src/stages/scrape/url/normalize-url.js';

const cases: [input: string, expected: string | undefined][] = [
  // scheme and host
  ['HTTPS://Docs.Example.COM/Guide', 'https://docs.example.com/Guide'],
  ['http://Bücher.example/straße', 'http://xn--bcher-kva.example/stra%C3%9Fe'],
  ['ftp://example.com/file', undefined],
  ['mailto:someone@example.com', undefined],
  ['javascript:alert(1)', undefined],
  ['not a url', undefined],
  ['/relative/without/base', undefined],
  // default ports
  ['http://example.com:80/a', 'http://example.com/a'],
  ['https://example.com:443/a', 'https://example.com/a'],
  ['http://example.com:443/a', 'http://example.com:443/a'],
  ['https://example.com:8443/a', 'https://example.com:8443/a'],
  ['http://127.0.0.1:80/a/', 'http://127.0.0.1/a'],
  // fragment
  ['https://example.com/a#section-2', 'https://example.com/a'],
  ['https://example.com/a?x=1#', 'https://example.com/a?x=1'],
  // tracking parameters
  ['https://example.com/a?utm_source=x&utm_medium=y&utm_whatever=z', 'https://example.com/a'],
  ['https://example.com/a?id=7&gclid=1&fbclid=2&msclkid=3&dclid=4&yclid=5', 'https://example.com/a?id=7'],
  ['https://example.com/a?mc_cid=1&mc_eid=2&_ga=3&_gl=4&igshid=5&ref_src=6&page=2', 'https://example.com/a?page=2'],
  ['https://example.com/a?UTM_Source=x&utm%5Fcampaign=y&q=1', 'https://example.com/a?q=1'],
  ['https://example.com/a?reference=1&gclidx=2', 'https://example.com/a?gclidx=2&reference=1'],
  // query order, repeated keys, empty pieces
  ['https://example.com/s?b=2&a=1&c=3', 'https://example.com/s?a=1&b=2&c=3'],
  ['https://example.com/s?tag=z&a=1&tag=a', 'https://example.com/s?a=1&tag=z&tag=a'],
  ['https://example.com/s?', 'https://example.com/s'],
  ['https://example.com/s?&&a=1&', 'https://example.com/s?a=1'],
  ['https://example.com/s?utm_source=x', 'https://example.com/s'],
  ['https://example.com/s?flag&a=', 'https://example.com/s?a=&flag'],
  ['https://example.com/s?q=a+b&r=a%20b', 'https://example.com/s?q=a+b&r=a%20b'],
  // dot segments
  ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
  ['https://example.com/a/%2e%2E/b', 'https://example.com/b'],
  ['https://example.com/../../x', 'https://example.com/x'],
  // percent-encoding
  ['https://example.com/a%2fb%3a', 'https://example.com/a%2Fb%3A'],
  ['https://example.com/%7Euser/%41%62c', 'https://example.com/~user/Abc'],
  ['https://example.com/a b', 'https://example.com/a%20b'],
  ['https://example.com/s?q=%e2%82%ac&x=%7e', 'https://example.com/s?q=%E2%82%AC&x=~'],
  // trailing slash
  ['https://example.com', 'https://example.com/'],
  ['https://example.com/', 'https://example.com/'],
  ['https://example.com//', 'https://example.com/'],
  ['https://example.com/reference/', 'https://example.com/reference'],
  ['https://example.com/reference//', 'https://example.com/reference'],
  ['https://example.com/reference/?a=1', 'https://example.com/reference?a=1'],
  ['https://example.com/docs/index.html', 'https://example.com/docs/index.html'],
  // userinfo is kept: it can select what the server shows
  ['https://user:pw@example.com/a', 'https://user:pw@example.com/a'],
];

describe('normalizeUrl', () => {
  test.each(cases)('%s -> %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  test.each(cases.filter((c): c is [string, string] => c[1] !== undefined))('is idempotent on %s', (input) => {
    const once = normalizeUrl(input)!;
    expect(normalizeUrl(once)).toBe(once);
  });

  test('equal pages normalise equally', () => {
    expect(normalizeUrl('http://127.0.0.1:80/a/')).toBe(normalizeUrl('http://127.0.0.1/a'));
    expect(normalizeUrl('HTTP://EXAMPLE.com:80/%7euser/?b=2&a=1&utm_source=x#top')).toBe(normalizeUrl('http://example.com/~user?a=1&b=2'));
  });

  test('resolves against a base, as a link on that page would', () => {
    expect(normalizeUrl('../intro/#x', { base: 'https://example.com/guide/setup/' })).toBe('https://example.com/guide/intro');
    expect(normalizeUrl('intro', { base: 'https://example.com/guide/' })).toBe('https://example.com/guide/intro');
    expect(normalizeUrl('//cdn.example.com/x', { base: 'https://example.com/' })).toBe('https://cdn.example.com/x');
    expect(normalizeUrl('mailto:a@b.c', { base: 'https://example.com/' })).toBeUndefined();
    expect(normalizeUrl('x', { base: 'not a url' })).toBeUndefined();
  });

  test('dropParams replaces the default list', () => {
    expect(normalizeUrl('https://example.com/?utm_source=x&sid=1&session_a=2&a=1', { dropParams: ['sid', 'SESSION_*'] })).toBe(
      'https://example.com/?a=1&utm_source=x',
    );
    expect(normalizeUrl('https://example.com/?utm_source=x&sid=1', { dropParams: [...DEFAULT_DROP_PARAMS, 'sid'] })).toBe('https://example.com/');
    expect(normalizeUrl('https://example.com/?gclid=1', { dropParams: [] })).toBe('https://example.com/?gclid=1');
  });
});
