import { setTimeout as delay } from 'node:timers/promises';
import { apiErrorText, describeApiError } from '../providers/openai/errors.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { collectResults } from '../train/collect-results.js';
import { followJob } from '../train/follow-job.js';
import { explainJobError } from '../train/job-error-text.js';
import { recordedCheckpoints, writeTrainState } from '../train/train-state.js';
import type { RemoteJob } from '../train/trainer.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { resolveJobTarget } from './job-target.js';
import { chooseProvider, providerOptionHelp } from './provider-choice.js';
import { progressIntervalMs } from './progress.js';
import { TrainingProgress } from './training-progress.js';
import { refreshReport } from './refresh-report.js';

export const WATCH_HELP = `Usage: tuneset watch <run-dir|job-id> [options]

Follows a fine-tuning job: its events, a progress bar (step, train and validation loss, steps
per second and ETA), and at the end the fine-tuned model's name (exit 0) or the job's error in
plain words (exit 1). Off a terminal the progress is a plain line at every tenth of the run and
every 10 s between (TUNESET_PROGRESS_SECONDS sets the seconds). After success it lists the
checkpoints (recorded in train-state.json, for eval --model checkpoint:<step>) and writes
metrics.csv and metrics.svg into the run directory. Ctrl-C stops watching
and never cancels the job (tuneset cancel does); watching again resumes after the last event
shown.

Options:
  --interval S     seconds between polls (default 10)
  --provider P     ${providerOptionHelp(19)}
  -h, --help       show this help`;

const abortableWait = async (ms: number, signal: AbortSignal) => {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the loop sees the signal and stops.
  }
};

export const watchCommand = async (argv: string[], io: Io, signal: AbortSignal = interruptSignal()): Promise<number> => {
  const { values, positionals } = parseCommandLine('watch', argv, { interval: { type: 'string' }, provider: { type: 'string' } });
  if (values.help) return void io.stdout.write(`${WATCH_HELP}\n`), 0;
  if (positionals.length !== 1) throw new UsageError(`tuneset watch takes one run directory or job id. See 'tuneset watch --help'.`);
  const target = resolveJobTarget(positionals[0]!);
  const pollMs = (parseInteger('--interval', values.interval as string | undefined, 0) ?? 10) * 1000;
  const env = io.env ?? process.env;
  const { trainer, secrets } = chooseProvider(values.provider, [target.state?.provider, target.builtFor], env).trainerFromEnv(env);
  const tty = io.stdout.isTTY === true;
  const progress = new TrainingProgress(io.clock, progressIntervalMs(env));
  const state = target.state;
  let final: RemoteJob | undefined;
  let live = false;
  const println = (line: string) => {
    io.stdout.write(`${live ? '\r\x1b[2K' : ''}${line}\n`);
    live = false;
  };
  try {
    for await (const update of followJob(trainer, target.jobId, { afterEventId: state?.lastEventId, pollMs, signal, wait: abortableWait })) {
      if (update.kind === 'retry') {
        io.stderr.write(`warning: polling failed (${apiErrorText(update.error, secrets)}); trying again (${update.attempt})\n`);
      } else if (update.kind === 'event') {
        const e = update.event;
        const metrics = e.type === 'metrics' ? progress.line(e, tty) : undefined;
        if (metrics && tty) {
          io.stdout.write(`\r\x1b[2K${metrics}`);
          live = true;
        } else if (metrics) {
          if (progress.shouldPrint(e)) println(metrics);
        } else println(`${new Date(e.createdAt * 1000).toISOString()}  ${e.level === 'info' ? '' : `${e.level}: `}${e.message}`);
        if (state && target.runDir) {
          state.lastEventId = e.id;
          writeTrainState(target.runDir, state);
        }
      } else {
        final = update.job;
        progress.job(final);
        if (state?.job && target.runDir) {
          state.job = { ...state.job, status: final.status, fineTunedModel: final.fineTunedModel };
          writeTrainState(target.runDir, state);
        }
      }
    }
  } catch (error) {
    if (error instanceof TunesetError) throw error;
    throw describeApiError(`watching job ${target.jobId}`, error, secrets);
  }
  if (live) io.stdout.write('\n');
  if (signal.aborted || !final) {
    io.stdout.write(`Stopped watching. The job keeps running: resume with \`tuneset watch ${positionals[0]}\`, cancel with \`tuneset cancel ${positionals[0]}\`.\n`);
    return 130;
  }
  if (final.status === 'succeeded') {
    io.stdout.write(`Job ${final.id} succeeded.\nFine-tuned model: ${final.fineTunedModel}\n`);
    const results = await collectResults(trainer, final, target.runDir).catch((error: unknown) => {
      throw describeApiError('collecting checkpoints and metrics', error, secrets);
    });
    for (const c of results.checkpoints) io.stdout.write(`  checkpoint step ${c.step}: ${c.model}\n`);
    if (state && target.runDir) {
      state.checkpoints = recordedCheckpoints(results.checkpoints);
      writeTrainState(target.runDir, state);
    }
    if (results.written.length > 0) io.stdout.write(`Wrote ${results.written.join(' and ')} (${results.steps} steps) to ${target.runDir}\n`);
    await refreshReport(target.runDir, io);
    return 0;
  }
  io.stdout.write(`Job ${final.id} ${final.status}.\n`);
  if (final.status === 'failed') io.stdout.write(`  ${explainJobError(final.error)}\n`);
  return 1;
};

/** Ctrl-C (and SIGTERM) abort watching; the job on the server is left alone. */
const interruptSignal = (): AbortSignal => {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
};
