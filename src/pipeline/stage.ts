import { z } from 'zod';
import type { Clock } from './clock.js';
import { ConfigError } from './errors.js';
import type { GroupUnion } from './group-union.js';
import type { DropReason, Item, Json } from './item.js';
import type { HeldPlace } from './held-lines.js';
import type { Logger } from './logger.js';
import type { WorkerPool } from './workers/pool.js';

/** What the pipeline declares once and every stage may read. */
export interface PipelineInfo {
  name: string;
  /** The target's provider (a registry name or `local`); absent means openai. */
  provider?: string;
  /** The model the dataset is for (token limits, encoding, prices come from the provider's model table). */
  model: string;
  /** Training settings declared with `.train()`; `epochs` may be 'auto'. */
  train: { epochs: number | 'auto'; [key: string]: Json };
  /** Model-table overrides declared by the pipeline (limits, prices), keyed by model name. */
  models?: Record<string, Json>;
}

export interface StageContext {
  readonly stage: string;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly groups: GroupUnion;
  readonly pipeline: PipelineInfo;
  readonly params: Readonly<Record<string, unknown>>;
  /** The run directory (the stage may write side files there) and a scratch directory for spools. */
  readonly runDir: string;
  readonly tmpDir: string;
  /** `output/<pipeline>/cache/`: caches shared by the pipeline's runs (the crawl state). */
  readonly cacheDir: string;
  /** Threads for per-record CPU work (`--workers`); tasks are pure, so outputs never depend on its size. */
  readonly workers: WorkerPool;
  /**
   * Bytes the keys one stage keeps across its whole input (dedupe keys, signatures, split keys)
   * may take in memory before they spill to disk: a share of `--memory` (memory-budget.ts).
   */
  readonly keyMemoryBytes: number;
  /** Inputs given on the command line; a source uses them instead of its own defaults. */
  readonly inputs: readonly string[] | undefined;
  /** Removes a record for a data defect: counted by code and written to rejected.jsonl. Never throws. */
  drop(item: RejectableItem, reason: DropReason): undefined;
  /**
   * For a stage that reads ahead (batchedAhead): holds the place in rejected.jsonl of the record
   * just read. Entered while the stage decides that record and hands it on, it takes the drops made
   * meanwhile (the stage's and those after it), so they are written where they would have been had
   * the stage taken records one at a time; lines written by the stages before it while it read
   * ahead wait behind it. Release it before reading on. rejected.jsonl is then the same for any
   * read-ahead and any number of workers (held-lines.ts).
   */
  holdPlace(): HeldPlace;
  /** A record that failed for a reason other than its data (an API error after retries). */
  error(item: RejectableItem, error: unknown): undefined;
  /** A source counts each record it reads as `in`. */
  countIn(n?: number): void;
  /**
   * True once a source has counted in as many records as `--limit` asks for (dropped ones too), so
   * junk input cannot make it read on and on; a source checks it before reading each record.
   */
  limitReached?(): boolean;
  /** One record became several: count the extra ones (a passage with 6 questions: 5). */
  countExpanded(n: number): void;
  /** A section of the manifest under `reports[<stage>]` (token totals, split sizes, format validation). */
  report(section: Json): void;
  /** A source records each input it read, for the manifest's input hashes. */
  recordInput(input: InputRecord): void;
  /** A live line for a long stage (an annotator's done/total, rate, spend, ETA), shown on a TTY. */
  status?(text: string): void;
}

export interface InputRecord {
  uri: string;
  sha256: string;
  bytes: number;
}

/** Enough of a record to trace it: a bad input line that never became an Item is one too. */
export type RejectableItem = Pick<Item<unknown>, 'id' | 'source'> & Partial<Pick<Item<unknown>, 'group' | 'data' | 'meta'>>;

/**
 * Paths of the files the run wrote, handed to stages that check them afterwards. The checks run
 * before the run is committed, so these are the `.partial` files, not the final names.
 */
