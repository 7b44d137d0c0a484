import type { EvalModel } from './eval-types.js';

export interface ModelChoice {
  /** --model, in order: model names, or `checkpoint:<step>` for a checkpoint of the run's job. */
  models: string[];
  baseline?: string;
  /** --checkpoints: every checkpoint of the run's job, oldest first. */
  checkpoints: boolean;
  /** Azure: --deployment (for the first --model) and --baseline-deployment. */
  deployment?: string;
  baselineDeployment?: string;
}

/**
 * Placeholder (issue 14): the models to evaluate, in table order (the models, then checkpoints,
 * the baseline last). Checkpoints come from train-state.json (watch records them), or from the
 * provider when the run was watched before they were recorded.
 */
export const resolveEvalModels = async (_runDir: string, _choice: ModelChoice, _env: NodeJS.ProcessEnv): Promise<EvalModel[]> => {
  throw new Error('resolveEvalModels: not built yet');
};
