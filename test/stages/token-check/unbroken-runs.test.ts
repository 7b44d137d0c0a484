import { describe, expect, it } from 'vitest';
import { checkRuns, LONG_RUN_BYTES, MAX_RUN_BYTES, measureRuns } from '../../../src/stages/token-check/unbroken-runs.js';

describe('measureRuns', () => {
  it('ignores ordinary prose and short runs', () => {
    expect(measureRuns(['The quick brown fox jumps over the lazy dog. '.repeat(5000)])).toEqual({ longestRun: 0, sumOfSquares: 0 });
    expect(measureRuns(['x'.repeat(255)])).toEqual({ longestRun: 0, sumOfSquares: 0 });
  });

  it('measures a long run in UTF-8 bytes and squares only runs of 1,024 bytes or more', () => {
    expect(measureRuns(['a'.repeat(1000)])).toEqual({ longestRun: 1000, sumOfSquares: 0 });
    expect(measureRuns([`intro ${'='.repeat(2000)} outro`])).toEqual({ longestRun: 2000, sumOfSquares: 2000 ** 2 });
    // 400 CJK characters are 1,200 bytes: BPE works on bytes, so this is a long run.
    expect(measureRuns(['中'.repeat(400)])).toEqual({ longestRun: 1200, sumOfSquares: 1200 ** 2 });
  });

  it('measures whitespace runs', () => {
    expect(measureRuns([`a${' '.repeat(3000)}b`])).toEqual({ longestRun: 3000, sumOfSquares: 3000 ** 2 });
    expect(measureRuns([`a${'\n'.repeat(1500)}`])).toEqual({ longestRun: 1500, sumOfSquares: 1500 ** 2 });
  });

  it('splits a run without whitespace where the tokenizer does (letters vs digits vs punctuation)', () => {
    // Letters and digits never share a piece, and digits go in groups of three.
    expect(measureRuns(['a1'.repeat(5000)]).sumOfSquares).toBe(0);
    // Letters then punctuation: two pieces.
    expect(measureRuns([`${'a'.repeat(2000)}${'='.repeat(3000)}`])).toEqual({ longestRun: 3000, sumOfSquares: 2000 ** 2 + 3000 ** 2 });
  });

  it('follows punctuation pieces across the newlines and slashes they swallow', () => {
    // o200k_base makes `/\n/\n/\n…` one piece (`[^\s\p{L}\p{N}]+[\r\n/]*`), though it contains whitespace.
    expect(measureRuns(['/\n'.repeat(5000)]).longestRun).toBe(10_000);
    expect(measureRuns([`=${'\n'.repeat(2000)}`]).longestRun).toBe(2001);
    // Lines of prose are not joined: letters stop at the newline.
    expect(measureRuns(['a sentence of words\n'.repeat(2000)]).sumOfSquares).toBe(0);
  });

  it("uses the tokenizer's whitespace: U+FEFF is punctuation to it, not a break", () => {
    expect(measureRuns(['=\ufeff'.repeat(1000)]).longestRun).toBe(4000);
    expect(measureRuns(['a\u3000'.repeat(2000)]).sumOfSquares).toBe(0);
  });

  it('adds up long runs across all strings of a record', () => {
    expect(measureRuns(['b'.repeat(2000), 'ok', '-'.repeat(1024)]).sumOfSquares).toBe(2000 ** 2 + 1024 ** 2);
  });
});

describe('checkRuns', () => {
  it('keeps a record whose runs cost at most one 8,192-byte run', () => {
    expect(LONG_RUN_BYTES).toBe(1024);
    expect(MAX_RUN_BYTES).toBe(8192);
    expect(checkRuns(['a'.repeat(8192)])).toBeUndefined();
    expect(checkRuns(['a'.repeat(4096), '='.repeat(4096)])).toBeUndefined();
  });

  it('drops a single run over the threshold', () => {
    expect(checkRuns(['x'.repeat(8193)])).toEqual({
      code: 'unbroken_run_too_long',
      detail: { longestRun: 8193, threshold: 8192, equivalentRun: 8193 },
    });
  });

  it('drops several runs that each pass but together cost too much', () => {
    // 5 × 4000² = 80,000,000 > 8192² = 67,108,864; the equivalent single run is √80e6 ≈ 8945.
    expect(checkRuns(Array.from({ length: 5 }, () => 'q'.repeat(4000)))).toEqual({
      code: 'unbroken_run_too_long',
      detail: { longestRun: 4000, threshold: 8192, equivalentRun: 8945 },
    });
  });

  it('takes the threshold as a parameter', () => {
    expect(checkRuns(['a'.repeat(2000)], 1500)?.detail).toEqual({ longestRun: 2000, threshold: 1500, equivalentRun: 2000 });
  });
});
