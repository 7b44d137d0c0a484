import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../../src/pipeline/clock.js';
import { pipeline } from '../../src/pipeline/pipeline.js';
import { MAX_REJECTED_DATA_BYTES, rejectedData, utf8Head } from '../../src/pipeline/rejected-body.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { defineSource } from '../../src/pipeline/stage.js';

describe('rejectedData', () => {
  it('keeps data whose JSON text fits, as it is', () => {
    const data = { raw: 'x'.repeat(100) };
    expect(rejectedData(data, 200)).toBe(data);
  });

  it('cuts data past the cap to the head of its JSON text, with its full size', () => {
    expect(rejectedData({ raw: 'abcdefghij' }, 10)).toEqual({ truncated: true, bytes: 20, head: '{"raw":"ab' });
  });

  it('counts bytes, not characters, and never cuts a character in half', () => {
    // "é" is 2 bytes: 8 of them are 16 bytes, 18 with the quotes.
    expect(rejectedData('éééééééé', 17)).toEqual({ truncated: true, bytes: 18, head: '"éééééééé' });
    expect(rejectedData('éééééééé', 18)).toBe('éééééééé');
    expect(utf8Head('aé', 2)).toBe('a');
    expect(utf8Head('a😀b', 4)).toBe('a');
    expect(utf8Head('a😀b', 5)).toBe('a😀');
  });

  it('data JSON.stringify cannot write (nesting too deep) is a marker, not a crash', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(rejectedData(deep)).toEqual({ truncated: true, error: 'could not be serialised: Maximum call stack size exceeded' });
  });
});

it('rejected.jsonl keeps the first 64 KiB of a huge rejected record and says it was cut', async () => {
  const big = 'x'.repeat(1024 * 1024);
  const source = defineSource(
    'huge',
    z.strictObject({}),
    async function* (_inputs, _options, ctx) {
      ctx.countIn();
      ctx.drop({ id: 'big', source: { uri: 'mem', line: 1 }, data: { raw: big } }, { code: 'invalid_json' });
      ctx.countIn();
      ctx.drop({ id: 'small', source: { uri: 'mem', line: 2 }, data: { raw: 'y' } }, { code: 'invalid_json' });
    },
    () => [],
  )();
  const p = pipeline('cut', { model: 'gpt-4o-mini-2024-07-18' }).from(source);
  const { runDir } = await runPipeline(p, { outputRoot: mkdtempSync(join(tmpdir(), 'tuneset-cut-')), clock: fixedClock('2026-11-23T10:00:00Z') });
  const [first, second] = readFileSync(join(runDir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { data: Record<string, unknown> });
  expect(MAX_REJECTED_DATA_BYTES).toBe(65536);
  expect(first!.data).toEqual({ truncated: true, bytes: 1024 * 1024 + 10, head: `{"raw":"${'x'.repeat(65536 - 8)}` });
  expect(second!.data).toEqual({ raw: 'y' });
});
