import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../../src/pipeline/clock.js';
import type { Item, Json } from '../../../src/pipeline/item.js';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline } from '../../../src/pipeline/runner.js';
import { annotateWith } from '../../../src/stages/annotate/annotate-with.js';
import { memorySource } from '../../helpers/memory-source.js';
import { item, runStage } from '../../helpers/run-stage.js';

interface Q {
  text: string;
  n?: number;
}

const records = (): Item<Q>[] => [item('q1', { text: 'seven days in a row' }, { meta: { answer: 'A' } }), item('q2', { text: 'a committee of five' }), item('q3', { text: 'nothing to see' })];
const kind = (q: Q) => (q.text.includes('days') ? { kind: 'ordering' } : q.text.includes('committee') ? { kind: 'grouping' } : undefined);
/** Error entries as code and message. */
const errorsOf = (errors: { id: string; error: unknown }[]) => errors.map((e) => [e.id, (e.error as { code: string }).code, (e.error as Error).message]);

describe('annotateWith', () => {
  test("into 'meta' (the default): the fields join meta, data is untouched; undefined leaves the record as it was", async () => {
    const input = records();
    const run = await runStage(annotateWith<Q>({ label: kind }), input);
    expect(run.out.map((o) => [o.id, o.data, o.meta])).toEqual([
      ['q1', { text: 'seven days in a row' }, { answer: 'A', kind: 'ordering' }],
      ['q2', { text: 'a committee of five' }, { kind: 'grouping' }],
      ['q3', { text: 'nothing to see' }, {}],
    ]);
    expect(run.out[2]).toEqual(input[2]);
    // The input records are not changed in place.
    expect(input[0]!.meta).toEqual({ answer: 'A' });
    expect(run.report).toEqual({ labelled: 2, unlabelled: 1, dropped: 0, errors: {}, fields: { kind: { records: 2, values: { grouping: 1, ordering: 1 } } } });
    expect(run.counters).toMatchObject({ in: 3, out: 3, errored: 0 });
  });

  test('an empty object is no annotation either: keep is not asked about it', async () => {
    const asked: string[] = [];
    const keep = (_a: unknown, _d: Q, it: Item<Q>) => {
      asked.push(it.id);
      return true as const;
    };
    const run = await runStage(annotateWith<Q>({ label: () => ({}), keep }), records());
    expect([run.out.length, asked, run.report]).toEqual([3, [], { labelled: 0, unlabelled: 3, dropped: 0, errors: {}, fields: {} }]);
  });

  test("into 'data' merges into the record's fields; a field already there is replaced", async () => {
    const run = await runStage(annotateWith<Q, { n: number }>({ label: (q) => ({ n: q.text.length }), into: 'data' }), records().slice(0, 1));
    expect(run.out[0]).toMatchObject({ data: { text: 'seven days in a row', n: 19 }, meta: { answer: 'A' } });
    const again = await runStage(annotateWith<Q, { n: number }>({ label: () => ({ n: 2 }), into: 'data' }), [item('x', { text: 't', n: 1 })]);
    expect(again.out[0]!.data).toEqual({ text: 't', n: 2 });
  });

  test('a function into makes every record: it is called with {} where label gave nothing', async () => {
    const seen: Json[] = [];
    const into = (q: Q, a: Partial<{ kind: string }>) => {
      seen.push(a);
      return { prompt: q.text, kind: a.kind ?? 'none' };
    };
    const run = await runStage(annotateWith<Q, { kind: string }, { prompt: string; kind: string }>({ label: kind, into }), records());
    expect(run.out.map((o) => o.data)).toEqual([
      { prompt: 'seven days in a row', kind: 'ordering' },
      { prompt: 'a committee of five', kind: 'grouping' },
      { prompt: 'nothing to see', kind: 'none' },
    ]);
    expect(seen).toEqual([{ kind: 'ordering' }, { kind: 'grouping' }, {}]);
  });

  test('keep drops by the annotation with its own code, after merging, so the rejected record shows it', async () => {
    const run = await runStage(
      annotateWith<Q>({ label: kind, keep: (a) => (a['kind'] === 'grouping' ? { code: 'not_ordering', detail: 'grouping' } : true) }),
      records(),
    );
    expect(run.out.map((o) => o.id)).toEqual(['q1', 'q3']);
    expect(run.drops.map((d) => [d.id, d.code, d.detail])).toEqual([['q2', 'not_ordering', 'grouping']]);
    expect(run.rejected[0]!.meta).toEqual({ kind: 'grouping' });
    expect(run.report).toMatchObject({ labelled: 2, unlabelled: 1, dropped: 1 });
  });

  test('a label function that throws is an error entry naming the record; the others go on', async () => {
    const label = (q: Q) => {
      if (q.text.includes('committee')) throw new Error('no rule for committees');
      return { kind: 'x' };
    };
    const run = await runStage(annotateWith<Q>({ label }), records());
    expect(run.out.map((o) => o.id)).toEqual(['q1', 'q3']);
    expect(errorsOf(run.errors)).toEqual([['q2', 'label_failed', 'record q2: label threw: no rule for committees']]);
    expect((run.errors[0]!.error as Error).name).toBe('AnnotationError');
    expect(run.counters).toMatchObject({ in: 3, out: 2, errored: 1 });
    expect(run.report).toMatchObject({ errors: { label_failed: 1 } });
  });

  test('a result that is not an object of JSON fields is an error entry saying what it was', async () => {
    const results: unknown[] = ['ordering', ['a'], Promise.resolve({ kind: 'x' }), { kind: Number.NaN }, { kind: undefined }, { when: new Date(0) }, { list: [1, () => 2] }];
    const run = await runStage(
      annotateWith<Q>({ label: (_q, it) => results[Number(it.id)] as Record<string, Json> }),
      results.map((_r, i) => item(String(i), { text: '' })),
    );
    expect(run.out).toEqual([]);
    expect(errorsOf(run.errors)).toEqual([
      ['0', 'invalid_label', 'record 0: label returned string; expected an object of fields, or undefined to leave the record unchanged'],
      ['1', 'invalid_label', 'record 1: label returned array; expected an object of fields, or undefined to leave the record unchanged'],
      ['2', 'invalid_label', 'record 2: label returned a promise; a rule annotator runs synchronously (a model or service call belongs in annotate)'],
      ['3', 'invalid_label', "record 3: label's fields must be JSON values: kind: NaN (not a JSON number)"],
      ['4', 'invalid_label', "record 4: label's fields must be JSON values: kind: undefined (not JSON)"],
      ['5', 'invalid_label', "record 5: label's fields must be JSON values: when: a Date (not a plain object)"],
      ['6', 'invalid_label', "record 6: label's fields must be JSON values: list[1]: function (not JSON)"],
    ]);
  });

  test('merge problems, and into or keep throwing, are error entries with their own codes', async () => {
    const split = await runStage(annotateWith<Q>({ label: () => ({ split: 'train' }) }), records().slice(0, 1));
    expect(errorsOf(split.errors)).toEqual([
      ['q1', 'merge_failed', 'record q1: the annotation\'s field "split" would overwrite meta.split, which the runner reads; rename the field or use into: \'data\''],
    ]);
    const text = await runStage(annotateWith<string>({ label: () => ({ n: 1 }), into: 'data' }), [item('s', 'plain text')]);
    expect(errorsOf(text.errors)).toEqual([['s', 'merge_failed', "record s: into: 'data' needs the record's data to be an object, got string"]]);
    const into = () => {
      throw new Error('bad shape');
    };
    expect(errorsOf((await runStage(annotateWith<Q>({ label: kind, into }), records().slice(0, 1))).errors)).toEqual([['q1', 'into_failed', 'record q1: into threw: bad shape']]);
    const keep = () => {
      throw new TypeError('oops');
    };
    expect(errorsOf((await runStage(annotateWith<Q>({ label: kind, keep }), records().slice(0, 1))).errors)).toEqual([['q1', 'keep_failed', 'record q1: keep threw: oops']]);
  });

  test('the report counts the values of fields with few distinct values, and only the records of the others', async () => {
    const many = Array.from({ length: 25 }, (_v, i) => item(`r${i}`, { text: `t${i}` }));
    const run = await runStage(annotateWith<Q>({ label: (q) => ({ id: q.text, even: q.text.length % 2 === 0, tags: ['a'] }) }), many);
    expect(run.report).toEqual({
      labelled: 25,
      unlabelled: 0,
      dropped: 0,
      errors: {},
      fields: { even: { records: 25, values: { false: 15, true: 10 } }, id: { records: 25 }, tags: { records: 25 } },
    });
  });

  test("name: 'annotate-with' by default, its own for each annotator; options are checked when the pipeline loads", () => {
    const stage = annotateWith<Q>({ label: kind });
    expect([stage.name, stage.kind, stage.maxErrors, stage.options]).toEqual(['annotate-with', 'transform', 0, { name: 'annotate-with', label: '[function kind]', into: 'meta', maxErrors: 0 }]);
    expect(annotateWith<Q>({ name: 'game-type', label: kind, maxErrors: 3 })).toMatchObject({ name: 'game-type', maxErrors: 3 });
    expect(() => annotateWith<Q>({ name: 'Game Type', label: kind })).toThrow('stage "Game Type": option name: expected lower-case letters, digits and dashes');
    expect(() => annotateWith<Q>({ label: 'kind' as unknown as typeof kind })).toThrow('stage "annotate-with": option label: expected a function (data, item) => fields | undefined');
    expect(() => annotateWith<Q>({ name: 'x', label: kind, into: 'both' as 'data' })).toThrow(/^stage "x": option into: /);
  });
});

