import { TunesetError, UsageError } from '../../pipeline/errors.js';
import type { ProviderDefinition } from '../../providers/provider.js';
import type { EvalModel } from './eval-types.js';
import { runCheckpoints, type RunCheckpoint } from './run-checkpoints.js';

export interface ModelChoice {
  /** --model, in order: model names, or `checkpoint:<step>` for a checkpoint of the run's job. */
  models: string[];
  baseline?: string;
  /** --checkpoints: every checkpoint of the run's job, oldest first. */
  checkpoints: boolean;
  /** Azure: --deployment (for the first --model) and --baseline-deployment. */
  deployment?: string;
  baselineDeployment?: string;
  /** Whom to ask for the job's checkpoints when train-state.json has none recorded: the command's provider. */
  provider: ProviderDefinition;
}

const CHECKPOINT = /^checkpoint:(.*)$/;

/**
 * The models to evaluate, in table order: each --model (a `checkpoint:<step>` resolved to that
 * checkpoint's model), then with --checkpoints every checkpoint not already listed (the last is
 * usually the final model), oldest first, then the baseline.
 */
export const resolveEvalModels = async (runDir: string, choice: ModelChoice, env: NodeJS.ProcessEnv): Promise<EvalModel[]> => {
  let known: RunCheckpoint[] | undefined;
  // Asked for only when needed: a run evaluated by model names alone may never have been trained.
  const checkpoints = async () => (known ??= await runCheckpoints(runDir, env, choice.provider));
  const models: EvalModel[] = [];
  const givenAs = new Map<string, string>();
  const add = (given: string, model: EvalModel) => {
    const before = givenAs.get(model.model);
    if (before !== undefined) throw new UsageError(`${model.model} is given twice (${before} and ${given}); give each model once`);
    givenAs.set(model.model, given);
    models.push(model);
  };
  for (const [i, given] of choice.models.entries()) {
    const deployment = i === 0 ? choice.deployment : undefined;
    const step = CHECKPOINT.exec(given)?.[1];
    if (step === undefined) {
      add(`--model ${given}`, { model: given, requestedAs: deployment ?? given, role: 'model' });
      continue;
    }
    if (!/^\d+$/.test(step)) throw new UsageError(`--model ${given}: a checkpoint is named by its training step, e.g. checkpoint:30`);
    const listed = await checkpoints();
    const found = listed.find((c) => c.step === Number(step));
    if (!found) throw new TunesetError(`--model ${given}: ${noSuchCheckpoint(runDir, Number(step), listed)}`);
    add(`--model ${given}`, { model: found.model, requestedAs: deployment ?? found.model, role: 'checkpoint', step: found.step });
  }
  if (choice.checkpoints) {
    const listed = await checkpoints();
    if (listed.length === 0) throw new TunesetError(`--checkpoints: the job of ${runDir} has no checkpoints`);
    for (const c of listed) {
      if (c.model === choice.baseline || givenAs.has(c.model)) continue;
      models.push({ model: c.model, requestedAs: c.model, role: 'checkpoint', step: c.step });
    }
  }
  if (choice.baseline !== undefined) add(`--baseline ${choice.baseline}`, { model: choice.baseline, requestedAs: choice.baselineDeployment ?? choice.baseline, role: 'baseline' });
  return models;
};

const noSuchCheckpoint = (runDir: string, step: number, listed: readonly RunCheckpoint[]) =>
  listed.length === 0
    ? `the job of ${runDir} has no checkpoints`
    : `the job of ${runDir} has no checkpoint at step ${step}; it has ${listed.length === 1 ? 'one at step' : 'them at steps'} ${listed.map((c) => c.step).join(', ')}`;
