import { isTerminal, type Checkpoint, type JobEvent, type JobRequest, type JobTag, type RemoteFile, type RemoteJob, type Trainer } from '../../train/trainer.js';
import { suffixHasTag, tagMark, taggedSuffix } from './job-tag.js';
import { metricsCsv } from './metrics-csv.js';
import { isRetryableStatus, TogetherApiError, type TogetherHttp } from './together-http.js';
import type { TogetherCheckpoint, TogetherEvent, TogetherFile, TogetherJob, TogetherMetrics } from './wire.js';

/** Together's end states in our words (trainer.ts TERMINAL_STATUSES); the others pass through as they are. */
const STATUS: Record<string, string> = { completed: 'succeeded', error: 'failed', cancelled: 'cancelled' };

/** Together has no result file; this id stands for its metrics endpoint, which downloadFile reads. */
const METRICS_PREFIX = 'together-metrics:';

const seconds = (iso: string | undefined): number | null => {
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

const toRemoteFile = (f: TogetherFile): RemoteFile => ({
  id: f.id,
  filename: f.filename,
  bytes: f.bytes,
  purpose: f.purpose,
  status: f.Processed === false ? 'uploaded' : 'processed',
});

/** An event's id: Together's `hash`, or what makes it unique when a server leaves that empty. */
const eventId = (e: TogetherEvent): string => e.hash || `${e.created_at}|${e.type}|${e.step ?? ''}|${e.message}`;

const toRemoteJob = (j: TogetherJob): RemoteJob => {
  const status = STATUS[j.status] ?? j.status;
  // The job object carries no error field: the reason is the last job_error event it lists.
  const failure = status === 'failed' ? [...(j.events ?? [])].reverse().find((e) => e.type === 'job_error' || e.level === 'error') : undefined;
  return {
    id: j.id,
    status,
    model: j.model ?? '',
    // Named at creation, but a model only once the job completed.
    fineTunedModel: status === 'succeeded' ? (j.model_output_name ?? null) : null,
    trainingFile: j.training_file ?? '',
    validationFile: j.validation_file || null,
    error: status === 'failed' ? { code: null, message: failure?.message ?? 'the job ended with status error', param: null } : null,
    metadata: j.suffix ? { suffix: j.suffix } : {},
    resultFiles: status === 'succeeded' ? [`${METRICS_PREFIX}${j.id}`] : [],
    trainedTokens: j.token_count ?? null,
    createdAt: seconds(j.created_at) ?? 0,
    finishedAt: isTerminal(status) ? seconds(j.updated_at) : null,
    estimatedFinish: null,
    hyperparameters: {
      n_epochs: j.n_epochs,
      batch_size: j.batch_size,
      learning_rate: j.learning_rate,
      training_type: j.training_type?.type,
      lora_r: j.training_type?.lora_r,
      lora_alpha: j.training_type?.lora_alpha,
    },
  };
};

/** Whether a listed job carries the tag: its suffix, or (where a list leaves the suffix out) its output model's name. */
const jobHasTag = (j: TogetherJob, tag: JobTag): boolean => {
  if (j.suffix !== undefined && j.suffix !== null) return suffixHasTag(j.suffix, tag);
  const mark = tagMark(tag);
  const name = j.model_output_name ?? '';
  return name.includes(`-${mark}-`) || name.endsWith(`-${mark}`);
};

const path = (id: string) => encodeURIComponent(id);

/** Together AI's fine-tuning API (api.together.xyz/v1) as a Trainer, over plain fetch. */
export class TogetherTrainer implements Trainer {
  readonly provider = 'together';

  constructor(readonly http: TogetherHttp) {}

  async checkAccess(): Promise<void> {
    await this.http.send({ method: 'GET', path: '/models' });
    await this.http.send({ method: 'GET', path: '/fine-tunes' });
  }

  async findUploadedFile(filename: string, bytes: number): Promise<RemoteFile | undefined> {
    const list = await this.http.json<{ data?: TogetherFile[] }>({ method: 'GET', path: '/files' });
    const found = (list.data ?? []).find((f) => f.filename === filename && f.bytes === bytes && f.purpose === 'fine-tune');
    return found ? toRemoteFile(found) : undefined;
  }

  async uploadFile(filename: string, content: Buffer): Promise<RemoteFile> {
    const form = new FormData();
    form.set('purpose', 'fine-tune');
    form.set('file_name', filename);
    form.set('file_type', 'jsonl');
    form.set('file', new Blob([new Uint8Array(content)], { type: 'application/jsonl' }), filename);
    return toRemoteFile(await this.http.json<TogetherFile>({ method: 'POST', path: '/files/upload', form, once: true }));
  }

  async findJobs(tag: JobTag): Promise<RemoteJob[]> {
    const list = await this.http.json<{ data?: TogetherJob[] }>({ method: 'GET', path: '/fine-tunes' });
    return (list.data ?? [])
      .filter((j) => jobHasTag(j, tag))
      .map(toRemoteJob)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The body of `POST /fine-tunes`, in Together's flat names (exported for the dry run and tests). */
  static body(r: JobRequest): Record<string, unknown> {
    const h = r.hyperparameters;
    const body: Record<string, unknown> = { model: r.model, training_file: r.trainingFile };
    if (r.validationFile) body['validation_file'] = r.validationFile;
    if (typeof h.n_epochs === 'number') body['n_epochs'] = h.n_epochs;
    body['batch_size'] = typeof h.batch_size === 'number' ? h.batch_size : 'max';
    if (h.learning_rate !== undefined) body['learning_rate'] = h.learning_rate;
    // One checkpoint per epoch, and one evaluation per epoch when there is a validation file.
    const epochs = typeof h.n_epochs === 'number' ? h.n_epochs : 1;
    body['n_checkpoints'] = epochs;
    if (r.validationFile) body['n_evals'] = epochs;
    if (r.contextLength !== undefined) body['max_seq_length'] = r.contextLength;
    if (r.seed !== undefined) body['random_seed'] = r.seed;
    body['suffix'] = taggedSuffix(r.suffix, r.tag);
    // train_on_inputs false masks prompts, what "auto" does for chat data; the schema types it boolean.
    body['training_method'] = r.method === 'dpo' ? { method: 'dpo' } : { method: 'sft', train_on_inputs: false };
    // No training_type at all is Together's default, LoRA at the model's own rank.
    if (r.adaptation === 'full') body['training_type'] = { type: 'Full' };
    else if (h.lora_rank !== undefined) body['training_type'] = { type: 'Lora', lora_r: h.lora_rank, lora_alpha: h.lora_alpha ?? h.lora_rank * 2 };
    return body;
  }

  async createJob(r: JobRequest): Promise<RemoteJob> {
    return toRemoteJob(await this.http.json<TogetherJob>({ method: 'POST', path: '/fine-tunes', json: TogetherTrainer.body(r), once: true }));
  }

  async retrieveJob(id: string): Promise<RemoteJob> {
    return toRemoteJob(await this.http.json<TogetherJob>({ method: 'GET', path: `/fine-tunes/${path(id)}` }));
  }

  async eventsSince(jobId: string, afterEventId: string | undefined): Promise<JobEvent[]> {
    const list = await this.http.json<{ data?: TogetherEvent[] }>({ method: 'GET', path: `/fine-tunes/${path(jobId)}/events` });
    // Oldest first; a stable sort keeps the server's order for events of the same moment.
    const all = (list.data ?? [])
      .map((e, i) => ({ e, i, t: Date.parse(e.created_at) || 0 }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map(({ e }) => ({
        id: eventId(e),
        createdAt: seconds(e.created_at) ?? 0,
        level: e.level ?? 'info',
        message: e.message,
        type: e.type,
        // Step 0 is what events not about a step carry.
        data: e.step ? { step: e.step, ...(e.total_steps !== undefined ? { total_steps: e.total_steps } : {}) } : null,
      }));
    const seen = afterEventId === undefined ? -1 : all.findIndex((e) => e.id === afterEventId);
    return all.slice(seen + 1);
  }

  async listCheckpoints(jobId: string): Promise<Checkpoint[]> {
    const list = await this.http.json<{ data?: TogetherCheckpoint[] }>({ method: 'GET', path: `/fine-tunes/${path(jobId)}/checkpoints` });
    const job = await this.http.json<TogetherJob>({ method: 'GET', path: `/fine-tunes/${path(jobId)}` });
    return (list.data ?? [])
      .map((c) => {
        const final = !/intermediate/i.test(c.checkpoint_type);
        return {
          id: `${jobId}:${c.step}`,
          // The names `from_checkpoint` takes (together-python's own naming): the job for the final one, `job:step` otherwise.
          model: final ? (job.model_output_name ?? jobId) : `${jobId}:${c.step}`,
          step: c.step,
          metrics: {},
          createdAt: seconds(c.created_at) ?? 0,
        };
      })
      .sort((a, b) => a.step - b.step);
  }

  async cancelJob(id: string): Promise<RemoteJob> {
    // Cancelling twice is harmless, so this one may be retried like a read.
    await this.http.send({ method: 'POST', path: `/fine-tunes/${path(id)}/cancel` });
    return this.retrieveJob(id);
  }

  async downloadFile(id: string): Promise<Buffer> {
    if (id.startsWith(METRICS_PREFIX)) {
      const jobId = id.slice(METRICS_PREFIX.length);
      return Buffer.from(metricsCsv(await this.http.json<TogetherMetrics>({ method: 'GET', path: `/fine-tunes/${path(jobId)}/metrics` })), 'utf8');
    }
    const res = await this.http.send({ method: 'GET', path: `/files/${path(id)}/content` });
    return Buffer.from(await res.arrayBuffer());
  }

  retryable(error: unknown): boolean {
    return error instanceof TogetherApiError && isRetryableStatus(error.status);
  }

  retryAfterMs(error: unknown): number | undefined {
    return error instanceof TogetherApiError ? error.retryAfterMs : undefined;
  }
}
