import OpenAI, { toFile } from 'openai';
import { isRetryable, retryAfterMs } from './errors.js';
import type { Checkpoint, JobEvent, JobRequest, JobTag, RemoteFile, RemoteJob, Trainer } from '../../train/trainer.js';

/**
 * What toRemoteJob reads of a job in OpenAI's shape: the SDK's FineTuningJob (OpenAI, Azure) and
 * Nebius' job, which has the same fields but no metadata.
 */
export interface OpenAIShapedJob {
  id: string;
  status: string;
  model: string;
  fine_tuned_model?: string | null;
  training_file: string;
  validation_file?: string | null;
  error?: { code?: string | null; message?: string | null; param?: string | null } | null;
  metadata?: unknown;
  result_files?: string[] | null;
  trained_tokens?: number | null;
  created_at: number;
  finished_at?: number | null;
  estimated_finish?: number | null;
  hyperparameters?: unknown;
}

export const toRemoteJob = (j: OpenAIShapedJob): RemoteJob => ({
  id: j.id,
  status: j.status,
  model: j.model,
  fineTunedModel: j.fine_tuned_model ?? null,
  trainingFile: j.training_file,
  validationFile: j.validation_file ?? null,
  // Healthy jobs carry an object of nulls, not null (openai-api.md §0.7).
  error: j.error && (j.error.code || j.error.message) ? { code: j.error.code ?? null, message: j.error.message ?? null, param: j.error.param ?? null } : null,
  metadata: (j.metadata ?? {}) as Record<string, string>,
  resultFiles: j.result_files ?? [],
  trainedTokens: j.trained_tokens ?? null,
  createdAt: j.created_at,
  finishedAt: j.finished_at ?? null,
  estimatedFinish: j.estimated_finish ?? null,
  hyperparameters: (j.hyperparameters as Record<string, unknown> | undefined) ?? null,
});

const toRemoteFile = (f: OpenAI.Files.FileObject): RemoteFile => ({ id: f.id, filename: f.filename, bytes: f.bytes, purpose: f.purpose, status: f.status });

/** The tag as job metadata, which OpenAI stores and filters jobs by. */
export const tagMetadata = (tag: JobTag): Record<string, string> => ({
  tuneset_run_id: tag.runId,
  tuneset_manifest_sha256: tag.manifestSha256,
  tuneset_attempt: String(tag.attempt),
});

// Creates must not be retried blindly: the server may have committed the first attempt.
const ONCE = { maxRetries: 0 } as const;

/** The OpenAI fine-tuning API (and Azure OpenAI's, which the AzureOpenAI client speaks) as a Trainer. */
export class OpenAITrainer implements Trainer {
  constructor(
    readonly client: OpenAI,
    readonly provider: string,
  ) {}

  async checkAccess(): Promise<void> {
    await this.client.models.list();
    await this.client.fineTuning.jobs.list({ limit: 1 });
  }

  async findUploadedFile(filename: string, bytes: number): Promise<RemoteFile | undefined> {
    for await (const f of this.client.files.list({ purpose: 'fine-tune' })) {
      if (f.filename === filename && f.bytes === bytes && f.status !== 'error') return toRemoteFile(f);
    }
    return undefined;
  }

  async uploadFile(filename: string, content: Buffer): Promise<RemoteFile> {
    // A buffered body (toFile), not a stream: the SDK can only resend buffered bodies (openai-api.md §0.8).
    const file = await toFile(content, filename, { type: 'application/jsonl' });
    return toRemoteFile(await this.client.files.create({ file, purpose: 'fine-tune' }, ONCE));
  }

  async findJobs(tag: JobTag): Promise<RemoteJob[]> {
    const wanted = tagMetadata(tag);
    const found: RemoteJob[] = [];
    for await (const j of this.client.fineTuning.jobs.list({ metadata: { tuneset_run_id: tag.runId }, limit: 100 })) {
      // Filter again here: a server that ignores the metadata filter must not make us adopt a stranger's job.
      const m = (j.metadata ?? {}) as Record<string, string>;
      if (Object.entries(wanted).every(([k, v]) => m[k] === v)) found.push(toRemoteJob(j));
    }
    return found;
  }

  async createJob(r: JobRequest): Promise<RemoteJob> {
    const hyperparameters = r.hyperparameters;
    const method: OpenAI.FineTuning.JobCreateParams.Method =
      r.method === 'dpo' ? { type: 'dpo', dpo: { hyperparameters } } : { type: 'supervised', supervised: { hyperparameters } };
    const job = await this.client.fineTuning.jobs.create(
      {
        model: r.model,
        training_file: r.trainingFile,
        ...(r.validationFile ? { validation_file: r.validationFile } : {}),
        method,
        ...(r.suffix ? { suffix: r.suffix } : {}),
        ...(r.seed !== undefined ? { seed: r.seed } : {}),
        metadata: tagMetadata(r.tag),
      },
      ONCE,
    );
    return toRemoteJob(job);
  }

  async retrieveJob(id: string): Promise<RemoteJob> {
    return toRemoteJob(await this.client.fineTuning.jobs.retrieve(id));
  }

  async eventsSince(jobId: string, afterEventId: string | undefined): Promise<JobEvent[]> {
    // Events come newest first; walk back until the last one already seen.
    const newer: JobEvent[] = [];
    for await (const e of this.client.fineTuning.jobs.listEvents(jobId, { limit: 100 })) {
      if (e.id === afterEventId) break;
      newer.push({ id: e.id, createdAt: e.created_at, level: e.level, message: e.message, type: e.type, data: (e.data as Record<string, unknown> | null) ?? null });
    }
    return newer.reverse();
  }

  async listCheckpoints(jobId: string): Promise<Checkpoint[]> {
    const out: Checkpoint[] = [];
    for await (const c of this.client.fineTuning.jobs.checkpoints.list(jobId, { limit: 100 })) {
      out.push({ id: c.id, model: c.fine_tuned_model_checkpoint, step: c.step_number, metrics: c.metrics as Record<string, number>, createdAt: c.created_at });
    }
    return out.sort((a, b) => a.step - b.step);
  }

  async cancelJob(id: string): Promise<RemoteJob> {
    return toRemoteJob(await this.client.fineTuning.jobs.cancel(id));
  }

  retryable(error: unknown): boolean {
    return isRetryable(error);
  }

  retryAfterMs(error: unknown): number | undefined {
    return retryAfterMs(error);
  }

  async downloadFile(id: string): Promise<Buffer> {
    const res = await this.client.files.content(id);
    return Buffer.from(await res.arrayBuffer());
  }
}
