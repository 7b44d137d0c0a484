import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderProvidersMarkdown } from '../../src/providers/providers-markdown.js';
import { PROVIDERS } from '../../src/providers/registry.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

test("the README's provider block is what the registry generates (variables, setting names, crash guarantees)", () => {
  const block = /<!-- providers:start -->\n([\s\S]*?)<!-- providers:end -->/.exec(README)?.[1];
  expect(block, 'README.md is stale: run `npx tsx scripts/render-providers-readme.ts` and commit the result').toBe(renderProvidersMarkdown());
});

test('the generated block names every provider, its key variable and its afterCrash text', () => {
  const text = renderProvidersMarkdown();
  for (const p of Object.values(PROVIDERS)) {
    expect(text).toContain(`| ${p.label} | \`${p.name}\` | \`${p.env.apiKey}\``);
    expect(text.replace(/\s+/g, ' ')).toContain(p.afterCrash.replace(/\s+/g, ' '));
  }
});
