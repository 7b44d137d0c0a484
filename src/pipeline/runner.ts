import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AtomicLineFile, writeFileAtomic } from './atomic-file.js';
import { systemClock, type Clock } from './clock.js';
import { countInput, countOutput, nothing, take, type StageTiming } from './counted-iterables.js';
import { StageCounters } from './counters.js';
import { DatasetHasher } from './dataset-version.js';
import { ConfigError, StageError, TunesetError } from './errors.js';
import { GroupUnion } from './group-union.js';
import { sha256, stableStringify } from './hash.js';
import type { Item, Json } from './item.js';
import { checkLedger } from './ledger.js';
import { silentLogger, type Logger } from './logger.js';
import { collectVersions, summarize, type Manifest, type StageSummary } from './manifest.js';
import { resolveStages, type Pipeline } from './pipeline.js';
import { prepareExplicitRunDir, prepareRunDir } from './run-dir.js';
import { newRunMarker, removeRunMarker } from './run-marker.js';
import { createStageContext } from './stage-context.js';
import type { InputRecord, Stage, StageContext, WrittenFiles } from './stage.js';
import { LeakageWatch } from './written-leakage.js';
import { HeldLines } from './held-lines.js';
import { DEFAULT_MEMORY_BYTES, keyShare } from './memory-budget.js';
import { createWorkerPool, defaultWorkers } from './workers/pool.js';

export interface RunOptions {
  /** Parent of `output/<pipeline>/<run-id>/`. @default 'output' */
  outputRoot?: string;
  /** Write the run directory to exactly this directory: new, empty, or holding an interrupted run of this pipeline (replaced). */
  outDir?: string;
  /** Caches shared by runs. @default '<outputRoot>/<pipeline>/cache' */
  cacheDir?: string;
  /** Replaces the source's default inputs. */
  inputs?: readonly string[];
  /** Stop after this many records read by the source (dropped ones count) or out of it, whichever comes first. */
  limit?: number;
  /** Raw `--param name=value` strings, parsed with the pipeline's schema. */
  params?: Record<string, string>;
  clock?: Clock;
  log?: Logger;
  signal?: AbortSignal;
  onProgress?: (stages: readonly StageProgress[]) => void;
  /** Threads for per-record CPU work; 1 runs everything on this thread. Outputs are the same for any number. @default the number of cores */
  workers?: number;
  /** Memory budget in bytes for what stages keep across their whole input; past their share they spill to disk. @default DEFAULT_MEMORY_BYTES */
  memoryBytes?: number;
}

export interface StageProgress {
  name: string;
  counters: StageCounters;
  done: boolean;
  /** The stage's own live line, when it gives one (ctx.status). */
  status?: string;
}

export interface RunResult {
  runDir: string;
  manifest: Manifest;
  stages: StageSummary[];
}

export const SPLITS = ['train', 'validation', 'test'] as const;
const PROGRESS_EVERY_MS = 200;

export const parseParams = (p: Pipeline<unknown>, raw: Record<string, string> = {}): Record<string, unknown> => {
  const parsed = p.params.safeParse(raw);
  if (!parsed.success) throw ConfigError.fromZod(p.name, parsed.error, 'params');
  return parsed.data;
};

/**
 * Streams the pipeline's records through its stages into a run directory, counting every record
 * in and out of every stage, and fails loudly when a stage's ledger does not balance or the written
 * splits leak into each other. The run is committed in one step at the end, after every check:
 * the data files are renamed from `.partial`, then manifest.json, which marks a finished run.
 */
