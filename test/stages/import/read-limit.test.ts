import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/pipeline/clock.js';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline } from '../../../src/pipeline/runner.js';
import type { Source } from '../../../src/pipeline/stage.js';
import { importArLsat, importCsv, importEvals, importJsonl } from '../../../src/stages/import/index.js';
import { tmpFile } from './helpers.js';

// --limit bounds what a source reads, not only what it yields: junk input that is all dropped
// must not be read (and written to rejected.jsonl) to its end.
const run = async (source: Source<unknown>, limit: number) => {
  const p = pipeline('limit', { model: 'gpt-4o-mini-2024-07-18' }).from(source);
  const { runDir, manifest } = await runPipeline(p, { outputRoot: mkdtempSync(join(tmpdir(), 'tuneset-limit-')), clock: fixedClock('2026-11-23T10:00:00Z'), limit });
  const rejected = readFileSync(join(runDir, 'rejected.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { code: string; source: { line: number } });
  const { ms: _ms, examples: _examples, ...stage } = manifest.stages[0]!;
  return { stage, rejected: rejected.map((r) => [r.source.line, r.code]) };
};

const junk = Array.from({ length: 10 }, (_, i) => `junk ${i}`);

describe('--limit counts records read, dropped or not', () => {
  it('JSONL: 10 junk lines then 10 good, --limit 5 reads 5 lines', async () => {
    const good = Array.from({ length: 10 }, (_, i) => JSON.stringify({ a: i }));
    const path = tmpFile('junk.jsonl', `${[...junk, ...good].join('\n')}\n`);
    const r = await run(importJsonl({ path, fields: { a: 'a' } }), 5);
    expect(r.stage).toEqual({ name: 'import-jsonl', in: 5, expanded: 0, out: 0, dropped: { invalid_json: 5 }, errored: 0 });
    expect(r.rejected).toEqual([1, 2, 3, 4, 5].map((line) => [line, 'invalid_json']));
  });

  it('JSONL: a run of blank lines is one record read', async () => {
    const path = tmpFile('blanks.jsonl', '\n\n\n{"a": 1}\n{"a": 2}\n{"a": 3}\n');
    const r = await run(importJsonl({ path, fields: { a: 'a' } }), 2);
    expect(r.stage).toMatchObject({ in: 2, out: 1, dropped: { empty_lines: 1 } });
  });

  it('--limit still stops at N records out', async () => {
    const path = tmpFile('good.jsonl', '{"a": 1}\n{"a": 2}\n{"a": 3}\n');
    expect((await run(importJsonl({ path, fields: { a: 'a' } }), 2)).stage).toMatchObject({ in: 2, out: 2 });
  });

  it('evals: junk lines count', async () => {
    const path = tmpFile('junk-evals.jsonl', `${junk.join('\n')}\n{"input": [{"role": "user", "content": "hi"}], "ideal": "A"}\n`);
    const r = await run(importEvals({ path }), 3);
    expect(r.stage).toMatchObject({ in: 3, out: 0, dropped: { invalid_json: 3 } });
  });

  it('CSV: rows with the wrong column count count', async () => {
    const path = tmpFile('junk.csv', `q,a\n${junk.join('\n')}\nx,y\n`);
    const r = await run(importCsv({ path, fields: { q: 'q', a: 'a' } }), 4);
    expect(r.stage).toMatchObject({ in: 4, out: 0, dropped: { wrong_column_count: 4 } });
    expect(r.rejected).toEqual([2, 3, 4, 5].map((line) => [line, 'wrong_column_count']));
  });

  it('AR-LSAT: rejected passages count', async () => {
    const bad = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `p${i}` }));
    const path = tmpFile('junk.json', `[\n${bad.join(',\n')}\n]\n`);
    const r = await run(importArLsat({ path }), 2);
    expect(r.stage).toMatchObject({ in: 2, out: 0, dropped: { invalid_record: 2 } });
  });
});
