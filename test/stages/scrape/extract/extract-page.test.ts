import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractPage } from '../../../../src/stages/scrape/extract/index.js';

const docsPage = readFileSync(new URL('./fixtures/docs-page.html', import.meta.url), 'utf8');
const url = 'https://docs.example.com/guide/install';

describe('extractPage on a whole docs page', () => {
  const page = extractPage(docsPage, { url });

  test('metadata', () => {
    expect(page.title).toBe('Installing Widgets — Widget Docs');
    expect(page.lang).toBe('en-gb');
    expect(page.canonical).toBe('https://docs.example.com/guide/install');
    expect(page.description).toBe('How to install the widget CLI.');
  });

  test('markdown: main content only, no cookie banner, header, nav, sidebar, footers, scripts or styles', () => {
    expect(page.markdown).toBe(`# Installing Widgets

Widgets run on **Node.js 20** or later. See the [requirements](https://docs.example.com/reference/requirements.html) for details & caveats.

## With npm

Install the package globally:

\`\`\`sh
npm install --global widget
# check it worked
widget --version
\`\`\`

### Options

- \`--global\` installs for every user
- *Optional* flags:
  - \`--save-dev\`
  - \`--no-audit\`

## From source

1. Clone the [repository](https://github.com/example/widget).
2. Run \`make\`.

| Platform | Supported |
| --- | --- |
| Linux | yes |
| Windows | with WSL |

> Note: builds need **make**.`);
  });

  test('text: the same content without markup', () => {
    expect(page.text).toBe(`Installing Widgets

Widgets run on Node.js 20 or later. See the requirements for details & caveats.

With npm

Install the package globally:

npm install --global widget
# check it worked
widget --version

Options

--global installs for every user
Optional flags:
--save-dev
--no-audit

From source

Clone the repository.
Run make.

Platform\tSupported
Linux\tyes
Windows\twith WSL

Note: builds need make.`);
  });

  test('links: the whole page, boilerplate included, absolute, deduplicated, without mailto/javascript/tel', () => {
    expect(page.links).toEqual([
      'https://docs.example.com/privacy',
      'https://docs.example.com/',
      'https://docs.example.com/guide/',
      'https://docs.example.com/api/',
      'https://github.com/example/widget',
      'https://docs.example.com/guide/intro',
      'https://docs.example.com/guide/install',
      'https://docs.example.com/guide/install#installing',
      'https://docs.example.com/reference/requirements.html',
      'https://github.com/example/widget/edit/main/install.md',
      'https://docs.example.com/guide/usage',
    ]);
  });

  test('the same input gives the same output', () => {
    expect(extractPage(docsPage, { url })).toEqual(page);
  });
});

describe('metadata', () => {
  const meta = (head: string, { body = '', htmlAttrs = '' } = {}) => {
    const html = `<html${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;
    const { title, lang, canonical, description } = extractPage(html, { url: 'https://ex.com/a/b' });
    return { title, lang, canonical, description };
  };

  test('title falls back to the first h1, without its permalink anchor; absent values are absent', () => {
    expect(meta('', { body: '<main><h1> Hello\n <em>world</em> <a href="#h" aria-hidden="true">#</a></h1></main>' })).toEqual({
      title: 'Hello world',
      lang: undefined,
      canonical: undefined,
      description: undefined,
    });
    expect(meta('', { body: '<p>no heading</p>' }).title).toBe('');
    // An svg's <title> is a tooltip, not the page's.
    expect(meta('', { body: '<svg><title>icon</title></svg><h1>Real</h1>' }).title).toBe('Real');
  });

  test('lang: <html lang>, else Content-Language, else og:locale, normalised', () => {
    expect(meta('', { htmlAttrs: ' lang="EN-us"' }).lang).toBe('en-us');
    expect(meta('<meta http-equiv="Content-Language" content="de-AT, en">').lang).toBe('de-at');
    expect(meta('<meta property="og:locale" content="pt_BR">').lang).toBe('pt-br');
    expect(meta('<meta property="og:locale" content="fr_FR">', { htmlAttrs: ' lang=""' }).lang).toBe('fr-fr');
    expect(meta('', { htmlAttrs: ' lang="not a language"' }).lang).toBeUndefined();
  });

  test('canonical: absolute, http(s) only; description falls back to og:description', () => {
    expect(meta('<link rel="canonical" href="/c?x=1">').canonical).toBe('https://ex.com/c?x=1');
    expect(meta('<link rel="Canonical" href="https://other.example/p">').canonical).toBe('https://other.example/p');
    expect(meta('<link rel="canonical" href="ftp://ex.com/p">').canonical).toBeUndefined();
    expect(meta('<base href="https://cdn.ex.com/root/"><link rel="canonical" href="page">').canonical).toBe('https://cdn.ex.com/root/page');
    expect(meta('<meta property="og:description" content="From OG">').description).toBe('From OG');
    expect(meta('<meta name="description" content="  ">').description).toBeUndefined();
  });

  test('text is NFC-normalised', () => {
    const decomposed = 'Cafe\u0301';
    const page = extractPage(`<title>${decomposed}</title><p>${decomposed}</p>`, { url: 'https://ex.com/' });
    expect(page.title).toBe('Caf\u00e9');
    expect(page.text).toBe('Caf\u00e9');
    expect(page.markdown).toBe('Caf\u00e9');
  });

  test('a url that is not absolute is a caller error', () => {
    expect(() => extractPage('<p>x</p>', { url: '/relative' })).toThrow();
  });
});
