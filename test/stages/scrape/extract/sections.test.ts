import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractPage, splitSections } from '../../../../src/stages/scrape/extract/index.js';

const sample = readFileSync(new URL('./fixtures/sections-sample.md', import.meta.url), 'utf8');

describe('splitSections', () => {
  test('splits at h1-h3; deeper headings, headings in code fences and indented or escaped lines stay inside', () => {
    expect(splitSections(sample)).toEqual([
      { heading: '', level: 0, path: [], markdown: 'Intro paragraph before any heading.', text: 'Intro paragraph before any heading.' },
      {
        heading: 'Widget CLI',
        level: 1,
        path: [],
        markdown: 'Widget turns **configs** into [reports](https://ex.com/reports).',
        text: 'Widget turns configs into reports.',
      },
      {
        heading: 'Install widget',
        level: 2,
        path: ['Widget CLI'],
        markdown: 'Install it:\n\n```sh\n# a comment, not a heading\nnpm install widget\n```',
        text: 'Install it:\n\n# a comment, not a heading\nnpm install widget',
      },
      {
        heading: 'On Windows',
        level: 3,
        path: ['Widget CLI', 'Install widget'],
        markdown: 'Use [WSL](https://ex.com/wsl).\n\n#### Known issues\n\n- Paths with spaces\n  # indented, inside the list item: not a heading',
        text: 'Use WSL.\n\nKnown issues\n\nPaths with spaces\nindented, inside the list item: not a heading',
      },
      {
        heading: 'Configure',
        level: 2,
        path: ['Widget CLI'],
        markdown: '~~~yaml\n## also not a heading\nkey: value\n~~~',
        text: '## also not a heading\nkey: value',
      },
      { heading: 'Empty section', level: 3, path: ['Widget CLI', 'Configure'], markdown: '', text: '' },
      {
        heading: 'Files',
        level: 3,
        path: ['Widget CLI', 'Configure'],
        markdown: '| File | Purpose |\n| --- | --- |\n| `a.yml` | main \\| config |\n\n\\# escaped, not a heading',
        text: 'File\tPurpose\na.yml\tmain | config\n\n# escaped, not a heading',
      },
      { heading: 'Reference', level: 1, path: [], markdown: 'See above.', text: 'See above.' },
    ]);
  });

  test('maxLevel: deeper headings stay in their section', () => {
    const sections = splitSections(sample, { maxLevel: 1 });
    expect(sections.map((s) => [s.heading, s.level, s.path])).toEqual([
      ['', 0, []],
      ['Widget CLI', 1, []],
      ['Reference', 1, []],
    ]);
    expect(sections[1]?.markdown.startsWith('Widget turns **configs** into [reports](https://ex.com/reports).\n\n## Install `widget`\n\nInstall it:')).toBe(true);
    expect(splitSections(sample, { maxLevel: 6 }).map((s) => s.heading)).toContain('Known issues');
  });

  test('no headings: one untitled section; empty markdown: none; no content before the first heading: no untitled section', () => {
    expect(splitSections('Just text.\n\nMore.')).toEqual([{ heading: '', level: 0, path: [], markdown: 'Just text.\n\nMore.', text: 'Just text.\n\nMore.' }]);
    expect(splitSections('')).toEqual([]);
    expect(splitSections('\n## Only\nbody\n').map((s) => s.heading)).toEqual(['Only']);
  });

  test('sections of an extracted page: headings with permalinks, paths, text as the page text has it', () => {
    const page = extractPage(
      '<main><h1>Guide<a class="headerlink" href="#guide">¶</a></h1><p>Intro.</p><h2 id="a">Step <code>one</code><a href="#a">#</a></h2><ol><li>Do <em>this</em></li><li>Then that</li></ol><h3>Detail</h3><pre><code class="language-py"># not a heading\nx = 1</code></pre><h2>Step two</h2><p>Done.</p></main>',
      { url: 'https://ex.com/guide' },
    );
    expect(splitSections(page.markdown)).toEqual([
      { heading: 'Guide', level: 1, path: [], markdown: 'Intro.', text: 'Intro.' },
      { heading: 'Step one', level: 2, path: ['Guide'], markdown: '1. Do *this*\n2. Then that', text: 'Do this\nThen that' },
      { heading: 'Detail', level: 3, path: ['Guide', 'Step one'], markdown: '```py\n# not a heading\nx = 1\n```', text: '# not a heading\nx = 1' },
      { heading: 'Step two', level: 2, path: ['Guide'], markdown: 'Done.', text: 'Done.' },
    ]);
  });
});
