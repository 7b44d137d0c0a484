import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's ```ts blocks that declare a pipeline, with the heading each sits under. */
const pipelineSnippets = (markdown: string) => {
  const found: { heading: string; code: string }[] = [];
  let heading = '';
  for (const block of markdown.split(/^(```ts\n[\s\S]*?^```)$/m)) {
    const code = /^```ts\n([\s\S]*?)^```$/m.exec(block)?.[1];
    if (code === undefined) {
      heading = [...block.matchAll(/^#+ (.+)$/gm)].at(-1)?.[1] ?? heading;
      continue;
    }
    if (code.includes('pipeline(')) found.push({ heading, code });
  }
  return found;
};

const snippets = pipelineSnippets(README);

test('the README has a pipeline snippet under "Writing a pipeline"', () => {
  expect(snippets.map((s) => s.heading)).toContain('Writing a pipeline');
});

// Each snippet is written one level below the repository root, where a pipeline in pipelines/
// would be, so its `new URL('../fixtures/...', import.meta.url)` finds the fixtures and 'tuneset'
// resolves to this package (.tmp/ is git-ignored).
test.each(snippets.map((s, i) => [i, s.heading, s.code] as const))('README snippet %i (%s) runs as written, to a finished run', async (i, _heading, code) => {
  const dir = join(ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `readme-snippet-${process.pid}-${i}.ts`);
  const scratch = mkdtempSync(join(tmpdir(), 'tuneset-readme-'));
  writeFileSync(file, code);
  try {
    const out = join(scratch, 'run');
    const c = captureIo();
    const exit = await main(['run', file, '--out', out, '--cache', join(scratch, 'cache')], c.io);
    expect(exit, c.stderr()).toBe(0);
    expect(c.stdout()).toContain('Run directory:');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stages: { name: string; out: number }[] };
    const lines = (f: string) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean).length;
    // Every example the last stage let through is in a split file.
    expect(lines('train.jsonl') + lines('validation.jsonl')).toBe(manifest.stages.at(-1)!.out);
    expect(lines('train.jsonl')).toBeGreaterThanOrEqual(10);
  } finally {
    rmSync(file, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  // A whole build (tokenizer load included); on a busy two-core machine that can take a while.
}, 120_000);
