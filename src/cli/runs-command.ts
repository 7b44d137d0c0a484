import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { listRuns } from '../runs/run-list.js';
import type { RunSummary } from '../runs/types.js';
import { formatScore } from '../train/eval/format-score.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { displayPath } from './display-path.js';
import { formatInt, formatTable, formatUsd } from './format-table.js';
import { loadPipeline } from './load-pipeline.js';

export const RUNS_HELP = `Usage: tuneset runs <pipeline.ts|pipeline-name> [--output DIR] [--json]

Lists the finished runs of a pipeline (output/<pipeline>/), oldest first: when each started,
examples per split, tokens (token-check's count), the training cost estimate, the content hash of
its examples (the same examples give the same hash, whatever their order), and, when the run was
trained or evaluated, the job and fine-tuned model and each model's score on the held-out split
by the evaluation's first scorer (\`rouge 0.412\`, \`letter 62.0%\`). Runs interrupted or
still running (no manifest.json) are not listed. Compare two with \`tuneset diff <run-a> <run-b>\`.

Options:
  --output DIR   where runs are written (default: output, as for tuneset run)
  --json         the runs as a JSON array, full hashes and every field
  -h, --help     show this help

Exit codes: 0 success (also when there is no run yet), 1 a run directory there is damaged or
no run of the pipeline was ever made under DIR, 2 usage error.`;

const MODULE = /\.(?:[mc]?[jt]sx?)$/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** A pipeline file is loaded for its name (loading runs nothing); a bare kebab-case name is used as it is. */
const pipelineName = async (arg: string): Promise<string> => {
  const isFile = existsSync(arg) && statSync(arg).isFile();
  if (NAME.test(arg) && !isFile) return arg;
  if (isFile || MODULE.test(extname(arg))) return (await loadPipeline(arg)).name;
  throw new UsageError(`"${arg}" is neither a pipeline file nor a pipeline name (lower-case letters, digits and -)`);
};

const SPLIT_COLUMNS = ['train', 'validation', 'test'];
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
const when = (iso: string) => iso.replace('T', ' ').replace(/(?:\.\d+)?Z$/, 'Z');

const row = (r: RunSummary, splits: string[]): string[] => [
  r.runId,
  when(r.startedAt),
  ...splits.map((s) => formatInt(r.dataset.splits[s]?.examples ?? 0)),
  r.tokens ? formatInt(sum(r.tokens)) : '-',
  r.estimatedCostUsd === undefined ? '-' : formatUsd(r.estimatedCostUsd),
  r.dataset.hash.slice(0, 12),
  r.training ? `${r.training.jobId} ${r.training.status}${r.training.fineTunedModel ? ` -> ${r.training.fineTunedModel}` : ''}` : '-',
  r.eval && Object.keys(r.eval.scores).length > 0 ? Object.entries(r.eval.scores).map(([model, score]) => `${model} ${r.eval!.scorer} ${formatScore(score, r.eval!.unit)}`).join(', ') : '-',
];

export const runsCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('runs', argv, { output: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return void io.stdout.write(`${RUNS_HELP}\n`), 0;
  if (positionals.length !== 1) throw new UsageError(`tuneset runs takes exactly one pipeline (file or name), got ${positionals.length}. See 'tuneset runs --help'.`);
  const name = await pipelineName(positionals[0]!);
  const dir = join((values.output as string | undefined) ?? 'output', name);
  if (!existsSync(dir)) throw new TunesetError(`${dir} does not exist: no run of ${name} was made there${values.output === undefined ? ' (runs written elsewhere: --output DIR)' : ''}`);
  const runs = listRuns(dir);
  if (values.json) return void io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`), 0;
  if (runs.length === 0) return void io.stdout.write(`${name}: no finished run in ${displayPath(resolve(dir))}\n`), 0;
  // A split column only when some run has that split.
  const splits = SPLIT_COLUMNS.filter((s) => runs.some((r) => r.dataset.splits[s] !== undefined));
  const header = ['run', 'started', ...splits, 'tokens', 'cost', 'hash', 'job', 'eval'];
  const text = [0, 1, 4 + splits.length, 5 + splits.length, 6 + splits.length];
  const table = formatTable(header, runs.map((r) => row(r, splits)), text);
  const last = runs.length > 1 ? `\n\nWhat changed in the last run: tuneset diff ${displayPath(runs.at(-2)!.runDir)} ${displayPath(runs.at(-1)!.runDir)}` : '';
  io.stdout.write(`${name}: ${runs.length} finished run${runs.length === 1 ? '' : 's'} in ${displayPath(resolve(dir))}\n\n${table}${last}\n`);
  return 0;
};
