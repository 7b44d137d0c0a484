import { TunesetError } from '../../pipeline/errors.js';
import type { JobRequest, RemoteJob } from '../../train/trainer.js';
import { toRemoteJob } from '../openai/openai-trainer.js';
import { taggedSuffix } from './suffix-tag.js';

/**
 * `POST /v1/fine_tuning/jobs` in Nebius' terms (Token Factory API reference): flat `hyperparameters`
 * with an absolute `learning_rate`, `lora` (bool) with `lora_r`/`lora_alpha`, and `context_length`;
 * no `metadata`, so the job tag rides in `suffix` (suffix-tag.ts). Settings Nebius has no name for
 * are refused here, before any request, rather than silently dropped.
 */
export interface NebiusHyperparameters {
  n_epochs?: number;
  batch_size?: number;
  learning_rate?: number;
  lora?: boolean;
  lora_r?: number;
  lora_alpha?: number;
  context_length?: number;
}

export interface NebiusJobBody {
  model: string;
  training_file: string;
  validation_file?: string;
  hyperparameters: NebiusHyperparameters;
  suffix: string;
  seed?: number;
}

export const nebiusJobBody = (r: JobRequest): NebiusJobBody => {
  if (r.method !== 'supervised') throw new TunesetError(`Nebius fine-tunes with supervised data only; the run is ${r.method}`);
  const h = r.hyperparameters;
  if (h.learning_rate_multiplier !== undefined && h.learning_rate_multiplier !== 'auto') {
    throw new TunesetError('Nebius takes an absolute learning rate (train({ learningRate })), not a multiplier of its own: learningRateMultiplier has no Nebius equivalent');
  }
  // A LoRA rank or alpha means LoRA even when the pipeline did not say so; `full` with one is a contradiction.
  const wantsLora = h.lora_rank !== undefined || h.lora_alpha !== undefined;
  if (r.adaptation === 'full' && wantsLora) throw new TunesetError('full-parameter training takes no LoRA rank or alpha; drop loraRank/loraAlpha or train with LoRA');
  const lora = r.adaptation === 'lora' || wantsLora ? true : r.adaptation === 'full' ? false : undefined;
  const hyperparameters: NebiusHyperparameters = {
    ...(typeof h.n_epochs === 'number' ? { n_epochs: h.n_epochs } : {}),
    ...(typeof h.batch_size === 'number' ? { batch_size: h.batch_size } : {}),
    ...(h.learning_rate !== undefined ? { learning_rate: h.learning_rate } : {}),
    ...(lora !== undefined ? { lora } : {}),
    ...(h.lora_rank !== undefined ? { lora_r: h.lora_rank } : {}),
    ...(h.lora_alpha !== undefined ? { lora_alpha: h.lora_alpha } : {}),
    ...(r.contextLength !== undefined ? { context_length: r.contextLength } : {}),
  };
  return {
    model: r.model,
    training_file: r.trainingFile,
    ...(r.validationFile ? { validation_file: r.validationFile } : {}),
    hyperparameters,
    suffix: taggedSuffix(r.suffix, r.tag),
    ...(r.seed !== undefined ? { seed: r.seed } : {}),
  };
};

/** A job as Nebius returns it (the documented FineTuningJob fields tuneset reads). */
export interface NebiusJob {
  id: string;
  status: string;
  model: string;
  created_at: number;
  training_file: string;
  validation_file?: string | null;
  error?: { code?: string | null; message?: string | null; param?: string | null } | null;
  finished_at?: number | null;
  hyperparameters?: Record<string, unknown> | null;
  result_files?: string[] | null;
  suffix?: string | null;
  trained_tokens?: number | null;
  estimated_finish?: number | null;
  trained_steps?: number | null;
  total_steps?: number | null;
  /** Not in Nebius' schema; read if a server sends it. */
  fine_tuned_model?: string | null;
}

/** OpenAI's mapping (the job has OpenAI's shape), but for metadata, which Nebius does not keep. */
export const toNebiusRemoteJob = (j: NebiusJob): RemoteJob => ({
  ...toRemoteJob(j),
  // The tag is in the suffix, shown here for `tuneset watch` and debugging.
  metadata: j.suffix ? { suffix: j.suffix } : {},
});
