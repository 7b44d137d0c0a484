import { UsageError } from '../pipeline/errors.js';
import { writeRunReport } from '../report/write-report.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { displayPath } from './display-path.js';

export const REPORT_HELP = `Usage: tuneset report <run-dir>

Rebuilds <run-dir>/report.html, the run's report as one self-contained page (no network
request; open it from disk): records through the stages with drop reasons and examples, token
lengths against the model's limit, splits and labels, duplicate clusters, the cost estimate,
provenance (inputs and hashes; for a crawl robots decisions, change marks and removed pages),
training metrics and the evaluation when present, the diff against the pipeline's previous run,
and a searchable sample of the examples. \`tuneset run\` writes it; train, watch and eval
rebuild it when they add to the run.

Options:
  -h, --help   show this help

Exit codes: 0 written, 1 not a finished run directory, 2 usage error.`;

export const reportCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('report', argv, {});
  if (values.help) return void io.stdout.write(`${REPORT_HELP}\n`), 0;
  if (positionals.length !== 1) throw new UsageError(`tuneset report takes exactly one run directory, got ${positionals.length}. See 'tuneset report --help'.`);
  const path = await writeRunReport(positionals[0]!, io.clock.now());
  io.stdout.write(`Report: ${displayPath(path)}\n`);
  return 0;
};
