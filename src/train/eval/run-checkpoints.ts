import { TunesetError } from '../../pipeline/errors.js';
import { describeApiError } from '../../providers/openai/errors.js';
import type { ProviderDefinition } from '../../providers/provider.js';
import { readTrainState, recordedCheckpoints, writeTrainState } from '../train-state.js';

export type RunCheckpoint = { step: number; model: string };

/**
 * The checkpoints of a run's job, oldest first: as `watch` recorded them in train-state.json, else
 * (a run watched before watch recorded them, or never watched) from the provider. A list asked for
 * after the job succeeded is final, so it is recorded; one asked for earlier is not. `provider` is
 * the command's choice (--provider, else the one train-state.json or the manifest names).
 */
export const runCheckpoints = async (runDir: string, env: NodeJS.ProcessEnv, provider: ProviderDefinition): Promise<RunCheckpoint[]> => {
  const state = readTrainState(runDir);
  if (!state?.job) {
    throw new TunesetError(`${runDir}: the run has no fine-tuning job, so no checkpoints; run \`tuneset train ${runDir}\` and \`tuneset watch ${runDir}\` first`);
  }
  if (state.checkpoints) return state.checkpoints;
  const { trainer, secrets } = provider.trainerFromEnv(env);
  const listed = await trainer.listCheckpoints(state.job.id).catch((error: unknown) => {
    throw describeApiError(`listing the checkpoints of job ${state.job!.id}`, error, secrets);
  });
  const checkpoints = recordedCheckpoints(listed);
  if (state.job.status === 'succeeded') writeTrainState(runDir, { ...state, checkpoints });
  return checkpoints;
};
