import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importEvals } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { serve } from './helpers.js';

const EVALS = 'fixtures/import/evals.jsonl';

describe('importEvals', () => {
  it('yields one item per line, id from the line unless it carries one, and drops bad lines', async () => {
    const r = await runStage(importEvals({ path: EVALS }));
    expect(r.out).toEqual([
      {
        id: 'evals.jsonl:1',
        source: { uri: EVALS, line: 1 },
        data: {
          input: [
            { role: 'system', content: 'Answer with one letter.' },
            { role: 'user', content: 'Passage: Two cups.\nQuestion: Which is left?\nA. red\nB. blue' },
          ],
          ideal: 'B',
        },
        meta: {},
      },
      {
        id: 'cup-2',
        source: { uri: EVALS, line: 2 },
        data: { input: [{ role: 'user', content: 'Which cup is right?', name: 'tester' }], ideal: ['A', 'a'] },
        meta: {},
      },
    ]);
    expect(r.drops).toEqual([
      {
        id: 'evals.jsonl:3',
        code: 'invalid_record',
        detail: { issues: [{ path: 'ideal', message: 'expected a string or a non-empty array of strings' }] },
        source: { uri: EVALS, line: 3 },
      },
      {
        id: 'evals.jsonl:4',
        code: 'invalid_json',
        detail: { message: "Expected ',' or '}' after property value in JSON at position 26", column: 27 },
        source: { uri: EVALS, line: 4 },
      },
    ]);
    expect([r.counters.in, r.counters.out, r.counters.dropped, r.counters.balanced()]).toEqual([4, 2, 2, true]);
  });

  it('reads the same file over http', async () => {
    const server = await serve({ '/logic/evals.jsonl': { body: readFileSync(EVALS) } });
    try {
      const url = server.url('/logic/evals.jsonl');
      const r = await runStage(importEvals({ path: url }));
      expect(r.out.map((i) => [i.id, i.source])).toEqual([
        ['evals.jsonl:1', { uri: url, line: 1 }],
        ['cup-2', { uri: url, line: 2 }],
      ]);
      expect(r.inputs).toEqual([{ uri: url, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: readFileSync(EVALS).length }]);
    } finally {
      await server.close();
    }
  });
});
