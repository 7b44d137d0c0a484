import { describe, expect, test } from 'vitest';
import { convert } from './helpers.js';

describe('inline content', () => {
  test('whitespace collapses across elements as a browser shows it; entities are decoded', () => {
    expect(convert('<p>  Hello\n     <b> world </b>!   <i></i> <span>a</span><span>b</span>  </p><p>&nbsp;x&nbsp;&nbsp;y &amp; z &lt;t&gt;</p>')).toEqual({
      markdown: 'Hello **world** ! ab\n\nx y & z <t>',
      text: 'Hello world ! ab\n\nx y & z <t>',
    });
  });

  test('emphasis, strong, strikethrough; nested same marks and empty marks leave no stray markers', () => {
    expect(convert('<p><b><strong>x</strong></b> <em>a <i>b</i></em> foo<em>bar</em>baz <del>old</del> <s> </s>end</p>')).toEqual({
      markdown: '**x** *a b* foo*bar*baz ~~old~~ end',
      text: 'x a b foobarbaz old end',
    });
  });

  test('inline code picks a fence longer than the backticks inside it', () => {
    expect(convert('<p>Use <code>a `b` c</code>, <code>`x</code> and <kbd>Ctrl</kbd>+<kbd>C</kbd>; <code> spaced \n code </code></p>')).toEqual({
      markdown: 'Use ``a `b` c``, `` `x `` and `Ctrl`+`C`; `spaced code`',
      text: 'Use a `b` c, `x and Ctrl+C; spaced code',
    });
  });

  test('links are absolute; non-http(s) links, nested links and image-only links keep just their text', () => {
    expect(convert('<p><a href="../a">A <a href="/b">B</a></a> <a href="javascript:void(0)">js</a> <a href="mailto:x@y.z">mail</a> <a href="/logo"><img src="l.png" alt="Logo"></a><a href="#sec">here</a></p>').markdown).toBe(
      '[A B](https://ex.com/a) js mail [here](https://ex.com/dir/page#sec)',
    );
  });

  test('link destinations keep balanced parentheses and encode unbalanced ones; brackets in link text are escaped', () => {
    expect(convert('<p><a href="/w/Foo_(bar)">wiki</a> <a href="/q?x=(">open</a> <a href="/c">[1] cite</a></p>').markdown).toBe(
      '[wiki](https://ex.com/w/Foo_(bar)) [open](https://ex.com/q?x=%28) [\\[1\\] cite](https://ex.com/c)',
    );
  });

  test('<br> breaks a line; two in a row break the paragraph; more add nothing', () => {
    expect(convert('<p><br>a<br>b<br><br>c<br><br><br>d<br></p><p><b>x<br><br>y</b></p>')).toEqual({
      markdown: 'a\nb\n\nc\n\nd\n\n**x**\n\n**y**',
      text: 'a\nb\n\nc\n\nd\n\nx\n\ny',
    });
  });

  test('images are dropped, alt text too; media and form controls leave nothing', () => {
    expect(convert('<p>Before <img src="a.png" alt="a diagram"> after</p><video src="v.mp4">Your browser cannot play this</video><p>end</p>')).toEqual({
      markdown: 'Before after\n\nend',
      text: 'Before after\n\nend',
    });
  });
});