describe('annotateWith in a pipeline', () => {
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-annotate-with-'));

  test('two rule annotators need two names; with them, both labels reach meta.jsonl and each has its report', async () => {
    const length = (q: Q) => ({ long: q.text.length > 15 });
    const twice = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource([{ children: records() }])).pipe(annotateWith<Q>({ label: kind })).pipe(annotateWith<Q>({ label: length }));
    await expect(runPipeline(twice, { outputRoot: tmp(), clock })).rejects.toThrow('pipeline "demo": option stages: stage "annotate-with" appears twice');

    const p = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' })
      .from(memorySource([{ children: records() }]))
      .pipe(annotateWith<Q>({ name: 'kind', label: kind }))
      .pipe(annotateWith<Q>({ name: 'length', label: length }));
    const { runDir, manifest } = await runPipeline(p, { outputRoot: tmp(), clock });
    const meta = readFileSync(join(runDir, 'meta.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; meta: Json });
    expect(meta.map((m) => [m.id, m.meta])).toEqual([
      ['q1', { answer: 'A', kind: 'ordering', long: true }],
      ['q2', { kind: 'grouping', long: true }],
      ['q3', { long: false }],
    ]);
    expect(manifest.reports).toMatchObject({ kind: { labelled: 2, unlabelled: 1 }, length: { labelled: 3, fields: { long: { records: 3, values: { true: 2, false: 1 } } } } });
  });

  test('past maxErrors (0 by default) the run stops, naming the stage and the record', async () => {
    const label = (q: Q) => {
      if (q.text.includes('committee')) throw new Error('no rule for committees');
      return undefined;
    };
    const p = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource([{ children: records() }])).pipe(annotateWith<Q>({ name: 'kind', label }));
    await expect(runPipeline(p, { outputRoot: tmp(), clock })).rejects.toThrow("[kind] 1 record errors, over the stage's budget of 0; last: record q2: label threw: no rule for committees");
    const tolerant = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource([{ children: records() }])).pipe(annotateWith<Q>({ name: 'kind', label, maxErrors: 1 }));
    const { runDir, manifest } = await runPipeline(tolerant, { outputRoot: tmp(), clock });
    expect(manifest.stages[1]).toMatchObject({ name: 'kind', in: 3, out: 2, errored: 1 });
    const rejected = readFileSync(join(runDir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, Json>);
    expect(rejected).toMatchObject([{ stage: 'kind', code: 'error', id: 'q2', detail: { name: 'AnnotationError', code: 'label_failed', message: 'record q2: label threw: no rule for committees' } }]);
  });
});
