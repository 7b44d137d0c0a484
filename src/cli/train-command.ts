import { describeApiError } from '../providers/openai/errors.js';
import { dryRunFetch } from '../providers/openai/dry-run-fetch.js';
import { redactSecrets } from '../providers/openai/redact.js';
import type { Provider } from '../providers/openai/client.js';
import { trainerFromEnv } from '../providers/openai/trainer-from-env.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { preflight } from '../train/preflight.js';
import { readRunDirectory } from '../train/run-directory.js';
import { backoffSleep } from '../train/sleep.js';
import { startTraining } from '../train/start-training.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { formatDryRun } from './train-dry-run-text.js';

export const TRAIN_HELP = `Usage: tuneset train <run-dir> [options]

Uploads a run's train and validation files and creates the fine-tuning job. Safe to re-run after
any interruption: uploads and the job are found again (by name and by the run-id tag) before
anything is created, so nothing is uploaded twice and no second job is made. Progress is kept
in <run-dir>/train-state.json.

Options:
  --dry-run           create nothing: look up earlier uploads and the job (read-only, with the key
                      when there is one), then print what would be reused and the exact requests
                      that would be sent (Authorization redacted)
  --provider P        openai (OPENAI_API_KEY, OPENAI_BASE_URL) or azure (AZURE_OPENAI_ENDPOINT,
                      AZURE_OPENAI_API_KEY, OPENAI_API_VERSION); default: from the environment
  --new-job           create another job for this run (after a failed or cancelled one)
  -h, --help          show this help`;

export const parseProvider = (value: unknown): Provider | undefined => {
  if (value === undefined) return undefined;
  if (value === 'openai' || value === 'azure') return value;
  throw new UsageError(`--provider expects openai or azure, got "${String(value)}"`);
};

export const trainCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('train', argv, {
    'dry-run': { type: 'boolean' },
    provider: { type: 'string' },
    'new-job': { type: 'boolean' },
  });
  if (values.help) return void io.stdout.write(`${TRAIN_HELP}\n`), 0;
  if (positionals.length !== 1) throw new UsageError(`tuneset train takes exactly one run directory, got ${positionals.length}. See 'tuneset train --help'.`);
  const run = readRunDirectory(positionals[0]!);
  const pre = preflight(run, io.clock.now());
  for (const w of pre.warnings) io.stderr.write(`warning: ${w}\n`);

  const env = io.env ?? process.env;
  const dryRun = values['dry-run'] === true;
  // A dry run creates nothing, so it needs no key; with one it looks up, read-only, what an earlier
  // attempt made, as the real run does, so it can say what would be reused.
  const hasKey = Boolean(env['OPENAI_API_KEY'] || env['AZURE_OPENAI_API_KEY']);
  const lookups: typeof fetch = (input, init) => globalThis.fetch(input, init);
  const recorder = dryRun ? dryRunFetch(pre.model.name, hasKey ? lookups : undefined) : undefined;
  const dryEnv = dryRun && !hasKey ? { ...env, OPENAI_API_KEY: 'sk-dry-run' } : env;
  const { trainer, secrets } = trainerFromEnv(dryEnv, parseProvider(values.provider), recorder ? { fetch: recorder.fetch } : {});
  try {
    if (!dryRun || hasKey) await trainer.checkAccess();
  } catch (error) {
    throw describeApiError('checking the account (listing models and jobs)', error, secrets);
  }
  let result;
  try {
    result = await startTraining(run, pre, trainer, { sleep: backoffSleep, dryRun, newJob: values['new-job'] === true });
  } catch (error) {
    if (error instanceof TunesetError) throw error;
    throw describeApiError('starting training', error, secrets);
  }
  const job = result.job;
  if (recorder) {
    const requests = recorder.requests.filter((r) => r.method !== 'GET');
    const lookedUp = hasKey ? recorder.lookedUp : undefined;
    io.stdout.write(redactSecrets(formatDryRun({ runDir: positionals[0]!, lookedUp, steps: result.steps, requests }), secrets));
    if (job.status === 'failed' || job.status === 'cancelled') io.stdout.write(`The job for this run is ${job.status}: a real run would stop there; --new-job starts another.\n`);
    return 0;
  }
  for (const s of result.steps) io.stdout.write(`${s}\n`);
  if (job.status === 'failed' || job.status === 'cancelled') {
    io.stdout.write(`The job for this run is ${job.status}. Run again with --new-job to start another.\n`);
    return 1;
  }
  io.stdout.write(`\nFollow it with: tuneset watch ${positionals[0]}\n`);
  return 0;
};
