import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractPage, type ExtractedPage } from '../../../../src/stages/scrape/extract/index.js';
import { convert, extractBody } from './helpers.js';

// Pages of each documentation generator, written for these tests (fixtures/permalinks/), as served at URL.
const URL_OF_PAGE = 'https://docs.example.com/lib/kettle.html';
const page = (name: string): ExtractedPage => extractPage(readFileSync(new URL(`./fixtures/permalinks/${name}.html`, import.meta.url), 'utf8'), { url: URL_OF_PAGE });

describe('permalink anchors are left out of the text and markdown', () => {
  test('Sphinx: headerlink ¶ after headings, definitions (dt) and code captions, relative or absolute; self-links in headings become plain titles', () => {
    const { markdown, text } = page('sphinx');
    expect(markdown).toBe(`# \`kettle\` — Boil water on demand

The [\`kettle\`](https://docs.example.com/lib/kettle.html#module-kettle) module heats water to a chosen temperature; see [KettleParser objects](https://docs.example.com/lib/kettle.html#kettleparser-objects).

## KettleParser objects

*class* kettle.KettleParser

Reads a brewing schedule from text.

parse(*text*)

Returns the steps of the schedule, in order.

schedule.txt

\`\`\`text
boil 100
steep 4m
\`\`\``);
    expect(text).toBe(
      'kettle — Boil water on demand\n\nThe kettle module heats water to a chosen temperature; see KettleParser objects.\n\nKettleParser objects\n\n' +
        'class kettle.KettleParser\n\nReads a brewing schedule from text.\n\nparse(text)\n\nReturns the steps of the schedule, in order.\n\nschedule.txt\n\nboil 100\nsteep 4m',
    );
  });

  test('MkDocs: headerlink with ¶ or a custom #; a notebook page\'s anchor-link', () => {
    const { markdown, text } = page('mkdocs');
    expect(markdown).toBe('# Getting started\n\nFill the kettle before you switch it on.\n\n## First boil\n\nPress the switch and wait for the click.\n\n## Descaling\n\nVinegar dissolves the scale; rinse twice.');
    expect(text).toBe('Getting started\n\nFill the kettle before you switch it on.\n\nFirst boil\n\nPress the switch and wait for the click.\n\nDescaling\n\nVinegar dissolves the scale; rinse twice.');
  });

  test('Docusaurus: hash-link holding a zero-width space or #', () => {
    const { markdown, text } = page('docusaurus');
    expect(markdown).toBe('# Installation\n\nThe kettle needs a socket and water.\n\n## Plug it in\n\nAny grounded socket will do.\n\n### Travel adapters\n\nCheck the voltage first.');
    expect(text).toBe('Installation\n\nThe kettle needs a socket and water.\n\nPlug it in\n\nAny grounded socket will do.\n\nTravel adapters\n\nCheck the voltage first.');
  });

  test('GitHub: a.anchor with an icon, inside the heading (old markup) or beside it (new)', () => {
    expect(page('github').markdown).toBe('# kettle\n\nBoils water from the command line.\n\n## Usage\n\nRun `kettle boil`.');
  });

  test('rustdoc: § anchors (doc-anchor, section-header anchor, an item\'s anchor beside its heading); the item\'s self-linked name is plain', () => {
    const { markdown, text } = page('rustdoc');
    expect(markdown).toBe(
      '# Struct Kettle\n\nA kettle that remembers its last temperature.\n\n## Examples\n\nMake one and boil it.\n\n## Implementations\n\n#### pub fn boil(&mut self)\n\nHeats the water to the last temperature.',
    );
    expect(text).toBe('Struct Kettle\n\nA kettle that remembers its last temperature.\n\nExamples\n\nMake one and boil it.\n\nImplementations\n\npub fn boil(&mut self)\n\nHeats the water to the last temperature.');
  });

  test('any link in a heading whose text is only ¶ # § 🔗 or nothing, to a fragment or the page itself, with or without a class', () => {
    const body = [
      '<h2 id="a">One<a href="#a">¶</a></h2>',
      '<h2 id="b">Two <a href="#b"> # </a></h2>',
      '<h2 id="c"><a href="#c">§</a> Three</h2>',
      '<h2 id="d">Four<a href="https://ex.com/dir/page#d">🔗&#xFE0F;</a></h2>',
      '<h2 id="e">Five<a href="page#e"><span class="icon"></span></a></h2>',
      '<h2 id="f">Six<a href="">¶</a></h2>',
      '<h2 id="g">Seven<a href="#g">&#8203;</a></h2>',
    ].join('');
    expect(convert(body)).toEqual({
      markdown: '## One\n\n## Two\n\n## Three\n\n## Four\n\n## Five\n\n## Six\n\n## Seven',
      text: 'One\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\n\nSeven',
    });
  });

  test('kept: links to other pages, links with words outside headings, symbols outside headings without a permalink class', () => {
    const body = [
      '<h2>Other<a href="/elsewhere#x">¶</a></h2>',
      '<p>See <a class="anchor" href="#install">Installation</a> and <a href="#opts">the options</a>.</p>',
      '<p>Footnote <a href="#fn1">#</a></p>',
      '<p>Source<a class="headerlink" href="https://other.example/page#x">¶</a></p>',
    ].join('');
    expect(convert(body).markdown).toBe(
      '## Other[¶](https://ex.com/elsewhere#x)\n\n' +
        'See [Installation](https://ex.com/dir/page#install) and [the options](https://ex.com/dir/page#opts).\n\n' +
        'Footnote [#](https://ex.com/dir/page#fn1)\n\n' +
        'Source[¶](https://other.example/page#x)',
    );
  });

  test('the title falls back to the first h1 without its permalink', () => {
    expect(extractPage('<main><h1 id="k">Kettle<a class="headerlink" href="#k">¶</a></h1></main>', { url: URL_OF_PAGE }).title).toBe('Kettle');
    expect(extractPage('<main><h1 id="k">Kettle<a href="#k" class="hash-link">&#8203;</a></h1></main>', { url: URL_OF_PAGE }).title).toBe('Kettle');
    // Still the page's own links: the crawler follows them.
    expect(extractBody('<h1 id="k">K<a class="headerlink" href="#k">¶</a></h1>').links).toEqual(['https://ex.com/dir/page#k']);
  });
});
