import { expect, test } from 'vitest';
import { runFailureMessage } from '../../src/cli/run-failure-text.js';
import type { Manifest, StageSummary } from '../../src/pipeline/manifest.js';

const stage = (name: string, dropped: Record<string, number>, errored = 0): StageSummary => ({ name, in: 0, expanded: 0, out: 0, dropped, examples: {}, errored, ms: 0 });
const manifest = (stages: StageSummary[], files: Manifest['files'] = {}, inputs: Manifest['inputs'] = []) => ({ stages, files, inputs, reports: {} }) as unknown as Manifest;
const file = (lines: number) => ({ sha256: 'x', bytes: lines, lines });

test('no example written: the drops of every stage by code, most first, errors as "error"; past three codes a count', () => {
  const m = manifest([stage('import-jsonl', { invalid_json: 7, empty_lines: 1 }), stage('clean', { too_short: 2 }), stage('annotate', { refused: 1 }, 2)]);
  expect(runFailureMessage(m, 'output/x')).toBe(
    'no examples were written: all 13 records were dropped (invalid_json 7, error 2, too_short 2, +2 more codes); see tuneset show output/x --rejected',
  );
  expect(runFailureMessage(manifest([stage('scrape', { robots_disallowed: 1 })]), 'o')).toBe(
    'no examples were written: the 1 record read was dropped (robots_disallowed 1); see tuneset show o --rejected',
  );
});

test('a source that read nothing is named with its inputs', () => {
  const inputs = [{ uri: 'data/empty.jsonl', sha256: 'x', bytes: 0 }];
  expect(runFailureMessage(manifest([stage('import-jsonl', {})], { 'rejected.jsonl': file(0) }, inputs), 'o')).toBe(
    'no examples were written: import-jsonl read no records from data/empty.jsonl',
  );
});

test('examples written and no format validation (or a passing one): not a failure', () => {
  expect(runFailureMessage(manifest([stage('import-jsonl', { invalid_json: 3 })], { 'validation.jsonl': file(2) }), 'o')).toBeUndefined();
});