export const runPipeline = async <P>(p: Pipeline<P>, options: RunOptions = {}): Promise<RunResult> => {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const params = parseParams(p as Pipeline<unknown>, options.params) as P;
  const { source, stages } = resolveStages(p, params);
  const all: Stage<unknown, unknown>[] = [source as Stage<unknown, unknown>, ...stages];
  const names = new Set<string>();
  for (const s of all) {
    if (names.has(s.name)) throw new ConfigError(p.name, [{ path: 'stages', message: `stage "${s.name}" appears twice` }], { subject: `pipeline "${p.name}"` });
    names.add(s.name);
  }
  const startedAt = clock.now();
  const configHash = sha256(
    stableStringify({
      pipeline: p.name,
      // Only a target other than OpenAI enters the hash, so runs of pipelines written before targets keep their hash.
      ...(p.provider !== 'openai' ? { provider: p.provider } : {}),
      provider: p.provider,
      model: p.model,
      train: p.training,
      models: p.models,
      params,
      stages: all.map((s) => ({ name: s.name, options: s.options })),
    }),
  );
  const marker = newRunMarker(p.name, startedAt);
  const { runId, runDir, replaced } = options.outDir
    ? { ...prepareExplicitRunDir(options.outDir, marker), runId: '' }
    : { ...prepareRunDir(options.outputRoot ?? 'output', marker, startedAt, configHash), replaced: undefined };
  if (replaced) log.warn(`--out ${options.outDir} held an interrupted run of ${p.name} (started ${replaced.startedAt}); its files were deleted and the run starts afresh`);
  const effectiveRunId = runId || `${startedAt.toISOString()}-${configHash.slice(0, 8)}`;
  const cacheDir = resolve(options.cacheDir ?? join(options.outputRoot ?? 'output', p.name, 'cache'));
  const tmpDir = join(runDir, '.tmp');
  mkdirSync(tmpDir, { recursive: true });
  // Neither enters the config hash or the manifest: they change how fast and in how much memory, never what is written.
  const workers = await createWorkerPool(options.workers ?? defaultWorkers());
  const keyMemoryBytes = keyShare(options.memoryBytes ?? DEFAULT_MEMORY_BYTES);

  const rejected = new AtomicLineFile(join(runDir, 'rejected.jsonl'));
  // Stages that read ahead hold their records' places in it, so its order never depends on --workers.
  const rejectedInOrder = new HeldLines(rejected);
  const metaFile = new AtomicLineFile(join(runDir, 'meta.jsonl'));
  const splitFiles = new Map<string, AtomicLineFile>();
  const groups = new GroupUnion();
  const reports: Record<string, Json> = {};
  const inputs: InputRecord[] = [];
  const progress: StageProgress[] = [];
  const contexts: StageContext[] = [];
  let leakageWatch: LeakageWatch | undefined;
  let lastProgress = 0;
  const emitProgress = (force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    options.onProgress(progress);
  };

  try {
    let stream: AsyncIterable<Item<unknown>> = nothing();
    for (const stage of all) {
      const counters = new StageCounters();
      const timing: StageTiming = { inputWaitMs: 0, outputWaitMs: 0 };
      const entry: StageProgress = { name: stage.name, counters, done: false };
      progress.push(entry);
      const ctx = createStageContext({
        stage: stage.name,
        counters,
        rejected: rejectedInOrder,
        ...(stage.maxErrors === undefined ? {} : { maxErrors: stage.maxErrors }),
        ...(stage.kind === 'source' && options.limit !== undefined ? { readLimit: options.limit } : {}),
        log: log.child(stage.name),
        signal: options.signal ?? new AbortController().signal,
        clock,
        groups,
        pipeline: { name: p.name, provider: p.provider, model: p.model, train: p.training, ...(p.models ? { models: p.models } : {}) },
        params: params as Record<string, unknown>,
        runDir,
        tmpDir,
        cacheDir,
        workers,
        keyMemoryBytes,
        inputs: stage.kind === 'source' ? options.inputs : undefined,
        report: (section) => (reports[stage.name] = section),
        recordInput: (input) => inputs.push(input),
        status: (text) => {
          entry.status = text;
          emitProgress();
        },
      });
      contexts.push(ctx);
      const input = stage.kind === 'source' ? nothing() : countInput(stream, counters, timing);
      stream = countOutput(stage.run(input, ctx), stage.name, counters, timing, emitProgress);
      if (stage.kind === 'source' && options.limit !== undefined) stream = take(stream, options.limit);
      stream = markDone(stream, entry, () => emitProgress(true));
    }

    // Leakage is judged on exactly what is written, line by line, not on what split decided. Its
    // tables hold a key per group and per prompt, so they spill like a stage's keys.
    leakageWatch = new LeakageWatch({ dir: join(tmpDir, 'leakage'), budgetBytes: keyMemoryBytes });
    const dataset = new DatasetHasher();
    for await (const item of stream) {
      const split = item.meta['split'] ?? 'train';
      if (typeof split !== 'string' || !(SPLITS as readonly string[]).includes(split)) {
        throw new TunesetError(`record ${item.id}: meta.split must be one of ${SPLITS.join(', ')}, got ${JSON.stringify(split)}`);
      }
      let file = splitFiles.get(split);
      if (!file) splitFiles.set(split, (file = new AtomicLineFile(join(runDir, `${split}.jsonl`))));
      const group = groups.find(item.group ?? item.id);
      const line = JSON.stringify(item.data);
      file.writeLine(line);
      dataset.see(split, line);
      metaFile.writeLine(JSON.stringify({ id: item.id, split, group, source: item.source, meta: item.meta }));
      leakageWatch.see(split, group, metaFile.lines, item.data);
    }
    emitProgress(true);

    // Every check reads the .partial files; nothing gets its real name until all of them passed.
    const outputs = [...splitFiles.values(), metaFile, rejected];
    for (const f of outputs) f.close();
    await checkLedger(progress.map((s) => ({ name: s.name, counters: s.counters })), rejected.partialPath);
    const written = { runDir, meta: metaFile.partialPath, splits: Object.fromEntries([...splitFiles].map(([k, f]) => [k, f.partialPath])) };
    // Before the stages' own checks: a leak fails the run, so nothing is spent counting tokens first.
    const leakage = await leakageWatch.finish(written.meta);
    for (const [i, stage] of all.entries()) {
      const section = await afterWrite(stage, written, contexts[i]!);
      if (section !== undefined) reports[stage.name] = mergeReport(reports[stage.name], section);
    }

    const stageSummaries = progress.map((s) => summarize(s.name, s.counters));
    const manifest: Manifest = {
      tuneset: collectVersions()['tuneset'] ?? 'unknown',
      pipeline: p.name,
      runId: effectiveRunId,
      provider: p.provider,
      model: p.model,
      train: p.training,
      params: JSON.parse(JSON.stringify(params ?? {})) as Record<string, Json>,
      configHash,
      startedAt: startedAt.toISOString(),
      versions: collectVersions(),
      inputs,
      stages: stageSummaries,
      reports,
      leakage,
      dataset: dataset.finish(),
      files: describeFiles(runDir, outputs),
    };
    // The commit: data files renamed, then manifest.json last, the marker every reader goes by.
    for (const f of outputs) f.commit();
    writeFileAtomic(join(runDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { runDir, manifest, stages: stageSummaries };
  } catch (error) {
    for (const f of [...splitFiles.values(), metaFile, rejected]) f.abort();
    throw error;
  } finally {
    leakageWatch?.close();
    await workers.close();
    rmSync(tmpDir, { recursive: true, force: true });
    // After manifest.json: a run killed in between is still seen as finished, not as interrupted.
    removeRunMarker(runDir);
    if (readdirSync(runDir).length === 0) rmSync(runDir, { recursive: true, force: true });
  }
};

/** A stage's check of the written files; an unexpected failure there names the stage, as one in run() does. */
const afterWrite = async (stage: Stage<unknown, unknown>, written: WrittenFiles, ctx: StageContext): Promise<Json | undefined> => {
  try {
    return await stage.afterWrite?.(written, ctx);
  } catch (error) {
    throw error instanceof TunesetError ? error : new StageError(stage.name, undefined, { cause: error });
  }
};

async function* markDone<T>(input: AsyncIterable<T>, entry: StageProgress, onDone: () => void): AsyncGenerator<T> {
  yield* input;
  entry.done = true;
  onDone();
}

const mergeReport = (existing: Json | undefined, added: Json): Json =>
  existing && typeof existing === 'object' && !Array.isArray(existing) && added && typeof added === 'object' && !Array.isArray(added)
    ? { ...existing, ...added }
    : added;

const describeFiles = (runDir: string, files: AtomicLineFile[]): Manifest['files'] =>
  Object.fromEntries(
    files.map((f) => {
      const name = f.path.slice(runDir.length + 1);
      return [name, { sha256: f.sha256, bytes: f.bytes, lines: f.lines }];
    }),
  );