export interface WrittenFiles {
  runDir: string;
  /** meta.jsonl as written. */
  meta: string;
  /** Split name -> its file as written. */
  splits: Record<string, string>;
}

export interface Stage<In, Out> {
  readonly name: string;
  /** Resolved options, hashed into the manifest's config hash. */
  readonly options: Json;
  /** Sources read no input and count what they read with ctx.countIn. */
  readonly kind: 'source' | 'transform';
  /** Records that may end as error entries before the run stops. @default 0 */
  readonly maxErrors?: number;
  run(input: AsyncIterable<Item<In>>, ctx: StageContext): AsyncIterable<Item<Out>>;
  /** Runs after every output file is complete, before the run is committed; may add to the stage's report (file validation). */
  afterWrite?(files: WrittenFiles, ctx: StageContext): Promise<Json | undefined>;
}

export type Source<Out> = Stage<never, Out>;

const parseOptions = <S extends z.ZodType>(name: string, schema: S, options: unknown): z.output<S> => {
  const parsed = schema.safeParse(options ?? {});
  if (!parsed.success) throw ConfigError.fromZod(name, parsed.error, { input: options ?? {} });
  return parsed.data;
};

export const toJsonOptions = (options: unknown): Json =>
  JSON.parse(JSON.stringify(options ?? {}, (_k, v: unknown) => (typeof v === 'function' ? `[function ${(v as { name?: string }).name || 'anonymous'}]` : v instanceof URL ? v.href : v))) as Json;

type StageBody<In, Out> = Pick<Stage<In, Out>, 'run' | 'afterWrite'>;

/**
 * Declares a stage whose options are a zod schema: `defineStage(name, schema, (opts) => ({ run }))`
 * returns a factory that validates options when the pipeline file is loaded, so a bad option fails
 * before any I/O with the stage name and the option path.
 */
export const defineStage =
  <S extends z.ZodType, In, Out>(name: string, schema: S, build: (options: z.output<S>) => StageBody<In, Out>) =>
  (options?: z.input<S>): Stage<In, Out> => {
    const parsed = parseOptions(name, schema, options);
    const body = build(parsed);
    return { ...body, kind: 'transform', name, options: toJsonOptions(parsed) };
  };

/** A source: reads `inputs` (the command line's, else its defaults) and yields items. */
export const defineSource =
  <S extends z.ZodType, Out>(
    name: string,
    schema: S,
    read: (inputs: readonly string[], options: z.output<S>, ctx: StageContext) => AsyncIterable<Item<Out>>,
    defaultInputs: (options: z.output<S>) => readonly string[],
  ) =>
  (options?: z.input<S>): Source<Out> => {
    const parsed = parseOptions(name, schema, options);
    return {
      name,
      kind: 'source',
      options: toJsonOptions(parsed),
      run: (_input, ctx) => read(ctx.inputs ?? defaultInputs(parsed), parsed, ctx),
    };
  };

/** A one-to-one transform; returning `ctx.drop(...)` (undefined) removes the record. */
export const defineMap = <S extends z.ZodType, In, Out>(
  name: string,
  schema: S,
  map: (item: Item<In>, ctx: StageContext, options: z.output<S>) => Item<Out> | undefined,
) =>
  defineStage<S, In, Out>(name, schema, (options) => ({
    async *run(input, ctx) {
      for await (const item of input) {
        const out = map(item, ctx, options);
        if (out !== undefined) yield out;
      }
    },
  }));

/** Keeps a record when the predicate returns true; otherwise drops it with the returned reason. */
export const defineFilter = <S extends z.ZodType, T>(
  name: string,
  schema: S,
  keep: (item: Item<T>, options: z.output<S>) => true | DropReason,
) => defineMap<S, T, T>(name, schema, (item, ctx, options) => {
  const verdict = keep(item, options);
  return verdict === true ? item : ctx.drop(item, verdict);
});
