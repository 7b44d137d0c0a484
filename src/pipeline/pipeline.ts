import { z } from 'zod';
import { ConfigError } from './errors.js';
import type { Json } from './item.js';
import type { PipelineInfo, Source, Stage } from './stage.js';

/** A stage, or a function of the pipeline's parameters that makes one (filled from `--param`). */
export type StageSpec<In, Out, P> = Stage<In, Out> | ((params: P) => Stage<In, Out>);

/**
 * Training settings in our own words. Each provider calls them something else, and some have no
 * such setting: preflight refuses one the chosen provider does not take (its definition's
 * `hyperparameters`) before any request.
 */
export interface TrainSettings {
  /** Epochs to train; 'auto' is resolved the way OpenAI documents it (openai-api.md §2.8). */
  epochs?: number | 'auto';
  batchSize?: number | 'auto';
  /** OpenAI and Azure's OpenAI models: a multiplier of the service's own learning rate. */
  learningRateMultiplier?: number | 'auto';
  /** Providers that take an absolute learning rate (Together, Fireworks, Nebius). */
  learningRate?: number;
  /** LoRA rank and alpha, where the provider trains LoRA adapters. */
  loraRank?: number;
  loraAlpha?: number;
  /** LoRA adapters or all parameters, where the provider offers the choice; absent: its default. */
  adaptation?: 'lora' | 'full';
  suffix?: string;
  seed?: number;
}

const TrainSchema = z.strictObject({
  epochs: z.union([z.int().min(1).max(50), z.literal('auto')]).default('auto'),
  batchSize: z.union([z.int().min(1).max(256), z.literal('auto')]).optional(),
  learningRateMultiplier: z.union([z.number().positive(), z.literal('auto')]).optional(),
  learningRate: z.number().positive().max(1).optional(),
  loraRank: z.int().min(1).max(1024).optional(),
  loraAlpha: z.number().positive().optional(),
  adaptation: z.enum(['lora', 'full']).optional(),
  suffix: z.string().min(1).max(64).optional(),
  seed: z.int().min(0).optional(),
});

/** Inert description of a dataset: importing a pipeline file runs nothing. */
export interface Pipeline<P = Record<string, unknown>> {
  readonly name: string;
  /** The target's provider (`openai` when the pipeline declares `model:` alone, or `local`). */
  readonly provider: string;
  /** The target's model, as that provider names it. */
  readonly model: string;
  readonly params: z.ZodObject;
  readonly source: StageSpec<never, unknown, P>;
  readonly stages: readonly StageSpec<unknown, unknown, P>[];
  /** Training settings declared with `.train()`. */
  readonly training: PipelineInfo['train'];
  readonly models: Record<string, Json> | undefined;
}

export interface PipelineOptions<Shape extends z.ZodRawShape> {
  /**
   * What the dataset is built for, `provider:model` (`together:Qwen/Qwen3-8B`, `local:Qwen/Qwen3-0.6B`):
   * token-check, the limits, the preview and training read it. `tuneset run --target` overrides it.
   */
  target?: string;
  /** An OpenAI model: the same as `target: 'openai:<model>'` (pipelines written before targets). */
  model?: string;
  /** Parameters the command line fills with `--param name=value`. */
  params?: Shape;
  /**
   * Model-table overrides or additions (limits, prices, shutdown dates), keyed by model name for the
   * target's provider, or under a provider's name for another (`{ together: { 'Qwen/Qwen3-8B': {...} } }`).
   */
  models?: Record<string, Json>;
}

export interface PipelineBuilder<Out, P> extends Pipeline<P> {
  pipe<Next>(stage: StageSpec<Out, Next, P>): PipelineBuilder<Next, P>;
  /** A stage that only some runs have: the factory returns undefined to leave it out (a parameter not given). */
  pipe(stage: (params: P) => Stage<Out, Out> | undefined): PipelineBuilder<Out, P>;
  train(settings: TrainSettings): PipelineBuilder<Out, P>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * `target: 'provider:model'` split at the first colon (OpenAI's `ft:` names hold colons), or
 * `model:` alone for OpenAI. Whether the provider and model exist is checked against the registry
 * when the pipeline is run (src/providers/model-lookup.ts), not here: defining a pipeline runs nothing.
 */
const targetOf = (name: string, options: { target?: string | undefined; model?: string | undefined }): { provider: string; model: string } => {
  const fail = (path: string, message: string) => new ConfigError(name, [{ path, message }], { subject: `pipeline "${name}"` });
  if (options.target !== undefined && options.model !== undefined) throw fail('target', 'declare target or model, not both (model: alone means an OpenAI model)');
  if (options.target !== undefined) {
    const colon = options.target.indexOf(':');
    if (colon <= 0 || colon === options.target.length - 1) throw fail('target', `expected provider:model (e.g. together:Qwen/Qwen3-8B), got "${options.target}"`);
    return { provider: options.target.slice(0, colon), model: options.target.slice(colon + 1) };
  }
  if (!options.model) throw fail('target', 'a target is required (provider:model, e.g. local:Qwen/Qwen3-0.6B), or model: for an OpenAI model');
  return { provider: 'openai', model: options.model };
};

export const pipeline = <Shape extends z.ZodRawShape = Record<never, never>>(name: string, options: PipelineOptions<Shape>) => {
  if (!NAME.test(name)) throw new ConfigError('pipeline', [{ path: 'name', message: `expected a kebab-case name (lower-case letters, digits and -), got "${name}"` }], { subject: 'pipeline' });
  const { provider, model } = targetOf(name, options);
  type P = z.output<z.ZodObject<Shape>>;
  const params = z.strictObject(options.params ?? ({} as Shape));
  const build = <Out>(state: Omit<Pipeline<P>, 'name' | 'provider' | 'model' | 'params' | 'models'>): PipelineBuilder<Out, P> => ({
    name,
    provider,
    model,
    params,
    models: options.models,
    ...state,
    pipe: (stage: StageSpec<Out, unknown, P> | ((params: P) => Stage<Out, Out> | undefined)) =>
      build({ ...state, stages: [...state.stages, stage as StageSpec<unknown, unknown, P>] }),
    train: (settings: TrainSettings) => {
      const parsed = TrainSchema.safeParse(settings);
      if (!parsed.success) throw ConfigError.fromZod(name, parsed.error, { prefix: 'train', input: settings });
      return build<Out>({ ...state, training: parsed.data as PipelineInfo['train'] });
    },
  });
  return {
    from: <Out>(source: StageSpec<never, Out, P>): PipelineBuilder<Out, P> =>
      build<Out>({ source, stages: [], training: { epochs: 'auto' } }),
  };
};

/** Resolves stage factories against parsed parameters. */
export const resolveStages = <P>(p: Pipeline<P>, params: P): { source: Source<unknown>; stages: Stage<unknown, unknown>[] } => {
  const resolve = <A, B>(spec: StageSpec<A, B, P>): Stage<A, B> | undefined => (typeof spec === 'function' ? spec(params) : spec);
  const source = resolve(p.source);
  if (!source) throw new ConfigError(p.name, [{ path: 'source', message: 'the source factory returned no stage' }], { subject: `pipeline "${p.name}"` });
  // Optional stages whose factory returned undefined are left out of this run.
  return { source, stages: p.stages.map(resolve).filter((s): s is Stage<unknown, unknown> => s !== undefined) };
};
