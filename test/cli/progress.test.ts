import { expect, test } from 'vitest';
import { createProgressRenderer } from '../../src/cli/progress.js';
import { StageCounters } from '../../src/pipeline/counters.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, s: { isTTY, columns: 80, write: (t: string) => (written.push(t), true) } as unknown as NodeJS.WriteStream };
};
const stage = (name: string, inN: number, out: number, done: boolean) => {
  const counters = new StageCounters();
  counters.in = inN;
  counters.out = out;
  if (inN > out) counters.addDrop('duplicate');
  return { name, counters, done };
};

test('on a terminal one live line is rewritten in place, then cleared', () => {
  const { written, s } = stream(true);
  const r = createProgressRenderer(s);
  r.update([stage('import', 0, 10, true), stage('dedupe', 10, 9, false)]);
  r.finish();
  expect(written).toEqual(['\r\x1b[2Kdedupe: 10 in, 9 out, 1 dropped (0ms)', '\r\x1b[2K']);
});

test('elsewhere a plain line per stage as it finishes, each once', () => {
  const { written, s } = stream(false);
  const r = createProgressRenderer(s);
  r.update([stage('import', 0, 10, true), stage('dedupe', 10, 9, false)]);
  r.update([stage('import', 0, 10, true), stage('dedupe', 10, 9, true)]);
  r.finish();
  expect(written).toEqual(['import: 0 in, 10 out (0ms)\n', 'dedupe: 10 in, 9 out, 1 dropped (0ms)\n']);
});
