import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from '../pipeline/errors.js';
import { parseCron, runSchedule } from '../runs/schedule.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { loadPipeline } from './load-pipeline.js';
import { parseOverTime, runCacheDir } from './run-over-time.js';
import { pipelineRunsDir, scheduledRun } from './scheduled-run.js';

export const SCHEDULE_HELP = `Usage: tuneset schedule <pipeline.ts> --cron "<expr>" [run options]

Runs the pipeline on a cron schedule, in the foreground, until stopped (Ctrl-C). Each run is
\`tuneset run <pipeline.ts> [run options] --lock\` in its own process, so edits to the pipeline file
are picked up and a crashed or killed run does not stop the schedule. Never two runs at once: a
tick while a run goes on is skipped, and so is one while another process holds the pipeline's run
lock (<cache>/run.lock); a lock left by a process that died is cleared, with a line naming it.
One line per run: when it started, then the run id and its examples, "no change since <run-id>",
why it was skipped, or how it failed, and how long it took.

Options:
  --cron "<expr>"    when to run: 5 fields (minute hour day month weekday; "0 3 * * *" is daily at
                     03:00) or 6 with seconds first; @hourly, @daily, @weekly also work
  --tz ZONE          read the expression in this time zone (Europe/Berlin; default: the system's)
  --max-runs N       stop after N runs (each tick that started, skipped for a lock included)

Run options, passed to each run: --input PATH|URL, --param NAME=VALUE (repeatable), --cache DIR,
--target P:MODEL, --if-changed, --train-if-changed F (see 'tuneset run --help').

Exit codes: 0 after --max-runs runs or a stop, 2 usage error (a bad expression is named).`;

export const scheduleCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('schedule', argv, {
    cron: { type: 'string' },
    tz: { type: 'string' },
    'max-runs': { type: 'string' },
    input: { type: 'string', multiple: true },
    param: { type: 'string', multiple: true },
    cache: { type: 'string' },
    target: { type: 'string' },
    'if-changed': { type: 'boolean' },
    'train-if-changed': { type: 'string' },
  });
  if (values.help) return void io.stdout.write(`${SCHEDULE_HELP}\n`), 0;
  if (positionals.length !== 1) throw new UsageError(`tuneset schedule takes exactly one pipeline file, got ${positionals.length}. See 'tuneset schedule --help'.`);
  if (values.cron === undefined) throw new UsageError(`tuneset schedule needs --cron "<expr>", e.g. --cron "0 3 * * *" (daily at 03:00). See 'tuneset schedule --help'.`);
  parseCron(values.cron, values.tz);
  const maxRuns = parseInteger('--max-runs', values['max-runs'], 1);
  parseOverTime(values);
  // Loaded once to fail early on a file that is not a pipeline and to know its name; each run loads it afresh.
  const p = await loadPipeline(positionals[0]!);
  const runArgs = [
    ...(values.input ?? []).flatMap((i) => ['--input', i]),
    ...(values.param ?? []).flatMap((x) => ['--param', x]),
    ...(values.cache !== undefined ? ['--cache', resolve(values.cache)] : []),
    ...(values.target !== undefined ? ['--target', values.target] : []),
    ...(values['if-changed'] ? ['--if-changed'] : []),
    ...(values['train-if-changed'] !== undefined ? ['--train-if-changed', values['train-if-changed']] : []),
  ];

  const stop = new AbortController();
  let child: ChildProcess | undefined;
  let overlaps = 0;
  // A stop ends the schedule; the run going on gets the signal too (Ctrl-C already sends it to the
  // whole process group) and is waited for, so its lock is released by its own exit.
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C does not wait for the run; a lock it leaves is stale once it has gone.
    if (stop.signal.aborted) process.exit(130);
    line(`stopping on ${signal}${child ? `; waiting for the run going on (pid ${child.pid})` : ''}`);
    child?.kill(signal);
    stop.abort();
  };
  const line = (text: string, at = io.clock.now()) => io.stdout.write(`${at.toISOString()} ${p.name}: ${text}\n`);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  line(`scheduled "${values.cron}"${values.tz ? ` (${values.tz})` : ''}${maxRuns ? `, ${maxRuns} run${maxRuns === 1 ? '' : 's'}` : ''}`);
  try {
    await runSchedule({
      cron: values.cron,
      ...(values.tz ? { timezone: values.tz } : {}),
      ...(maxRuns ? { maxRuns } : {}),
      signal: stop.signal,
      // Counted into the run's own line: one line per run, however often the schedule fires.
      onOverlap: () => void overlaps++,
      tick: async () => {
        const at = io.clock.now();
        overlaps = 0;
        const outcome = await scheduledRun({
          pipelineFile: resolve(positionals[0]!),
          runArgs,
          cacheDir: runCacheDir(p.name, values.cache),
          pipelineDir: resolve(pipelineRunsDir(p.name)),
          log: (text) => line(text, at),
          onChild: (c) => (child = c),
        }).catch((error: unknown) => `failed: ${(error as Error).message}`);
        line(`${outcome}${overlaps ? `; ${overlaps} tick${overlaps === 1 ? '' : 's'} skipped while it ran` : ''}`, at);
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
};
