import { UsageError } from '../pipeline/errors.js';
import { readChangedExamples } from '../runs/changed-examples.js';
import { diffRuns } from '../runs/diff-runs.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { formatRunDiff } from './diff/diff-text.js';

export const DIFF_HELP = `Usage: tuneset diff <run-a> <run-b> [--json] [--show N] [--label FIELD]

What changed from run A (the older) to run B, example by example. An example is known by its id
(meta.jsonl) and its content is the line written for it: added, removed, changed (same id, another
line) and unchanged, for the whole run, per split (B's; removed ones under A's) and per label; the
token and cost-estimate delta; and examples that moved between splits, which a stable split
(split({ stable: true })) never does (the diff warns when any did). Then a few changed examples,
old and new side by side.

Options:
  --json          the diff as one JSON document: examples, ids (added, removed, changed; sorted),
                  splits, labels, moved, tokens, cost
  --show N        changed examples shown side by side (default 3; 0 for none)
  --label FIELD   the meta field examples are counted by per label (default: label; e.g. the
                  field the pipeline's split stratifies by)
  -h, --help      show this help

Exit codes: 0 success (whether or not anything changed), 1 a directory that is not a finished run
or a damaged one, 2 usage error.`;

const DEFAULT_SHOWN = 3;

export const diffCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('diff', argv, { json: { type: 'boolean' }, show: { type: 'string' }, label: { type: 'string' } });
  if (values.help) return void io.stdout.write(`${DIFF_HELP}\n`), 0;
  if (positionals.length !== 2) throw new UsageError(`tuneset diff takes two run directories (older first), got ${positionals.length}. See 'tuneset diff --help'.`);
  const shown = parseInteger('--show', values.show as string | undefined, 0) ?? DEFAULT_SHOWN;
  const label = values.label as string | undefined;
  if (label === '') throw new UsageError('--label expects a meta field name, got ""');
  const [dirA, dirB] = positionals as [string, string];
  const diff = diffRuns(dirA, dirB, label === undefined ? {} : { labelField: label });
  if (values.json) return void io.stdout.write(`${JSON.stringify(diff, null, 2)}\n`), 0;
  const examples = readChangedExamples(dirA, dirB, diff.ids.changed.slice(0, shown));
  const width = io.stdout.columns || Number(io.env?.['COLUMNS'] ?? process.env['COLUMNS']) || 120;
  io.stdout.write(formatRunDiff(diff, examples, width));
  return 0;
};
