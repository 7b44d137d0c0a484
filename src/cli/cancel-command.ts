import { describeApiError } from '../providers/openai/errors.js';
import { UsageError } from '../pipeline/errors.js';
import { writeTrainState } from '../train/train-state.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { resolveJobTarget } from './job-target.js';
import { chooseProvider, providerOptionHelp } from './provider-choice.js';

export const CANCEL_HELP = `Usage: tuneset cancel <run-dir|job-id> [--provider P]

Cancels a fine-tuning job. The only command that does: watch never cancels.

Options:
  --provider P     ${providerOptionHelp(19)}`;

export const cancelCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('cancel', argv, { provider: { type: 'string' } });
  if (values.help) return void io.stdout.write(`${CANCEL_HELP}\n`), 0;
  if (positionals.length !== 1) throw new UsageError(`tuneset cancel takes one run directory or job id. See 'tuneset cancel --help'.`);
  const target = resolveJobTarget(positionals[0]!);
  const env = io.env ?? process.env;
  const { trainer, secrets } = chooseProvider(values.provider, [target.state?.provider, target.builtFor], env).trainerFromEnv(env);
  const job = await trainer.cancelJob(target.jobId).catch((error: unknown) => {
    throw describeApiError(`cancelling job ${target.jobId}`, error, secrets);
  });
  if (target.state?.job && target.runDir) writeTrainState(target.runDir, { ...target.state, job: { ...target.state.job, status: job.status } });
  io.stdout.write(`Job ${job.id}: ${job.status}\n`);
  return 0;
};
