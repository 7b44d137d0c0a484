import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';
import { plantedRuns } from '../runs/planted-runs.js';

const diff = async (...argv: string[]) => {
  const c = captureIo();
  c.io.env = { COLUMNS: '80' };
  const code = await main(['diff', ...argv], c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test('--json is the RunDiff: the issue\'s examples and ids, then splits, labels, moved, tokens and cost', async () => {
  const { a, b } = await plantedRuns();
  const { code, stdout, stderr } = await diff(a, b, '--json');
  expect([code, stderr]).toEqual([0, '']);
  const d = JSON.parse(stdout);
  expect(d.examples).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 3 });
  expect(d.ids).toEqual({ added: ['e7'], removed: ['e4'], changed: ['e2', 'e3'] });
  expect(d.moved).toEqual({ count: 1, ids: ['e5'] });
  expect(d.tokens).toEqual({ a: 120, b: 127, delta: 7 });
  expect(Object.keys(d)).toEqual(['a', 'b', 'examples', 'ids', 'splits', 'labelField', 'labels', 'moved', 'duplicates', 'tokens', 'cost']);
});

test('the text form: counts per split and label, token and cost delta, the moved warning and changed examples side by side', async () => {
  const { a, b } = await plantedRuns();
  const { code, stdout } = await diff(a, b, '--show', '1');
  expect(code).toBe(0);
  expect(stdout).toContain(
    [
      'examples    added  removed  changed  unchanged',
      'all             1        1        2          3',
      'train           1        1        1          1',
      'validation      0        0        1          2',
    ].join('\n'),
  );
  expect(stdout).toContain('label (meta.label)  added  removed  changed  unchanged\nx                       0        0        1          2\n');
  expect(stdout).toContain('Tokens: 120 -> 127 (+7)\nCost estimate: $0.0007 -> $0.0006 (-$0.0001)\n');
  expect(stdout).toContain(
    'warning: 1 example moved between splits (e5): the split is not stable between these runs, so scores on their validation or test splits are not comparable\n' +
      '  split({ ..., stable: true }) places each group by a hash of its own key, so adding, removing or changing other examples moves none (with the same seed and shares); the default balances groups, and one more or less can move others\n',
  );
  expect(stdout).toContain('Changed examples (1 of 2; --show N for more):');
  // 80 columns: two columns of 38 and a mark between them; the changed answer line marked, two lines of context.
  expect(stdout).toContain(
    [
      'e2',
      `old (train)${' '.repeat(27)}   new (train)`,
      `${'-'.repeat(38)}   ${'-'.repeat(38)}`,
      '⋯ 1 unchanged line',
      `    What is two?${' '.repeat(22)}       What is two?`,
      `assistant:${' '.repeat(28)}   assistant:`,
      `    Two is 2.${' '.repeat(25)} |     Two is 2, the only even prime.`,
    ].join('\n'),
  );
  expect(stdout).not.toContain('\ne3\n');
});

test('--label counts by another meta field; --show 0 shows no example', async () => {
  const { a, b } = await plantedRuns();
  const { stdout } = await diff(a, b, '--label', 'split', '--show', '0');
  expect(stdout).toContain('label (meta.split)  added  removed  changed  unchanged\ntrain                   1        1        1          1\nvalidation              0        0        1          2\n');
  expect(stdout).not.toContain('Changed examples');
});

test('two identical runs: all unchanged, the same hash, no warning', async () => {
  const { a } = await plantedRuns();
  const { code, stdout } = await diff(a, a);
  expect(code).toBe(0);
  expect(stdout).toContain('(the same examples)');
  expect(stdout).toContain('all             0        0        0          6');
  expect(stdout).not.toContain('warning');
  expect(stdout).not.toContain('stable: true');
});

test('a directory that is not a finished run is refused naming it (exit 1); wrong arguments are usage errors (exit 2)', async () => {
  const { a, root } = await plantedRuns();
  expect(await diff(a, root)).toEqual({ code: 1, stdout: '', stderr: `error: ${root} is not a finished run: manifest.json is missing (the run was interrupted or failed)\n` });
  expect(await diff(a, `${root}/missing`)).toEqual({ code: 1, stdout: '', stderr: `error: ${root}/missing: run directory not found\n` });
  expect(await diff(a)).toEqual({ code: 2, stdout: '', stderr: "error: tuneset diff takes two run directories (older first), got 1. See 'tuneset diff --help'.\n" });
  expect((await diff('--help')).stdout.split('\n')[0]).toBe('Usage: tuneset diff <run-a> <run-b> [--json] [--show N] [--label FIELD]');
  expect((await diff(a, a, '--show', 'all')).code).toBe(2);
  expect((await diff(a, a, '--show', 'all')).stderr).toBe('error: --show expects a whole number >= 0, got "all"\n');
});
