import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// The ar-lsat and site templates are copies of the repository's own pipelines: their stage chains
// (everything from `.from(` on) must not drift apart. Parameter docs and header comments may differ.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const chain = (path: string): string => {
  const text = readFileSync(join(ROOT, path), 'utf8');
  return text.slice(text.indexOf('  .from('));
};

test.each([
  ['templates/ar-lsat/pipelines/__NAME__.ts', 'pipelines/ar-lsat.ts', [["new URL('../data/sample.json'", "new URL('../fixtures/ar-lsat/sample.json'"]]],
  [
    'templates/site/pipelines/__NAME__.ts',
    'pipelines/docs-qa.ts',
    [["      // Site owners read this in their logs: say who crawls and where to reach you.\n      userAgent: '__NAME__-bot/0.1 (+https://example.com/bot)'", "      userAgent: 'tuneset-docs-qa/0.1 (+https://github.com/tuneset/tuneset)'"]],
  ],
])('%s runs the stages of %s', (template, original, differences) => {
  let copy = chain(template);
  for (const [mine, theirs] of differences as [string, string][]) {
    expect(copy).toContain(mine);
    copy = copy.replace(mine, theirs);
  }
  expect(copy).toBe(chain(original));
});
