import { describeApiError } from '../providers/openai/errors.js';
import { dryRunFetch } from '../providers/dry-run-fetch.js';
import { redactSecrets } from '../providers/openai/redact.js';
import type { ProviderClientOptions, ProviderDefinition } from '../providers/provider.js';
import { wrap } from '../providers/providers-markdown.js';
import { PROVIDERS } from '../providers/registry.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { preflight } from '../train/preflight.js';
import { readRunDirectory } from '../train/run-directory.js';
import { backoffSleep } from '../train/sleep.js';
import { startTraining } from '../train/start-training.js';
import { readTrainState } from '../train/train-state.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { chooseProvider, providerOptionHelp } from './provider-choice.js';
import { formatDryRun } from './train-dry-run-text.js';
import { refreshReport } from './refresh-report.js';

/** Each provider's environment variables, for help texts: `together (TOGETHER_API_KEY, TOGETHER_BASE_URL)`. */
export const providerEnvHelp = (indent: string): string =>
  Object.values(PROVIDERS)
    .map((p) => `${indent}${p.name}: ${[p.env.apiKey, p.env.baseURL, ...p.env.others].join(', ')}`)
    .join('\n');

export const TRAIN_HELP = `Usage: tuneset train <run-dir> [options]

Uploads a run's train and validation files and creates the fine-tuning job. Safe to re-run after
any interruption: uploads and the job are found again (by name and by the run's tag, kept where
each provider keeps it) before anything is created, so nothing is uploaded twice and no second job
is made. Progress is kept in <run-dir>/train-state.json. Before any request, preflight checks the
format, that the provider trains the run's model with its method and settings, and the model's
dates against today (OpenAI takes no new jobs from 2027-01-06: it names the providers that do).

Options:
  --dry-run           create nothing: look up earlier uploads and the job (read-only, with the key
                      when there is one), then print what would be reused and the exact requests
                      that would be sent (credentials redacted)
  --provider P        ${providerOptionHelp(22)}
  --new-job           create another job for this run (after a failed or cancelled one)
  -h, --help          show this help

Environment, per provider:
${providerEnvHelp('  ')}

After a crash, run the same command again; what makes that safe, per provider:
${Object.values(PROVIDERS)
  .map((p) => wrap(p.afterCrash, 100, `  ${p.name}: `, '    '))
  .join('\n')}`;

/**
 * A dry run without a key still runs the adapter: a stand-in key (never sent: every request is
 * recorded or answered locally) and, where the provider has no shared host, a stand-in endpoint.
 */
const dryRunEnv = (env: NodeJS.ProcessEnv, provider: ProviderDefinition): NodeJS.ProcessEnv => {
  const filled: NodeJS.ProcessEnv = { ...env, [provider.env.apiKey]: 'dry-run-key' };
  if (!env[provider.env.baseURL] && /[<>]/.test(provider.defaultBaseURL)) filled[provider.env.baseURL] = provider.defaultBaseURL.replace(/<([^>]+)>/g, '$1');
  return filled;
};

/**
 * The adapter for a dry run. A setting other than key and endpoint that the provider cannot do
 * without (Fireworks' account id) stands in by its own name, so the printed URL says what to set;
 * one it has a default for (Azure's API version) keeps the default.
 */
const dryRunTrainer = (provider: ProviderDefinition, env: NodeJS.ProcessEnv, options: ProviderClientOptions) => {
  try {
    return provider.trainerFromEnv(env, options);
  } catch (error) {
    if (!(error instanceof TunesetError)) throw error;
    const named = Object.fromEntries(provider.env.others.filter((n) => !env[n]).map((n) => [n, n]));
    return provider.trainerFromEnv({ ...env, ...named }, options);
  }
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
  const env = io.env ?? process.env;
  const provider = chooseProvider(values.provider, [readTrainState(run.dir)?.provider, run.manifest.provider], env);
  // Before any request: a refusal here (a date passed, a model or setting the provider lacks) sends nothing.
  const pre = preflight(run, io.clock.now(), provider);

  const dryRun = values['dry-run'] === true;
  // A dry run creates nothing, so it needs no key; with one it looks up, read-only, what an earlier
  // attempt made, as the real run does, so it can say what would be reused.
  const hasKey = Boolean(env[provider.env.apiKey]);
  const lookups: typeof fetch = (input, init) => globalThis.fetch(input, init);
  const recorder = dryRun ? dryRunFetch(provider, pre.model.name, hasKey ? lookups : undefined) : undefined;
  const { trainer, secrets } = recorder ? dryRunTrainer(provider, hasKey ? env : dryRunEnv(env, provider), { fetch: recorder.fetch }) : provider.trainerFromEnv(env);
  // Warned once the provider is configured: a missing key or endpoint is the first thing to fix.
  for (const w of pre.warnings) io.stderr.write(`warning: ${w}\n`);
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
    io.stdout.write(redactSecrets(formatDryRun({ runDir: positionals[0]!, apiKeyVar: provider.env.apiKey, lookedUp, steps: result.steps, requests }), secrets));
    if (job.status === 'failed' || job.status === 'cancelled') io.stdout.write(`The job for this run is ${job.status}: a real run would stop there; --new-job starts another.\n`);
    return 0;
  }
  for (const s of result.steps) io.stdout.write(`${s}\n`);
  await refreshReport(run.dir, io);
  if (job.status === 'failed' || job.status === 'cancelled') {
    io.stdout.write(`The job for this run is ${job.status}. Run again with --new-job to start another.\n`);
    return 1;
  }
  io.stdout.write(`\nFollow it with: tuneset watch ${positionals[0]}\n`);
  return 0;
};
