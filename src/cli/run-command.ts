import { lookupTarget, parseTarget, sectionedOverrides, targetProvider } from '../providers/model-lookup.js';
import { UsageError } from '../pipeline/errors.js';
import type { Io } from './cli.js';
import { stderrLogger } from '../pipeline/logger.js';
import { runPipeline } from '../pipeline/runner.js';
import { parseMemorySize } from '../pipeline/memory-budget.js';
import { readHandoffPreview } from '../train/handoff-preview.js';
import { parseCommandLine, parseInteger, parseParamPairs } from './args.js';
import { formatHandoffPreview } from './handoff-preview-text.js';
import { loadPipeline } from './load-pipeline.js';
import { paramUsageError } from './param-errors.js';
import { formatPipelineParams } from './pipeline-help.js';
import { createProgressRenderer, runProgressOptions } from './progress.js';
import { formatRunSummary } from './run-summary.js';
import { runFailureMessage } from './run-failure-text.js';
import { displayPath } from './display-path.js';
import { refreshReport } from './refresh-report.js';
import { rmSync } from 'node:fs';
import { diffRuns } from '../runs/diff-runs.js';
import { sameAsRun, trainDecision } from '../runs/if-changed.js';
import { holdRun, type HeldRun, type OverTime, OVER_TIME_HELP, OVER_TIME_OPTIONS, parseOverTime, runCacheDir } from './run-over-time.js';
import { trainCommand } from './train-command.js';

export const RUN_HELP = `Usage: tuneset run <pipeline.ts> [options]

Streams a pipeline's records through its stages and writes a run directory:
train.jsonl, validation.jsonl, meta.jsonl, rejected.jsonl and manifest.json.
Ends with a hand-off preview: what training would upload and what it would cost.

Options:
  --input PATH|URL   replace the pipeline's default inputs (repeatable; .gz accepted)
  --out DIR          write the run directory to DIR itself: new, empty, or holding
                     an interrupted run of this pipeline (replaced)
                     (default: output/<pipeline>/<run-id>/)
  --cache DIR        caches shared by runs, such as the crawl state
                     (default: output/<pipeline>/cache/)
  --limit N          stop after N records read by the source (dropped ones count) or out of it
  --param NAME=VALUE fill a parameter the pipeline declares (repeatable)
  --workers N        threads for per-record work such as token counting (default: the
                     number of cores; 1 runs everything on one thread); outputs are the
                     same for any N
  --memory SIZE      memory for what stages keep for every record (dedupe keys, band keys,
                     split keys) before they spill to sorted files on disk: 64M, 1G; a bare
                     number is MiB (default: 64M); outputs are the same for any SIZE
  --target P:MODEL   build for this provider and base model instead of the pipeline's target
                     (together:Qwen/Qwen3-8B, local:Qwen/Qwen3-0.6B; see \`tuneset models\`):
                     token limits, counts and prices are that model's
${OVER_TIME_HELP}
  -h, --help         show this help; with a pipeline file, also its parameters

Exit codes: 0 success (also "no change since"), 1 failed run, lock held by a live
process, or failed hand-off, 2 usage error.`;