describe('blocks', () => {
  test('headings h1-h6; a paragraph or heading that would read as markdown syntax is escaped', () => {
    expect(convert('<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six <div>block</div> inside</h6><p># not a heading</p><p>```not a fence</p><h2>C #</h2>')).toEqual({
      markdown: '# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six block inside\n\n\\# not a heading\n\n\\```not a fence\n\n## C \\#',
      text: 'One\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix block inside\n\n# not a heading\n\n```not a fence\n\nC #',
    });
  });

  test('a link wrapping blocks links each of them', () => {
    expect(convert('<a href="/card"><h2>Card title</h2><p>Card text</p></a>').markdown).toBe('## [Card title](https://ex.com/card)\n\n[Card text](https://ex.com/card)');
  });

  test('block elements separate paragraphs, inline ones do not', () => {
    expect(convert('<div>a<div>b</div>c</div><section><span>d</span><span>e</span></section><dl><dt>Term</dt><dd>Definition</dd></dl><p>x<sup>2</sup></p>')).toEqual({
      markdown: 'a\n\nb\n\nc\n\nde\n\nTerm\n\nDefinition\n\nx2',
      text: 'a\n\nb\n\nc\n\nde\n\nTerm\n\nDefinition\n\nx2',
    });
  });

  test('nested lists indent to the content column; ordered lists keep their start; empty items are dropped', () => {
    expect(convert('<ul><li>a</li><li><p>para one</p><p>para two</p></li><li>c<ol><li>x</li><li>y<ul><li>deep</li></ul></li></ol></li><li> </li></ul><ol start="9"><li>nine</li><li>ten<ol><li>sub</li></ol></li></ol>')).toEqual({
      markdown: '- a\n- para one\n\n  para two\n- c\n  1. x\n  2. y\n     - deep\n\n9. nine\n10. ten\n    1. sub',
      text: 'a\npara one\npara two\nc\nx\ny\ndeep\n\nnine\nten\nsub',
    });
  });

  test('a list directly inside a list nests under the previous item; stray text becomes an item', () => {
    expect(convert('<ul><li>a</li><ul><li>inner</li></ul><li>b</li>stray</ul>').markdown).toBe('- a\n  - inner\n- b\n- stray');
  });

  test('code blocks: verbatim, language from language-x / lang-x / Sphinx classes, fence longer than any inside', () => {
    const html = [
      '<pre>\nline1\n   indented &lt;tag&gt;\n\n</pre>',
      '<pre class="lang-py"><code>x = "```"\n</code></pre>',
      '<div class="highlight-python notranslate"><div class="highlight"><pre><span></span>print(1)</pre></div></div>',
      '<pre><code class="language-TypeScript">const a\u00a0= 1;</code></pre>',
    ].join('');
    expect(convert(html)).toEqual({
      markdown: '```\nline1\n   indented <tag>\n```\n\n````py\nx = "```"\n````\n\n```python\nprint(1)\n```\n\n```typescript\nconst a = 1;\n```',
      text: 'line1\n   indented <tag>\n\nx = "```"\n\nprint(1)\n\nconst a = 1;',
    });
  });

  test('code blocks inside list items are indented with the item', () => {
    expect(convert('<ol><li>Run:<pre><code class="language-sh">make\nmake install</code></pre></li></ol>').markdown).toBe('1. Run:\n\n   ```sh\n   make\n   make install\n   ```');
  });

  test('blockquotes, nested', () => {
    expect(convert('<blockquote><p>q1</p><ul><li>i</li></ul><blockquote>inner</blockquote></blockquote>')).toEqual({
      markdown: '> q1\n>\n> - i\n>\n> > inner',
      text: 'q1\n\ni\n\ninner',
    });
  });

  test('horizontal rule', () => {
    expect(convert('<p>a</p><hr><p>b</p>')).toEqual({ markdown: 'a\n\n---\n\nb', text: 'a\n\nb' });
  });
});

describe('tables', () => {
  test('a GFM table: header row, pipes escaped, colspan padded, cells on one line; text is tab-separated', () => {
    const html = '<table><caption>Sizes</caption><thead><tr><th>Name</th><th>a|b</th><th></th></tr></thead>'
      + '<tbody><tr><td>one <b>1</b></td><td colspan="2">wide</td></tr><tr><td><p>two</p><p>lines</p></td><td>x<br>y</td></tr></tbody></table>';
    expect(convert(html)).toEqual({
      markdown: 'Sizes\n\n| Name | a\\|b |  |\n| --- | --- | --- |\n| one **1** | wide |  |\n| two lines | x y |  |',
      text: 'Sizes\n\nName\ta|b\none 1\twide\ntwo lines\tx y',
    });
  });

  test('without thead the first row is the header (GFM has no headerless tables)', () => {
    expect(convert('<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>').markdown).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });

  test('layout tables (presentation, nested table, code listing) and single-column tables are read as blocks', () => {
    expect(convert('<table role="presentation"><tr><td>left</td><td>right</td></tr></table>').markdown).toBe('left\n\nright');
    expect(convert('<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>side</td></tr></table>').markdown).toBe('| a | b |\n| --- | --- |\n\nside');
    expect(convert('<table><tr><td class="gutter"><pre>1\n2</pre></td><td class="code"><pre>x = 1\ny = 2</pre></td></tr></table>').markdown).toBe('```\nx = 1\ny = 2\n```');
    expect(convert('<table><tr><td>only</td></tr><tr><td>column</td></tr></table>').markdown).toBe('only\n\ncolumn');
  });
});
