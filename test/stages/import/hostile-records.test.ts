import { describe, expect, it } from 'vitest';
import { importArLsat, importEvals, importJsonl } from '../../../src/stages/import/index.js';
import { findTooDeep, MAX_JSON_DEPTH } from '../../../src/stages/import/json-depth.js';
import { runStage } from '../../helpers/run-stage.js';
import { tmpFile } from './helpers.js';

// One bad record is a drop with a code and its place, never a stack overflow that stops the run.
const drops = (r: Awaited<ReturnType<typeof runStage>>) => r.drops.map((d) => [d.id, d.source.line, d.code, d.detail]);
const arrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
const objects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe('findTooDeep', () => {
  it('counts brackets outside strings, objects and arrays alike; the value itself is level 1', () => {
    expect(MAX_JSON_DEPTH).toBe(100);
    expect(findTooDeep(arrays(100))).toBeUndefined();
    expect(findTooDeep(arrays(101))).toEqual({ offset: 100, path: new Array(100).fill(0) });
    expect(findTooDeep(objects(100))).toBeUndefined();
    expect(findTooDeep(objects(101))?.offset).toBe(5 * 100);
    // Brackets in strings (escaped quotes included) are text.
    expect(findTooDeep(JSON.stringify({ s: `"${'['.repeat(500)}`, t: ['\\"[[['] }))).toBeUndefined();
    expect(findTooDeep('{"a": 1, "b\\"c": [0, 1, [[[]]]]}', 3)).toEqual({ offset: 25, path: ['b"c', 2, 0] });
  });

  it('a million brackets are scanned without recursion, and text that is not JSON does not throw', () => {
    expect(findTooDeep('['.repeat(1_000_000))?.offset).toBe(100);
    expect(findTooDeep('{"\\u00zz": [[[', 2)).toEqual({ offset: 12, path: ['\\u00zz', 0] });
    expect(findTooDeep('"never closed [[[[')).toBeUndefined();
  });
});

describe('importJsonl and importEvals drop a record nested too deep', () => {
  it('100,000 levels of nesting is too_deep with the column of the bracket past the limit; the lines around it are read', async () => {
    const path = tmpFile(
      'deep.jsonl',
      [`{"q": "a"}`, `{"q": "b", "x": ${arrays(100_000)}}`, `{"q": "c", "x": ${objects(99)}}`, `{"q": ${objects(100)}}`, `{"q": "e"}`].join('\n'),
    );
    const r = await runStage(importJsonl({ path, fields: { q: 'q' } }));
    expect(r.out.map((i) => i.source.line)).toEqual([1, 3, 5]);
    expect(drops(r)).toEqual([
      ['deep.jsonl:2', 2, 'too_deep', { limit: 100, column: 17 + 99 }],
      ['deep.jsonl:4', 4, 'too_deep', { limit: 100, column: 7 + 5 * 99 }],
    ]);
    expect(r.counters.balanced()).toBe(true);
  });

  it('evals lines are checked by the same reader', async () => {
    const good = '{"input": [{"role": "user", "content": "hi"}], "ideal": "A"}';
    const path = tmpFile('deep-evals.jsonl', `${good}\n{"input": ${arrays(5000)}, "ideal": "B"}\n`);
    const r = await runStage(importEvals({ path }));
    expect(r.out).toHaveLength(1);
    expect(drops(r)).toEqual([['deep-evals.jsonl:2', 2, 'too_deep', { limit: 100, column: 11 + 99 }]]);
  });
});

