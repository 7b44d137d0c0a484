// Rewrites the README's generated provider block (between <!-- providers:start --> and
// <!-- providers:end -->) from the registry: npx tsx scripts/render-providers-readme.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderProvidersMarkdown } from '../src/providers/providers-markdown.js';

const path = join(import.meta.dirname, '..', 'README.md');
const readme = readFileSync(path, 'utf8');
const block = /(<!-- providers:start -->\n)[\s\S]*?(<!-- providers:end -->)/;
if (!block.test(readme)) throw new Error(`${path}: no <!-- providers:start --> ... <!-- providers:end --> block`);
writeFileSync(path, readme.replace(block, (_m, start: string, end: string) => `${start}${renderProvidersMarkdown()}${end}`));
