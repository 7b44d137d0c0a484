import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { readLines, SCORE_HELP } from '../../src/cli/score-command.js';
import { pyFixed } from '../../src/cli/score-text.js';
import { captureIo } from '../helpers/capture-io.js';
import { tunesetProcess } from '../helpers/cli-process.js';

// The corpus of sacreBLEU's README API example and its test/test_bleu.py (_hyps, _refs),
// github.com/mjpost/sacrebleu, Apache-2.0: expected "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943
// ratio = 0.944 hyp_len = 17 ref_len = 18)" with both reference sets.
const HYP = "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n";
const REF1 = 'The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n';
const REF2 = 'The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n';
const README_LINE = 'BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)';

const files = (contents: Record<string, string>): Record<string, string> => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-score-'));
  return Object.fromEntries(Object.entries(contents).map(([name, text]) => [name, (writeFileSync(join(dir, name), text), join(dir, name))]));
};

const score = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(['score', ...argv], c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

describe('BLEU: sacreBLEU\'s numbers and its printed line', () => {
  test('--json on the README corpus with two --reference files: one object with sacreBLEU\'s keys, 48.53', async () => {
    const f = files({ 'hyp.txt': HYP, 'ref1.txt': REF1, 'ref2.txt': REF2 });
    const { code, stdout, stderr } = await score('--scorer', 'bleu', '--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['ref2.txt']!, '--json');
    expect([code, stderr]).toEqual([0, '']);
    const j = JSON.parse(stdout);
    expect(Object.keys(j)).toEqual([
      'name', 'scorer', 'score', 'signature', 'interval95', 'method', 'n',
      'verbose_score', 'nrefs', 'case', 'eff', 'tok', 'smooth', 'version', 'precisions', 'bp', 'ratio', 'hyp_len', 'ref_len',
    ]);
    expect(j.score).toBeCloseTo(48.530827, 2);
    expect(j).toMatchObject({
      name: 'BLEU', scorer: 'bleu', method: 'bootstrap', n: 3,
      signature: 'nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:tuneset-bleu-1',
      verbose_score: '82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)',
      nrefs: '2', case: 'mixed', eff: 'no', tok: '13a', smooth: 'exp', version: 'tuneset-bleu-1', hyp_len: 17, ref_len: 18,
    });
    expect(j.precisions.map((p: number) => p.toFixed(2))).toEqual(['82.35', '50.00', '45.45', '37.50']);
    expect(j.interval95.low).toBeLessThan(j.score);
    expect(j.interval95.high).toBeGreaterThan(j.score);
  });

  test('the text form: sacreBLEU\'s line, the signature, the 95% interval; the same files give the same interval', async () => {
    const f = files({ 'hyp.txt': HYP, 'ref1.txt': REF1, 'ref2.txt': REF2 });
    const argv = ['--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['ref2.txt']!];
    const first = await score(...argv);
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([README_LINE, 'signature: nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:tuneset-bleu-1']);
    expect(lines[2]).toMatch(/^95% interval: \d+\.\d\d to \d+\.\d\d \(percentile bootstrap, 1000 resamples of the 3 lines, seeded\)$/);
    expect(lines.slice(3)).toEqual(['']);
    expect((await score(...argv)).stdout).toBe(first.stdout);
  });

  test('multi-reference: each reference file alone scores lower than both, and nrefs counts the files', async () => {
    const f = files({ 'hyp.txt': HYP, 'ref1.txt': REF1, 'ref2.txt': REF2 });
    const one = async (...refs: string[]) => JSON.parse((await score('--json', '--prediction', f['hyp.txt']!, ...refs.flatMap((r) => ['--reference', f[r]!]))).stdout);
    const both = await one('ref1.txt', 'ref2.txt');
    const first = await one('ref1.txt');
    const second = await one('ref2.txt');
    expect([first.nrefs, second.nrefs, both.nrefs]).toEqual(['1', '1', '2']);
    expect(first.score).toBeLessThan(both.score);
    expect(second.score).toBeLessThan(both.score);
  });

  test("an empty line is an empty reference: the README's variable-reference case gives BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)", async () => {
    const f = files({ 'hyp.txt': HYP, 'ref1.txt': `\n${REF1.split('\n').slice(1).join('\n')}`, 'ref2.txt': REF2 });
    const { code, stdout } = await score('--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['ref2.txt']!);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)');
  });

  test('CRLF line ends, a byte-order mark and a missing final newline read as the same lines', async () => {
    const f = files({
      'hyp.txt': HYP.trimEnd(),
      'ref1.txt': `\ufeff${REF1.replaceAll('\n', '\r\n')}`,
      'ref2.txt': REF2,
    });
    const { code, stdout } = await score('--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['ref2.txt']!);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(README_LINE);
  });

  test('the real binary: tuneset score --json prints one JSON object and nothing on stderr', () => {
    const f = files({ 'hyp.txt': HYP, 'ref1.txt': REF1, 'ref2.txt': REF2 });
    const r = tunesetProcess(['score', '--scorer', 'bleu', '--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['ref2.txt']!, '--json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).verbose_score).toBe('82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)');
  });
});

describe('the other scorers', () => {
  test('exact: the share of lines equal to any reference, trimmed and case-folded, with a Wilson interval', async () => {
    const f = files({ 'hyp.txt': ' Paris \nberlin\nRome\n', 'ref1.txt': 'paris\nMadrid\nLisbon\n', 'ref2.txt': 'x\nBerlin\ny\n' });
    const { code, stdout } = await score('--scorer', 'exact', '--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['ref2.txt']!, '--json');
    expect(code).toBe(0);
    const j = JSON.parse(stdout);
    expect(j).toMatchObject({ name: 'exact match', scorer: 'exact', n: 3, correct: 2, method: 'wilson', signature: 'exact:trim|lowercase|any-reference|impl:tuneset-1' });
    expect(j.score).toBeCloseTo(2 / 3, 10);
    const text = (await score('--scorer', 'exact', '--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['ref2.txt']!)).stdout;
    expect(text.split('\n')[0]).toBe('exact match = 66.7% (2 of 3 lines)');
    expect(text.split('\n')[2]).toMatch(/^95% interval: \d+\.\d% to \d+\.\d% \(Wilson\)$/);
  });

  test('letter: the first standalone option letter of a line against the reference\'s', async () => {
    const f = files({ 'hyp.txt': 'The answer is C.\n(B)\nno idea\n', 'ref.txt': 'C\nD\nA\n' });
    const { code, stdout } = await score('--scorer', 'letter', '--prediction', f['hyp.txt']!, '--reference', f['ref.txt']!);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('letter accuracy = 33.3% (1 of 3 lines)');
  });

  test('rouge: ROUGE-L F1 headline with ROUGE-1 and ROUGE-2, and those three in --json', async () => {
    const f = files({ 'hyp.txt': 'the cat sat on the mat\n', 'ref.txt': 'the cat sat on the mat\n' });
    const { code, stdout } = await score('--scorer', 'rouge', '--prediction', f['hyp.txt']!, '--reference', f['ref.txt']!, '--json');
    expect(code).toBe(0);
    const j = JSON.parse(stdout);
    expect(j).toMatchObject({ name: 'ROUGE-L F1', scorer: 'rouge', n: 1, method: 'bootstrap' });
    expect([j.score, j.rouge1, j.rouge2, j.rougeL].map((x: number) => x.toFixed(3))).toEqual(['1.000', '1.000', '1.000', '1.000']);
    const text = (await score('--scorer', 'rouge', '--prediction', f['hyp.txt']!, '--reference', f['ref.txt']!)).stdout;
    expect(text.split('\n')[0]).toBe('ROUGE-L F1 = 1.000 (ROUGE-1 F1 = 1.000 ROUGE-2 F1 = 1.000, mean over 1 line)');
  });
});

describe('errors, in plain words naming the files', () => {
  test('a missing file names its option and path (exit 1)', async () => {
    const f = files({ 'hyp.txt': HYP });
    const missing = join(tmpdir(), 'tuneset-score-no-such-file.txt');
    expect(await score('--prediction', f['hyp.txt']!, '--reference', missing)).toEqual({ code: 1, stdout: '', stderr: `error: cannot read the --reference file ${missing}: no such file\n` });
    expect(await score('--prediction', missing, '--reference', f['hyp.txt']!)).toEqual({ code: 1, stdout: '', stderr: `error: cannot read the --prediction file ${missing}: no such file\n` });
  });

  test('line counts that differ name both files and both counts (exit 1)', async () => {
    const f = files({ 'hyp.txt': HYP, 'ref1.txt': REF1, 'short.txt': 'one line\n' });
    expect(await score('--prediction', f['hyp.txt']!, '--reference', f['ref1.txt']!, '--reference', f['short.txt']!)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: --prediction ${f['hyp.txt']} has 3 lines but --reference ${f['short.txt']} has 1 line: the files are scored line by line, so they must have as many lines\n`,
    });
  });

  test('no --reference, no --prediction, two --scorer, the judge (exit 2)', async () => {
    const f = files({ 'hyp.txt': HYP });
    expect(await score('--prediction', f['hyp.txt']!)).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: tuneset score needs at least one --reference FILE (one per reference set, a reference per line). See 'tuneset score --help'.\n",
    });
    expect((await score('--reference', f['hyp.txt']!)).stderr).toBe("error: tuneset score needs one --prediction FILE (the predictions, one per line), got 0. See 'tuneset score --help'.\n");
    expect((await score('--scorer', 'bleu', '--scorer', 'rouge', '--prediction', f['hyp.txt']!, '--reference', f['hyp.txt']!)).stderr).toBe(
      'error: tuneset score takes one --scorer, got 2 (bleu, rouge); run it once per scorer\n',
    );
    expect(await score('--scorer', 'judge', '--prediction', f['hyp.txt']!, '--reference', f['hyp.txt']!)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --scorer expects letter, exact, rouge, bleu, got "judge" (the judge asks a model: use tuneset eval --scorer judge)\n',
    });
  });

  test('an empty prediction file has nothing to score (exit 1)', async () => {
    const f = files({ 'hyp.txt': '', 'ref.txt': '' });
    expect(await score('--prediction', f['hyp.txt']!, '--reference', f['ref.txt']!)).toEqual({ code: 1, stdout: '', stderr: `error: --prediction ${f['hyp.txt']} has no lines: nothing to score\n` });
  });

  test('--help prints the help', async () => {
    expect(await score('--help')).toEqual({ code: 0, stdout: `${SCORE_HELP}\n`, stderr: '' });
  });
});

test("pyFixed rounds an exact tie to even as Python's format does (toFixed rounds it up)", () => {
  expect([pyFixed(6.25, 1), pyFixed(0.75, 1), pyFixed(2.5, 0), pyFixed(3.5, 0), pyFixed(0.125, 2), pyFixed(0.375, 2), pyFixed(1.0005, 3), pyFixed(82.3529411764706, 1)]).toEqual([
    '6.2', '0.8', '2', '4', '0.12', '0.38', '1.000', '82.4',
  ]);
});

test('readLines: a final newline ends a line, \\r\\n is a line end, an empty line is a line, a lone \\r inside stays', () => {
  const f = files({ a: 'one\r\n\r\nthree', b: 'x\n', c: '\n', d: 'a\rb\n' });
  expect(readLines(f['a']!, '--prediction')).toEqual(['one', '', 'three']);
  expect(readLines(f['b']!, '--prediction')).toEqual(['x']);
  expect(readLines(f['c']!, '--prediction')).toEqual(['']);
  expect(readLines(f['d']!, '--prediction')).toEqual(['a\rb']);
});
