import { z } from 'zod';
import { ConfigError } from './errors.js';
import type { Json } from './item.js';
import type { PipelineInfo, Source, Stage } from './stage.js';

/** A stage, or a function of the pipeline's parameters that makes one (filled from `--param`). */
export type StageSpec<In, Out, P> = Stage<In, Out> | ((params: P) => Stage<In, Out>);

export interface TrainSettings {
  /** Epochs to train; 'auto' is resolved the way OpenAI documents it (openai-api.md §2.8). */
  epochs?: number | 'auto';
  batchSize?: number | 'auto';
  learningRateMultiplier?: number | 'auto';
  suffix?: string;
  seed?: number;
}

const TrainSchema = z.strictObject({
  epochs: z.union([z.int().min(1).max(50), z.literal('auto')]).default('auto'),
  batchSize: z.union([z.int().min(1).max(256), z.literal('auto')]).optional(),
  learningRateMultiplier: z.union([z.number().positive(), z.literal('auto')]).optional(),
  suffix: z.string().min(1).max(64).optional(),
  seed: z.int().min(0).optional(),
});

/** Inert description of a dataset: importing a pipeline file runs nothing. */
export interface Pipeline<P = Record<string, unknown>> {
  readonly name: string;
  readonly model: string;
  readonly params: z.ZodObject;
  readonly source: StageSpec<never, unknown, P>;
  readonly stages: readonly StageSpec<unknown, unknown, P>[];
  /** Training settings declared with `.train()`. */
  readonly training: PipelineInfo['train'];
  readonly models: Record<string, Json> | undefined;
}

export interface PipelineOptions<Shape extends z.ZodRawShape> {
  /** The model the dataset is for, declared once (token-check, preview and training read it). */
  model: string;
  /** Parameters the command line fills with `--param name=value`. */
  params?: Shape;
  /** Model-table overrides or additions (limits, prices, shutdown dates), keyed by model name. */
  models?: Record<string, Json>;
}

export interface PipelineBuilder<Out, P> extends Pipeline<P> {
  pipe<Next>(stage: StageSpec<Out, Next, P>): PipelineBuilder<Next, P>;
  /** A stage that only some runs have: the factory returns undefined to leave it out (a parameter not given). */
  pipe(stage: (params: P) => Stage<Out, Out> | undefined): PipelineBuilder<Out, P>;
  train(settings: TrainSettings): PipelineBuilder<Out, P>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

export const pipeline = <Shape extends z.ZodRawShape = Record<never, never>>(name: string, options: PipelineOptions<Shape>) => {
  if (!NAME.test(name)) throw new ConfigError('pipeline', [{ path: 'name', message: `expected a kebab-case name (lower-case letters, digits and -), got "${name}"` }], { subject: 'pipeline' });
  if (!options.model) throw new ConfigError(name, [{ path: 'model', message: 'a model is required' }], { subject: `pipeline "${name}"` });
  type P = z.output<z.ZodObject<Shape>>;
  const params = z.strictObject(options.params ?? ({} as Shape));
  const build = <Out>(state: Omit<Pipeline<P>, 'name' | 'model' | 'params' | 'models'>): PipelineBuilder<Out, P> => ({
    name,
    model: options.model,
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
