import { fixedClock, systemClock, type Clock } from '../pipeline/clock.js';
import { reportError } from './error-report.js';
import { runCommand } from './run-command.js';
import { cancelCommand } from './cancel-command.js';
import { evalCommand } from './eval-command.js';
import { exportCommand } from './export-command.js';
import { initCommand } from './init-command.js';
import { modelsCommand } from './models-command.js';
import { showCommand } from './show-command.js';
import { stagesCommand } from './stages-command.js';
import { fakeOpenaiCommand } from './fake-openai-command.js';
import { trainCommand } from './train-command.js';
import { watchCommand } from './watch-command.js';
import { runsCommand } from './runs-command.js';
import { diffCommand } from './diff-command.js';
import { scoreCommand } from './score-command.js';
import { scheduleCommand } from './schedule-command.js';
import { reportCommand } from './report-command.js';
import { validateCommand } from './validate-command.js';
import { packageVersion } from './version.js';

const HELP = `Usage: tuneset <command> [options]

Commands:
  init <dir>               start a dataset project from a template (csv, jsonl, ar-lsat, site)
  run <pipeline.ts>        build a dataset: import, clean, dedupe, format, token-check, split
  runs <pipeline>          list a pipeline's runs: date, counts per split, tokens, cost, content hash, job, eval
  diff <run-a> <run-b>     what changed between two runs, example by example: added, removed, changed, moved
  schedule <pipeline>      re-run a pipeline on a cron schedule in the foreground, one run at a time
  report <run-dir>         rebuild a run's report.html (after train, watch or eval added to the run)
  validate <file.jsonl>    check a fine-tuning file against OpenAI's format rules, count tokens, estimate cost
  train <run-dir>          upload a run's files and create the fine-tuning job (resumable, --dry-run)
  watch <run-dir|job-id>   follow a job to its end: events, progress, checkpoints, metrics
  cancel <run-dir|job-id>  cancel a job (watch never does)
  eval <run-dir> --model M score models on the held-out split and --suite files (letter, exact, rouge, bleu, judge), vs a baseline
  score --scorer S ...     score a file of predictions against reference files: bleu, rouge, exact, letter
  show <run-dir>           print a run's examples as transcripts, or its dropped records (--rejected)
  stages [name]            list the sources and stages: options, defaults, drop codes (one in full by name)
  export <run-dir> --to T  write a run for TRL, axolotl or LLaMA-Factory with a LoRA config
  models                   what can be fine-tuned where: provider, model, methods, limits, prices, dates
  fake-openai              start a fake provider server on 127.0.0.1 to rehearse training offline

Run 'tuneset <command> --help' for a command's options, 'tuneset --version' (-v) for the version.`;

type Command = (argv: string[], io: Io) => Promise<number>;
export interface Io {
  clock: Clock;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Where API keys and endpoints are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

const COMMANDS: Record<string, Command> = { init: initCommand, run: runCommand, validate: validateCommand, train: trainCommand, watch: (argv, io) => watchCommand(argv, io), cancel: cancelCommand, eval: evalCommand, export: exportCommand, show: showCommand, stages: stagesCommand, models: modelsCommand, 'fake-openai': fakeOpenaiCommand, runs: runsCommand, diff: diffCommand, schedule: scheduleCommand, report: reportCommand, score: scoreCommand };

/** TUNESET_NOW pins the clock (tests, reproducible previews); otherwise the system clock. */
export const clockFromEnv = (): Clock => (process.env['TUNESET_NOW'] ? fixedClock(process.env['TUNESET_NOW']) : systemClock);

export const main = async (argv: string[], io: Io): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`tuneset: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    const { text, exitCode } = reportError(error);
    io.stderr.write(text);
    return exitCode;
  }
};

