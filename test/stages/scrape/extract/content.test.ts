import { describe, expect, test } from 'vitest';
import { extractPage } from '../../../../src/stages/scrape/extract/index.js';
import { convert, extractBody, PAGE_URL } from './helpers.js';

describe('boilerplate', () => {
  test('script, style, noscript, template, svg, iframe, form, button, nav, aside, footer, hidden elements, closed dialogs and cookie banners are left out', () => {
    const body = `
      <script>var x = "script";</script><style>p { color: red }</style><noscript>Enable JavaScript</noscript>
      <template><p>template</p></template><svg><text>svg text</text></svg><iframe src="/frame"></iframe>
      <div id="cookie-notice">We use cookies</div><div class="gdpr">GDPR</div><section class="ConsentManager">Consent</section>
      <p>Kept <button>Click</button>text.</p>
      <form action="/search"><input name="q"><label>Search</label></form>
      <nav>Nav</nav><div role="navigation">Role nav</div><aside>Aside</aside>
      <div hidden>Hidden</div><div aria-hidden="true">Aria hidden</div><div style="display: none">Display none</div>
      <div role="banner">Banner</div><div role="contentinfo">Contentinfo</div><footer>Footer</footer>
      <dialog><p>Subscribe to our newsletter</p></dialog><dialog open><p>Open dialog</p></dialog>`;
    expect(convert(body)).toEqual({ markdown: 'Kept text.\n\nOpen dialog', text: 'Kept text.\n\nOpen dialog' });
  });

  test('a page-level header goes; an article\'s own header, holding its h1, stays', () => {
    const body = '<header><a href="/">Site name</a></header><article><header><h1>Post title</h1><p>By Ann</p></header><p>Body.</p><footer>Tags: x</footer></article><footer>Site footer</footer>';
    const page = extractBody(body);
    expect(page.markdown).toBe('# Post title\n\nBy Ann\n\nBody.');
    expect(page.links).toEqual(['https://ex.com/']);
  });

  test('heuristic rules spare wrappers around the content: a whole-page <form>, a cookie class on body', () => {
    const body = '<form id="aspnetForm" action="/page.aspx"><div class="cookie-consent-given"><h1>Title</h1><p>Content</p></div><div id="cookie-bar">Accept cookies</div></form>';
    expect(extractBody(body).markdown).toBe('# Title\n\nContent');
    const page = '<html><body class="cookie-consent-pending"><div><p>Plain page</p></div></body></html>';
    expect(extractPage(page, { url: PAGE_URL }).markdown).toBe('Plain page');
  });

  test('an app root hidden while a consent dialog is open is still the content', () => {
    const body = '<div id="app" aria-hidden="true"><main><p>Real content</p></main></div><div class="consent-modal" role="dialog"><h2>Your privacy</h2><p>We use cookies</p></div>';
    expect(convert(body).markdown).toBe('Real content');
  });
});

describe('content root', () => {
  test('main, then [role=main], then article, else body', () => {
    expect(convert('<p>outside</p><article><p>article</p></article><main><p>main</p></main>').markdown).toBe('main');
    expect(convert('<p>outside</p><article><p>article</p></article><div role="main"><p>role main</p></div>').markdown).toBe('role main');
    expect(convert('<p>outside</p><article><p>article</p></article>').markdown).toBe('article');
  });

  test('a page with no main element: the body, minus boilerplate', () => {
    const body = '<div id="consent-banner">Accept cookies?</div><div class="wrapper"><h2>Hi</h2><p>Body text</p></div><div class="footer-links"><a href="/about">About</a></div>';
    expect(convert(body)).toEqual({ markdown: '## Hi\n\nBody text\n\n[About](https://ex.com/about)', text: 'Hi\n\nBody text\n\nAbout' });
  });

  test('an article inside boilerplate (a related post in an aside) is not taken for the page\'s', () => {
    expect(convert('<aside><article><p>Teaser</p></article></aside><div><article><p>Main article</p></article></div>').markdown).toBe('Main article');
  });

  test('a fragment without body (htmlparser2 adds none) is read whole', () => {
    const page = '<p>Just a <b>fragment</b></p><script>ignored()</script>';
    expect(extractPage(page, { url: PAGE_URL }).markdown).toBe('Just a **fragment**');
  });

  test('selectors.content: the first selector that matches wins, over main', () => {
    const body = '<main><div class="sidebar"><p>Side</p></div><div class="post"><p>Post</p></div><div class="post"><p>Second post</p></div></main>';
    expect(convert(body, { selectors: { content: ['.missing', '.post', 'main'] } }).markdown).toBe('Post');
    expect(convert(body, { selectors: { content: ['.missing'] } }).markdown).toBe('Side\n\nPost\n\nSecond post');
  });

  test('selectors.remove: removed wherever they are; links inside still count', () => {
    const page = extractBody('<main><p>Post</p><div class="share"><a href="/share">Share!</a></div></main>', { selectors: { remove: ['.share', 'p.none'] } });
    expect(page.markdown).toBe('Post');
    expect(page.links).toEqual(['https://ex.com/share']);
  });

  test('selectors.content is protected from the heuristic rules', () => {
    expect(convert('<div class="consent-text"><p>Terms we want</p></div>', { selectors: { content: ['.consent-text'] } }).markdown).toBe('Terms we want');
  });

  test('an invalid selector is reported as such', () => {
    expect(() => convert('<p>x</p>', { selectors: { content: ['div[['] } })).toThrow(/invalid selector "div\[\["/);
  });
});
