import { describe, expect, test } from 'vitest';
import { extractPage, splitSections } from '../../../../src/stages/scrape/extract/index.js';

const url = 'https://ex.com/';

/** Runs `f`, failing when it takes more than `ms`: linear code takes a few ms here, quadratic code seconds. */
function within<T>(ms: number, f: () => T): T {
  const start = performance.now();
  const result = f();
  expect(performance.now() - start).toBeLessThan(ms);
  return result;
}

describe('broken and hostile pages', () => {
  test('nesting far deeper than recursion allows (a page of unclosed tags) still gives its text and links', () => {
    const page = extractPage(`<p>${'<font>'.repeat(20_000)}<a href="/deep">deep</a> text<div>next</div>`, { url });
    expect(page.text).toBe('deep text\nnext');
    expect(page.links).toEqual(['https://ex.com/deep']);
    expect(extractPage(`${'<div>'.repeat(20_000)}<ul><li>x`, { url }).markdown).toBe('x');
    expect(extractPage(`<table><tr><td>${'<div>'.repeat(20_000)}cell`, { url }).text).toBe('cell');
  });

  test('long runs of markup characters are handled in linear time', () => {
    const n = 100_000;
    within(2000, () => extractPage(`<p>a${' '.repeat(n)}b<code>${'`'.repeat(n)}</code></p><pre>${'`'.repeat(n)}</pre><h2>${'# '.repeat(n)}</h2><a href="/${'('.repeat(n)}">x</a>`, { url }));
    within(2000, () => splitSections(`${'['.repeat(n)}](${'('.repeat(n)}`));
    within(2000, () => splitSections(`${'` a '.repeat(n / 4)}\n${Array.from({ length: 400 }, (_, i) => '`'.repeat(i + 1)).join(' x ')}`));
    within(2000, () => splitSections(`${'* '.repeat(n)}\n${'*a'.repeat(n)}\n${'\\'.repeat(n)}${'*'.repeat(n)}\n## ${' #'.repeat(n)} x`));
    within(2000, () => splitSections(`${'|'.repeat(n)}\n|${' - |'.repeat(n)}\n${'```\n#a\n'.repeat(n / 10)}`));
  });
});
