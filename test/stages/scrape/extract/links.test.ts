import { describe, expect, test } from 'vitest';
import { extractPage } from '../../../../src/stages/scrape/extract/index.js';

const links = (html: string, url = 'https://ex.com/docs/guide/page.html') => extractPage(html, { url }).links;

describe('links', () => {
  test('relative hrefs resolve against the page URL; fragments and queries are kept; duplicates go', () => {
    expect(links('<a href="next.html">1</a><a href="../api/">2</a><a href="/root?q=1#top">3</a><a href="#frag">4</a><a href="?page=2">5</a><a href="next.html">again</a><a href="//cdn.ex.com/x">6</a><a href="">self</a>')).toEqual([
      'https://ex.com/docs/guide/next.html',
      'https://ex.com/docs/api/',
      'https://ex.com/root?q=1#top',
      'https://ex.com/docs/guide/page.html#frag',
      'https://ex.com/docs/guide/page.html?page=2',
      'https://cdn.ex.com/x',
      'https://ex.com/docs/guide/page.html',
    ]);
  });

  test('<base href> (itself relative to the page) is the base when present and http(s)', () => {
    expect(links('<head><base href="/v2/"></head><a href="intro">1</a><a href="/abs">2</a>')).toEqual(['https://ex.com/v2/intro', 'https://ex.com/abs']);
    expect(links('<head><base href="https://mirror.example/base/"></head><a href="intro">1</a>')).toEqual(['https://mirror.example/base/intro']);
    expect(links('<head><base href="javascript:alert(1)"></head><a href="intro">1</a>')).toEqual(['https://ex.com/docs/guide/intro']);
    expect(links('<head><base target="_blank"></head><a href="intro">1</a>')).toEqual(['https://ex.com/docs/guide/intro']);
  });

  test('javascript:, mailto:, tel:, data: and other schemes are skipped; nofollow links are kept', () => {
    expect(links('<a href="javascript:void(0)">a</a><a href=" JavaScript:go()">b</a><a href="mailto:x@ex.com">c</a><a href="tel:+1555">d</a><a href="data:text/html,hi">e</a><a href="ftp://ex.com/f">f</a><a href="https://ex.com/ok" rel="nofollow">g</a><a>no href</a>')).toEqual([
      'https://ex.com/ok',
    ]);
  });

  test('hrefs are trimmed, entity-decoded and percent-encoded as URLs are', () => {
    expect(links('<a href="  /a b?x=1&amp;y=2 ">1</a><a href="HTTPS://EX.COM/Up">2</a><a href="http://[bad">3</a>')).toEqual(['https://ex.com/a%20b?x=1&y=2', 'https://ex.com/Up']);
  });

  test('links in boilerplate count (nav links are how the crawler finds pages), links in svg do not', () => {
    expect(links('<header><nav><a href="/a">A</a></nav></header><div id="cookie"><a href="/privacy">P</a></div><main><p>x</p></main><footer><a href="/b">B</a></footer><svg><a href="/svg-link"><text>s</text></a></svg><script>document.write(\'<a href="/in-script">\')</script>')).toEqual([
      'https://ex.com/a',
      'https://ex.com/privacy',
      'https://ex.com/b',
    ]);
  });
});