export const runCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('run', argv, {
    input: { type: 'string', multiple: true },
    out: { type: 'string' },
    cache: { type: 'string' },
    limit: { type: 'string' },
    workers: { type: 'string' },
    memory: { type: 'string' },
    param: { type: 'string', multiple: true },
    target: { type: 'string' },
    ...OVER_TIME_OPTIONS,
  });
  if (values.help) {
    // With a pipeline file, its parameters too: loading it runs nothing but option validation.
    const params = positionals.length === 1 ? `\n\n${formatPipelineParams(await loadPipeline(positionals[0]!))}` : '';
    io.stdout.write(`${RUN_HELP}${params}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`tuneset run takes exactly one pipeline file, got ${positionals.length}. See 'tuneset run --help'.`);
  const limit = parseInteger('--limit', values.limit as string | undefined, 1);
  const workers = parseInteger('--workers', values.workers as string | undefined, 1);
  const memoryBytes = values.memory === undefined ? undefined : parseMemorySize(values.memory as string);
  if (values.memory !== undefined && memoryBytes === undefined) throw new UsageError(`--memory expects a size such as 512M or 2G (a bare number is MiB), got "${values.memory}"`);
  const over = parseOverTime(values);
  const loaded = await loadPipeline(positionals[0]!);
  // --target replaces the pipeline's target; the pipeline's overrides for that provider still apply.
  const models = values.target === undefined ? loaded.models : sectionedOverrides(loaded.models, targetProvider(loaded));
  const override = values.target === undefined ? undefined : parseTarget(values.target as string, '--target', models);
  const p = override ? { ...loaded, provider: override.provider, model: override.model, models } : loaded;
  // An unknown provider or model fails here, before any input is read.
  const target = lookupTarget(p);
  const params = parseParamPairs(values.param as string[] | undefined);
  // Checked here as well as in the runner, to name each bad --param as it was typed.
  const checked = p.params.safeParse(params);
  if (!checked.success) throw paramUsageError(p, checked.error, params);

  const held = holdRun(p.name, runCacheDir(p.name, values.cache), over, `tuneset run ${argv.join(' ')}`, io);
  try {
    return await runHeld(p, { ...values, params, limit, workers, memoryBytes }, held, over, target.newJobsEndDate, io);
  } finally {
    held.release();
  }
};

/** The run itself, under the lock when one was taken; --if-changed and --train-if-changed decide after it. */
const runHeld = async (
  p: Parameters<typeof runPipeline>[0],
  values: { input?: string[]; out?: string; cache?: string; params: Record<string, string>; limit: number | undefined; workers: number | undefined; memoryBytes: number | undefined },
  held: HeldRun,
  over: OverTime,
  newJobsEndDate: Parameters<typeof readHandoffPreview>[2],
  io: Io,
): Promise<number> => {
  const { params, limit } = values;
  const progress = createProgressRenderer(io.stderr, runProgressOptions(io));
  let result;
  try {
    result = await runPipeline(p, {
      params,
      ...(values.input ? { inputs: values.input } : {}),
      ...(values.out ? { outDir: values.out } : {}),
      ...(values.cache ? { cacheDir: values.cache } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(values.workers !== undefined ? { workers: values.workers } : {}),
      ...(values.memoryBytes !== undefined ? { memoryBytes: values.memoryBytes } : {}),
      clock: io.clock,
      log: stderrLogger(p.name, (l) => io.stderr.write(l)),
      onProgress: (s) => progress.update(s),
    });
  } finally {
    progress.finish();
  }
  // Checked on the committed run, so nothing is decided on files a failure could still change.
  const { previous, trained } = held;
  if (over.ifChanged && previous && sameAsRun(previous.runDir, result.runDir)) {
    rmSync(result.runDir, { recursive: true, force: true });
    io.stdout.write(`no change since ${previous.runId}\n`);
    return 0;
  }
  const report = await refreshReport(result.runDir, io);
  // Read back from the directory: the preview shows what was committed, and only a committed run has one.
  const preview = readHandoffPreview(result.runDir, io.clock.now(), newJobsEndDate);
  io.stdout.write(`${formatRunSummary(result.stages, result.manifest.reports)}\n\nRun directory: ${displayPath(result.runDir)}\n${report ? `Report:        ${displayPath(report)}\n` : ''}\n${formatHandoffPreview(preview)}\n`);
  // The run is committed (show and the manifest can explain it) but it cannot be trained: say why here.
  const failure = runFailureMessage(result.manifest, displayPath(result.runDir));
  if (failure !== undefined) {
    io.stderr.write(`error: ${p.name}: ${failure}\n`);
    return 1;
  }
  if (over.trainIf === undefined) return 0;
  const decision = trainDecision(trained ? diffRuns(trained.runDir, result.runDir).examples : undefined, over.trainIf, trained?.runId);
  io.stdout.write(`\n${decision.reason}\n`);
  if (!decision.train) return 0;
  io.stdout.write('\n');
  // Exactly what `tuneset train <run-dir>` does: the provider from the run's target and the environment.
  return trainCommand([displayPath(result.runDir)], io);
};

