import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/pipeline/clock.js';
import { StageCounters } from '../../src/pipeline/counters.js';
import { GroupUnion } from '../../src/pipeline/group-union.js';
import type { Item, Json } from '../../src/pipeline/item.js';
import { silentLogger, type Logger } from '../../src/pipeline/logger.js';
import { inlinePool } from '../../src/pipeline/workers/inline-pool.js';
import type { WorkerPool } from '../../src/pipeline/workers/pool.js';
import type { InputRecord, PipelineInfo, RejectableItem, Stage, StageContext } from '../../src/pipeline/stage.js';

export interface Drop {
  id: string;
  code: string;
  detail?: Json;
  source: Item<unknown>['source'];
}

export interface StageRun<Out> {
  out: Item<Out>[];
  drops: Drop[];
  /** The records as dropped, data included (what rejected.jsonl stores), in the order of `drops`. */
  rejected: RejectableItem[];
  errors: { id: string; error: unknown }[];
  counters: StageCounters;
  report: Json | undefined;
  inputs: InputRecord[];
  groups: GroupUnion;
  ctx: StageContext;
}

export const item = <T>(id: string, data: T, extra: Partial<Item<T>> = {}): Item<T> => ({
  id,
  source: { uri: 'test://fixture', line: 1 },
  data,
  meta: {},
  ...extra,
});

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/**
 * Runs one stage over records in memory and returns what it emitted and dropped: a stage test is
 * three lines. Counts `in` and `out` the way the runner does, so the ledger can be asserted too.
 */
export const runStage = async <In, Out>(
  stage: Stage<In, Out>,
  records: readonly Item<In>[] = [],
  options: { pipeline?: Partial<PipelineInfo>; params?: Record<string, unknown>; inputs?: string[]; groups?: GroupUnion; now?: string; cacheDir?: string; log?: Logger; workers?: WorkerPool; keyMemoryBytes?: number } = {},
): Promise<StageRun<Out>> => {
  const counters = new StageCounters();
  const drops: Drop[] = [];
  const rejected: RejectableItem[] = [];
  const errors: { id: string; error: unknown }[] = [];
  const inputs: InputRecord[] = [];
  let report: Json | undefined;
  const groups = options.groups ?? new GroupUnion();
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-stage-'));
  const ctx: StageContext = {
    stage: stage.name,
    log: options.log ?? silentLogger,
    signal: new AbortController().signal,
    clock: fixedClock(options.now ?? '2026-11-23T12:00:00Z'),
    groups,
    pipeline: { name: 'test', model: 'gpt-4o-mini-2024-07-18', train: { epochs: 3 }, ...options.pipeline },
    params: options.params ?? {},
    runDir: dir,
    tmpDir: dir,
    cacheDir: options.cacheDir ?? join(dir, 'cache'),
    inputs: options.inputs,
    workers: options.workers ?? inlinePool(),
    keyMemoryBytes: options.keyMemoryBytes ?? 64 * 1024 * 1024,
    drop(it, reason) {
      counters.addDrop(reason.code);
      drops.push({ id: it.id, code: reason.code, ...(reason.detail === undefined ? {} : { detail: reason.detail }), source: it.source });
      rejected.push(it);
      return undefined;
    },
    // One stage alone: its drops are the only ones, so they are in order as they come.
    holdPlace: () => ({ enter: () => {}, release: () => {} }),
    error(it, error) {
      counters.errored++;
      errors.push({ id: it.id, error });
      return undefined;
    },
    countIn: (n = 1) => void (counters.in += n),
    countExpanded: (n) => void (counters.expanded += n),
    report: (section) => void (report = section),
    recordInput: (input) => void inputs.push(input),
  };
  const counted = async function* () {
    for (const r of records) {
      counters.in++;
      yield r;
    }
  };
  const out: Item<Out>[] = [];
  for await (const o of stage.run(stage.kind === 'source' ? fromArray([]) : counted(), ctx)) {
    counters.out++;
    out.push(o);
  }
  return { out, drops, rejected, errors, counters, report, inputs, groups, ctx };
};
