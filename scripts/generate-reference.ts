// npm run docs: writes docs/reference.md from the stage catalog and the stages' zod schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReference } from '../src/stages/reference-markdown.js';

const target = join(import.meta.dirname, '..', 'docs', 'reference.md');
writeFileSync(target, renderReference());
process.stdout.write(`wrote ${target}\n`);
