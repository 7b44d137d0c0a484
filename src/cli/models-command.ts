import { UsageError } from '../pipeline/errors.js';
import { isTargetProvider, modelsOf, TARGET_PROVIDERS, type TargetProvider } from '../providers/model-lookup.js';
import { acceptsNewJobs, dateStatus, type ModelInfo } from '../providers/model-rows.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { formatInt, formatTable, formatUsd } from './format-table.js';

export const MODELS_HELP = `Usage: tuneset models [--provider P] [--json]

Lists what can be fine-tuned where, from each provider's dated model table: provider, model,
training methods, adaptations (LoRA or full), context limit (tokens per example), training price
(USD per 1M tokens), whether a new job is accepted on today's date (the clock; TUNESET_NOW pins it)
and the shutdown date. Build a dataset for one with \`tuneset run <pipeline> --target provider:model\`.

Options:
  --provider P   only this provider: ${TARGET_PROVIDERS.join(', ')} (local: open base models
                 trained with an open trainer through tuneset export)
  --json         one JSON document: the date and every row with all its fields
  -h, --help     show this help`;

/** Whether a job can start on this model today, in words: what the table says for `now`. */
export const newJobsText = (m: ModelInfo, now: Date): string => {
  const shutdown = dateStatus(m.shutdownDate, now);
  if (shutdown.state === 'shut-down') return `no (shut down ${m.shutdownDate})`;
  if (dateStatus(m.newJobsEndDate, now).state === 'shut-down') return `no (ended ${m.newJobsEndDate})`;
  if (!m.newCustomers) return 'existing customers only';
  return m.newJobsEndDate === null ? 'yes' : `yes (until ${m.newJobsEndDate})`;
};

const row = (m: ModelInfo, now: Date): string[] => [
  m.provider,
  m.aliases.length > 0 ? `${m.name} (${m.aliases.join(', ')})` : m.name,
  m.methods.join(','),
  m.adaptations.length > 0 ? m.adaptations.join(',') : '-',
  formatInt(m.tokenLimit),
  m.trainingPricePerMTokens === null ? '-' : formatUsd(m.trainingPricePerMTokens),
  newJobsText(m, now),
  m.shutdownDate ?? '-',
];

export const modelsCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('models', argv, { provider: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return void io.stdout.write(`${MODELS_HELP}\n`), 0;
  if (positionals.length > 0) throw new UsageError(`tuneset models takes no arguments, got "${positionals[0]}". See 'tuneset models --help'.`);
  const only = values.provider as string | undefined;
  if (only !== undefined && !isTargetProvider(only)) throw new UsageError(`--provider expects one of ${TARGET_PROVIDERS.join(', ')}, got "${only}"`);
  const providers: readonly TargetProvider[] = only === undefined ? TARGET_PROVIDERS : [only];
  const now = io.clock.now();
  const date = now.toISOString().slice(0, 10);
  const rows = providers.flatMap((p) => modelsOf(p));
  if (values.json) {
    const models = rows.map((m) => ({ ...m, acceptsNewJobs: acceptsNewJobs(m, now) && m.newCustomers }));
    io.stdout.write(`${JSON.stringify({ date, models }, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write(`${providers.join(', ')}: no models in the table yet\n`);
    return 0;
  }
  const header = ['provider', 'model', 'methods', 'adaptations', 'context', 'train $/1M', `new jobs on ${date}`, 'shuts down'];
  io.stdout.write(`${formatTable(header, rows.map((m) => row(m, now)), [0, 1, 2, 3, 6, 7])}\n`);
  return 0;
};
