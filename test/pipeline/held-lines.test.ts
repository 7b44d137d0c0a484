import { expect, test } from 'vitest';
import { HeldLines } from '../../src/pipeline/held-lines.js';

const sinkOf = () => {
  const written: string[] = [];
  return { written, sink: { writeLine: (line: string) => void written.push(line) } };
};

test('with no place held, lines are written as they come', () => {
  const { written, sink } = sinkOf();
  const lines = new HeldLines(sink);
  lines.writeLine('a');
  lines.writeLine('b');
  expect(written).toEqual(['a', 'b']);
});

test('a stage reading ahead: its lines for a record go where the record was read, before what upstream wrote after', () => {
  const { written, sink } = sinkOf();
  const lines = new HeldLines(sink);
  // Read records 1 and 2 ahead; upstream drops u2 while producing record 2, u3 after it.
  const p1 = lines.hold();
  lines.writeLine('u2');
  const p2 = lines.hold();
  lines.writeLine('u3');
  expect(written).toEqual([]);
  p1.enter();
  lines.writeLine('t1');
  expect(written).toEqual(['t1']);
  // A stage after it drops record 1 too, while record 1 is being handed on.
  lines.writeLine('d1');
  p1.release();
  expect(written).toEqual(['t1', 'd1', 'u2']);
  p2.enter();
  p2.release();
  expect(written).toEqual(['t1', 'd1', 'u2', 'u3']);
  lines.writeLine('after');
  expect(written).toEqual(['t1', 'd1', 'u2', 'u3', 'after']);
});

test('two stages reading ahead: places held inside an entered place keep the one-record-at-a-time order', () => {
  const { written, sink } = sinkOf();
  const lines = new HeldLines(sink);
  // Stage A reads records 1 and 2 ahead (its upstream writes u2 while producing record 2).
  const a1 = lines.hold();
  lines.writeLine('u2');
  const a2 = lines.hold();
  // A decides record 1 and hands it to stage B, which reads it ahead; then A reads record 3.
  a1.enter();
  lines.writeLine('a1');
  const b1 = lines.hold();
  a1.release();
  lines.writeLine('u3');
  const a3 = lines.hold();
  // A decides record 2 and hands it to B.
  a2.enter();
  lines.writeLine('a2');
  const b2 = lines.hold();
  a2.release();
  expect(written).toEqual(['a1']);
  // B decides record 1, then record 2.
  b1.enter();
  lines.writeLine('b1');
  b1.release();
  expect(written).toEqual(['a1', 'b1', 'u2', 'a2']);
  b2.enter();
  lines.writeLine('b2');
  b2.release();
  expect(written).toEqual(['a1', 'b1', 'u2', 'a2', 'b2', 'u3']);
  a3.release();
  lines.writeLine('end');
  expect(written).toEqual(['a1', 'b1', 'u2', 'a2', 'b2', 'u3', 'end']);
});

test('releasing a place never entered (a run that stopped) lets the lines behind it out', () => {
  const { written, sink } = sinkOf();
  const lines = new HeldLines(sink);
  const p = lines.hold();
  lines.writeLine('behind');
  p.release();
  expect(written).toEqual(['behind']);
});
