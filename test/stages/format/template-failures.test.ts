import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../../src/pipeline/clock.js';
import type { Item, Json } from '../../../src/pipeline/item.js';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline } from '../../../src/pipeline/runner.js';
import { letteredOptions } from '../../../src/stages/format/lettered-options.js';
import { toChat } from '../../../src/stages/format/to-chat.js';
import { memorySource } from '../../helpers/memory-source.js';
import { item, runStage } from '../../helpers/run-stage.js';

interface Q {
  question: string;
  options: string[];
  answer: string;
}

const q = (id: string, options: number, question = 'Which?'): Item<Q> => item(id, { question, options: Array.from({ length: options }, (_, i) => `o${i}`), answer: 'A' });
const user = (d: Q) => {
  if (d.question === 'boom') throw new TypeError("Cannot read properties of undefined (reading 'x')");
  return `${d.question}\n${letteredOptions(d.options)}`;
};
const template = toChat<Q>({ user, assistant: (d) => d.answer });
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-format-'));
const clock = fixedClock('2026-11-23T12:00:00Z');

describe('toChat: a template that cannot render one record does not stop the run', () => {
  test('more options than letters is a too_many_options drop naming the role and the count; the records around it pass', async () => {
    const run = await runStage(template, [q('q1', 10), q('q2', 11), q('q3', 4)]);
    expect(run.out.map((o) => o.id)).toEqual(['q1', 'q3']);
    expect(run.drops.map((d) => [d.id, d.code, d.detail])).toEqual([['q2', 'too_many_options', { role: 'user', options: 11, limit: 10 }]]);
    expect(run.errors).toEqual([]);
  });

  test('any other throw is a template_failed error entry naming the record and the role', async () => {
    const system = (d: Q) => (d.answer === 'A' && d.question === 'sys' ? (null as unknown as { x: string }).x : 'Answer.');
    const run = await runStage(toChat<Q>({ system, user, assistant: (d) => d.answer }), [q('q1', 4, 'boom'), q('q2', 4, 'sys'), q('q3', 4)]);
    expect(run.out.map((o) => o.id)).toEqual(['q3']);
    expect(run.drops).toEqual([]);
    expect(run.errors.map((e) => [e.id, (e.error as { code: string }).code, (e.error as Error).message])).toEqual([
      ['q1', 'template_failed', "record q1: the user template threw: Cannot read properties of undefined (reading 'x')"],
      ['q2', 'template_failed', "record q2: the system template threw: Cannot read properties of null (reading 'x')"],
    ]);
  });

  test('in a run: too_many_options is in rejected.jsonl and the run ends; a throw past maxErrors (0 by default) stops it naming the record', async () => {
    const ok = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource([{ children: [q('q1', 4), q('q2', 12), q('q3', 5)] }])).pipe(template);
    const { runDir, manifest } = await runPipeline(ok, { outputRoot: tmp(), clock });
    expect(manifest.stages[1]).toMatchObject({ name: 'format', in: 3, out: 2, dropped: { too_many_options: 1 } });
    const rejected = readFileSync(join(runDir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, Json>);
    expect(rejected).toMatchObject([{ stage: 'format', code: 'too_many_options', id: 'q2', detail: { role: 'user', options: 12, limit: 10 } }]);

    const records = () => [q('q1', 4), q('q2', 4, 'boom'), q('q3', 4)];
    const strict = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource([{ children: records() }])).pipe(template);
    await expect(runPipeline(strict, { outputRoot: tmp(), clock })).rejects.toThrow(
      "[format] 1 record errors, over the stage's budget of 0; last: record q2: the user template threw: Cannot read properties of undefined (reading 'x')",
    );
    const tolerant = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' })
      .from(memorySource([{ children: records() }]))
      .pipe(toChat<Q>({ user, assistant: (d) => d.answer, maxErrors: 1 }));
    const run = await runPipeline(tolerant, { outputRoot: tmp(), clock });
    expect(run.manifest.stages[1]).toMatchObject({ name: 'format', in: 3, out: 2, errored: 1 });
  });

  test('maxErrors is kept out of the options unless given, so existing config hashes stay', () => {
    expect([template.maxErrors, template.options]).toEqual([0, { user: '[function user]', assistant: '[function assistant]' }]);
    expect(toChat<Q>({ user, assistant: (d) => d.answer, maxErrors: 2 })).toMatchObject({ maxErrors: 2, options: { maxErrors: 2 } });
    expect(() => toChat<Q>({ user, assistant: (d) => d.answer, maxErrors: -1 })).toThrow(/maxErrors/);
  });
});