describe('importArLsat drops a question it cannot carry', () => {
  const question = (id: string, options: number, extra = '') =>
    `{"id": "${id}", "question": "Which?", "options": ${JSON.stringify(Array.from({ length: options }, (_, i) => `o${i}`))}, "answer": "A"${extra}}`;

  it('more than 10 options is too_many_options with the count; exactly 10 pass', async () => {
    const path = tmpFile(
      'options.json',
      ['[', `{"id": "p1", "passage": "P.", "questions": [`, `${question('p1_1', 10)},`, `${question('p1_2', 11)},`, `${question('p1_3', 100_000)}`, ']}', ']'].join('\n'),
    );
    const r = await runStage(importArLsat({ path }));
    expect(r.out.map((i) => [i.id, i.data.options.length])).toEqual([['p1_1', 10]]);
    expect(drops(r)).toEqual([
      ['p1_2', 4, 'too_many_options', { options: 11, limit: 10 }],
      ['p1_3', 5, 'too_many_options', { options: 100_000, limit: 10 }],
    ]);
    expect(r.counters.balanced()).toBe(true);
  });

  it('nesting too deep drops the question it is in, or the passage when outside its questions, naming line and column', async () => {
    const path = tmpFile(
      'deep.json',
      [
        '[',
        `{"id": "p1", "passage": "P.", "questions": [`,
        `${question('p1_1', 4)},`,
        `${question('p1_2', 4, `, "x": ${arrays(100_000)}`)}`,
        ']},',
        `{"id": "p2", "passage": "P.", "extra": ${objects(200)}, "questions": [${question('p2_1', 4)}]}`,
        ']',
      ].join('\n'),
    );
    const r = await runStage(importArLsat({ path }));
    expect(r.out.map((i) => i.id)).toEqual(['p1_1']);
    // The question object is level 3 of its passage (passage, questions, question): x's first
    // bracket, at the column of the question's closing brace, opens level 4.
    const x = question('p1_2', 4, ', "x": ').length;
    expect(drops(r)).toEqual([
      ['p1_2', 4, 'too_deep', { limit: 100, line: 4, column: x + 97 }],
      ['p2', 6, 'too_deep', { limit: 100, line: 6, column: 40 + 5 * 99 }],
    ]);
    expect(r.counters.balanced()).toBe(true);
  });
});

describe('importJsonl drops a number it cannot carry', () => {
  it('a number past the largest double is number_out_of_range with its path, not Infinity written as null later', async () => {
    const path = tmpFile(
      'numbers.jsonl',
      [
        '{"q": 1e400}',
        '{"q": "a", "x": [1, {"y": -2E+308}]}',
        `{"q": "b", "x": ${'9'.repeat(400)}}`,
        // Large but finite, tiny (rounds to 0 as any double does), and digits inside a string: kept.
        '{"q": "c", "x": 1.7e308, "y": 1e-400, "z": "1e400"}',
      ].join('\n'),
    );
    const r = await runStage(importJsonl({ path, fields: { q: 'q' } }));
    expect(r.out.map((i) => i.source.line)).toEqual([4]);
    expect(drops(r)).toEqual([
      ['numbers.jsonl:1', 1, 'number_out_of_range', { path: 'q' }],
      ['numbers.jsonl:2', 2, 'number_out_of_range', { path: 'x[1].y' }],
      ['numbers.jsonl:3', 3, 'number_out_of_range', { path: 'x' }],
    ]);
  });
});

describe('importJsonl maps own keys only', () => {
  it('a field named like an Object.prototype member is missing when the line lacks it, not a function; an own __proto__ key is read', async () => {
    const path = tmpFile('proto.jsonl', ['{"constructor": "x", "q": "a"}', '{"q": "b"}', '{"q": "c", "__proto__": {"constructor": "y"}}'].join('\n'));
    const r = await runStage(importJsonl({ path, fields: { c: { path: 'constructor', optional: true }, q: 'q', p: { path: '__proto__.constructor', optional: true } } }));
    expect(r.out.map((i) => [i.id, i.data])).toEqual([
      ['proto.jsonl:1', { c: 'x', q: 'a' }],
      ['proto.jsonl:2', { q: 'b' }],
      ['proto.jsonl:3', { q: 'c', p: 'y' }],
    ]);
    const strict = await runStage(importJsonl({ path, fields: { c: 'toString' } }));
    expect(drops(strict).map((d) => d[2])).toEqual(['missing_field', 'missing_field', 'missing_field']);
  });
});
