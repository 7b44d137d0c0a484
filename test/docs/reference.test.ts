import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderReference } from '../../src/stages/reference-markdown.js';

const REFERENCE = join(import.meta.dirname, '..', '..', 'docs', 'reference.md');

test('docs/reference.md is what the stage catalog and schemas generate', () => {
  expect(readFileSync(REFERENCE, 'utf8'), 'docs/reference.md is stale: run `npm run docs` and commit the result').toBe(renderReference());
});
