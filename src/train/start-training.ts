import { readFileSync } from 'node:fs';
import { sha256 } from '../pipeline/hash.js';
import type { Json } from '../pipeline/item.js';
import type { TrainSettings } from '../pipeline/pipeline.js';
import { createOnce } from './create-once.js';
import type { Preflight } from './preflight.js';
import type { RunDirectory } from './run-directory.js';
import { readTrainState, writeTrainState, type TrainState } from './train-state.js';
import type { Hyperparameters, JobTag, RemoteJob, Trainer } from './trainer.js';

export interface StartOptions {
  /** Waits between attempts of a create. */
  sleep: (attempt: number, retryAfterMs: number | undefined) => Promise<void>;
  /**
   * The trainer creates nothing (its creates are recorded, its lookups read-only): train-state.json is
   * read but never written, and the steps say what a real run would do. @default false
   */
  dryRun?: boolean;
  /** Create another job even though this run already has one (after a failed or cancelled job). */
  newJob?: boolean;
}

export interface StartResult {
  state: TrainState;
  job: RemoteJob;
  steps: string[];
}


/** Names an upload so a later run can find it again: run id and content hash are in the name. */
export const uploadName = (runId: string, split: string, fileSha256: string) =>
  `tuneset-${runId.replace(/[^A-Za-z0-9-]/g, '')}-${split}-${fileSha256.slice(0, 16)}.jsonl`;

/** The pipeline's `.train()` settings in the Trainer's terms; preflight refused any the provider lacks. */
export const hyperparametersOf = (train: Json): Hyperparameters => {
  // The manifest's `train` is the pipeline's `.train()` settings, as the pipeline validated them.
  const t = (train ?? {}) as TrainSettings;
  return {
    n_epochs: t.epochs ?? 'auto',
    ...(t.batchSize !== undefined ? { batch_size: t.batchSize } : {}),
    ...(t.learningRateMultiplier !== undefined ? { learning_rate_multiplier: t.learningRateMultiplier } : {}),
    ...(t.learningRate !== undefined ? { learning_rate: t.learningRate } : {}),
    ...(t.loraRank !== undefined ? { lora_rank: t.loraRank } : {}),
    ...(t.loraAlpha !== undefined ? { lora_alpha: t.loraAlpha } : {}),
  };
};

/**
 * Uploads the run's files and creates the fine-tuning job, resuming whatever an earlier attempt got
 * done: files and job are looked up by name and by the run-id tag before anything is created, so
 * a re-run after any interruption never uploads twice and never creates a second job.
 */
export const startTraining = async (run: RunDirectory, pre: Preflight, trainer: Trainer, o: StartOptions): Promise<StartResult> => {
  const dryRun = o.dryRun ?? false;
  const { manifest } = run;
  const save = (s: TrainState) => !dryRun && writeTrainState(run.dir, s);
  // The dry run reads the state too: a real run trusts it without asking the server, and so must the plan.
  const previous = readTrainState(run.dir);
  const state: TrainState = previous ?? { runId: manifest.runId, provider: trainer.provider, model: pre.model.name, files: {} };
  const steps: string[] = [];
  const retrying = { retryable: (e: unknown) => trainer.retryable(e), retryAfterMs: (e: unknown) => trainer.retryAfterMs(e), sleep: o.sleep };

  for (const f of run.files) {
    const known = state.files[f.split];
    if (known && known.sha256 === f.sha256) {
      steps.push(dryRun ? `${f.split}.jsonl: would reuse file ${known.fileId} (uploaded earlier, recorded in train-state.json)` : `${f.split}.jsonl: already uploaded as ${known.fileId}`);
      continue;
    }
    const content = readFileSync(f.path);
    if (sha256(content) !== f.sha256) throw new Error(`${f.path} changed since the run wrote it (sha256 differs from manifest.json)`);
    const filename = uploadName(manifest.runId, f.split, f.sha256);
    const { value, created } = await createOnce({
      ...retrying,
      find: () => trainer.findUploadedFile(filename, content.length),
      create: () => trainer.uploadFile(filename, content),
    });
    state.files[f.split] = { filename, sha256: f.sha256, bytes: content.length, fileId: value.id };
    save(state);
    if (dryRun) steps.push(created ? `${f.split}.jsonl: would upload as ${filename}` : `${f.split}.jsonl: would reuse file ${value.id} (uploaded earlier)`);
    else steps.push(`${f.split}.jsonl: ${created ? 'uploaded' : 'found an earlier upload'} as ${value.id} (${filename})`);
  }

  const attempt = (state.job?.attempt ?? 0) + (o.newJob || !state.job ? 1 : 0);
  const manifestSha = run.manifestSha256;
  const tag: JobTag = { runId: manifest.runId, manifestSha256: manifestSha, attempt };
  const { value: job, created } = await createOnce({
    ...retrying,
    find: async () => (await trainer.findJobs(tag))[0],
    create: () =>
      trainer.createJob({
        model: pre.model.name,
        trainingFile: state.files['train']!.fileId,
        validationFile: state.files['validation']?.fileId,
        method: pre.method,
        hyperparameters: hyperparametersOf(manifest.train),
        suffix: ((manifest.train as TrainSettings).suffix ?? manifest.pipeline).slice(0, 40),
        seed: (manifest.train as TrainSettings).seed,
        tag,
        adaptation: (manifest.train as TrainSettings).adaptation,
        contextLength: pre.contextLength,
      }),
  });
  // Another job's checkpoints are not this one's: watch records the new job's when it succeeds.
  if (state.job?.id !== job.id) delete state.checkpoints;
  state.job = { id: job.id, status: job.status, fineTunedModel: job.fineTunedModel, attempt };
  save(state);
  if (dryRun) steps.push(created ? `job: would create a fine-tuning job on ${pre.model.name}` : `job: would reuse job ${job.id} (${job.status})`);
  else steps.push(`job ${job.id}: ${created ? 'created' : 'found the existing job'} (${job.status})`);
  return { state, job, steps };
};
