import { TunesetError } from '../../pipeline/errors.js';
import type { Checkpoint, JobEvent, JobRequest, JobTag, RemoteFile, RemoteJob, Trainer } from '../../train/trainer.js';
import { isTerminal } from '../../train/trainer.js';
import { isAlreadyExists, isNotFound, isRetryable, retryAfterMsOf } from './fireworks-errors.js';
import type { FireworksHttp } from './fireworks-http.js';
import { metricsJsonlToCsv } from './metrics-file.js';
import { METRICS_FILE_PREFIX, progressEvent, toRemoteJob, type FireworksJob } from './remote-job.js';
import { datasetIdFor, displayNameFor, jobIdFor } from './resource-ids.js';

/** `:upload` takes files up to 150 MB (the reference); larger ones need the signed-URL flow, not spoken here. */
export const MAX_UPLOAD_BYTES = 150 * 1024 * 1024;

interface FireworksDataset {
  name?: string;
  state?: string;
  displayName?: string;
  exampleCount?: string;
}

const JOBS = '/supervisedFineTuningJobs';

/** Lines that hold an example: what Fireworks counts as `exampleCount`. */
const exampleCount = (content: Buffer): number => content.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '').length;

/**
 * Fireworks' datasets and supervised fine-tuning jobs as a Trainer. Ids are chosen here, from the
 * upload's file name and from the job's tag (resource-ids.ts), so every lookup is a GET by id:
 * a dataset or job an earlier, killed run made is found again, and a create that races one gets
 * 409 ALREADY_EXISTS, which is read as "found".
 */
export class FireworksTrainer implements Trainer {
  readonly provider = 'fireworks';

  constructor(readonly http: FireworksHttp) {}

  async checkAccess(): Promise<void> {
    await this.http.request({ method: 'GET', path: '/datasets', query: { pageSize: 1 } });
    await this.http.request({ method: 'GET', path: JOBS, query: { pageSize: 1 } });
  }

  private async getDataset(id: string): Promise<FireworksDataset | undefined> {
    try {
      const d = await this.http.request<FireworksDataset>({ method: 'GET', path: `/datasets/${id}` });
      // A body without a name is no dataset (a dry run without a key answers lookups with `{}`).
      return typeof d.name === 'string' ? d : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private remoteFile(id: string, filename: string, bytes: number, status: string): RemoteFile {
    return { id, filename, bytes, purpose: 'fine-tune', status };
  }

  /**
   * The dataset named after this upload, if it is READY. Its id carries the run id and the first
   * 16 hex of the content's sha256 (uploadName), so READY under that id is this content. One still
   * UPLOADING (created, upload lost) is not an upload yet: uploadFile finishes it.
   */
  async findUploadedFile(filename: string, bytes: number): Promise<RemoteFile | undefined> {
    const id = datasetIdFor(filename);
    const dataset = await this.getDataset(id);
    return dataset?.state === 'READY' ? this.remoteFile(id, filename, bytes, 'READY') : undefined;
  }

  async uploadFile(filename: string, content: Buffer): Promise<RemoteFile> {
    if (content.length > MAX_UPLOAD_BYTES) {
      throw new TunesetError(
        `${filename} is ${content.length} bytes; Fireworks' one-request dataset upload takes at most 150 MB, and tuneset does not speak its signed-URL upload: split the data or upload it with firectl`,
      );
    }
    const id = datasetIdFor(filename);
    try {
      await this.http.request({
        method: 'POST',
        path: '/datasets',
        json: { datasetId: id, dataset: { displayName: filename, exampleCount: String(exampleCount(content)), format: 'CHAT' } },
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      // Made by an earlier attempt: finished already, or still waiting for its file.
      const existing = await this.getDataset(id);
      if (existing?.state === 'READY') return this.remoteFile(id, filename, content.length, 'READY');
    }
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type: 'application/jsonl' }), filename);
    const uploaded = await this.http.request<{ bytes?: number }>({ method: 'POST', path: `/datasets/${id}:upload`, form });
    return this.remoteFile(id, filename, uploaded.bytes ?? content.length, 'uploaded');
  }

  private async getJob(id: string): Promise<FireworksJob | undefined> {
    try {
      const j = await this.http.request<FireworksJob>({ method: 'GET', path: `${JOBS}/${id}` });
      return typeof j.name === 'string' ? j : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The job whose id this tag makes, if it also carries this tag's displayName: never a stranger's job. */
  async findJobs(tag: JobTag): Promise<RemoteJob[]> {
    const job = await this.getJob(jobIdFor(tag));
    return job && job.displayName === displayNameFor(tag) ? [toRemoteJob(job)] : [];
  }

  /** The job body: our settings by Fireworks' names (index.ts lists them as data); refuses what it has no name for. */
  private jobBody(r: JobRequest): Record<string, unknown> {
    const refuse = (what: string) => {
      throw new TunesetError(`Fireworks' supervised fine-tuning jobs have no ${what}; remove it from the pipeline's .train({...}) for --provider fireworks`);
    };
    if (r.method === 'dpo') refuse('DPO method (Fireworks trains DPO through dpoJobs, which tuneset does not speak)');
    if (r.adaptation === 'full') refuse('full-parameter switch (they train LoRA adapters)');
    const hp = r.hyperparameters;
    if (typeof hp.learning_rate_multiplier === 'number') refuse('learning-rate multiplier (set learningRate, an absolute rate)');
    if (hp.lora_alpha !== undefined) refuse('LoRA alpha setting');
    const number = (v: number | 'auto' | undefined) => (typeof v === 'number' ? v : undefined);
    const body: Record<string, unknown> = {
      displayName: displayNameFor(r.tag),
      baseModel: r.model,
      dataset: this.http.resourceName('datasets', r.trainingFile),
      ...(r.validationFile ? { evaluationDataset: this.http.resourceName('datasets', r.validationFile) } : {}),
      epochs: number(hp.n_epochs),
      learningRate: hp.learning_rate,
      loraRank: hp.lora_rank,
      batchSize: number(hp.batch_size),
      maxContextLength: r.contextLength,
    };
    return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  }

  async createJob(r: JobRequest): Promise<RemoteJob> {
    const id = jobIdFor(r.tag);
    try {
      const job = await this.http.request<FireworksJob>({ method: 'POST', path: JOBS, query: { supervisedFineTuningJobId: id }, json: this.jobBody(r) });
      return toRemoteJob(job);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      // Committed by an attempt whose answer was lost: the same id and tag is this job.
      const [found] = await this.findJobs(r.tag);
      if (found) return found;
      throw new TunesetError(`Fireworks job id ${id} is taken by a job that does not carry this run's tag (displayName "${displayNameFor(r.tag)}"); delete it or start another attempt with --new-job`, { cause: error });
    }
  }

  async retrieveJob(id: string): Promise<RemoteJob> {
    return toRemoteJob(await this.http.request<FireworksJob>({ method: 'GET', path: `${JOBS}/${id}` }));
  }

  async eventsSince(jobId: string, afterEventId: string | undefined): Promise<JobEvent[]> {
    const event = progressEvent(await this.http.request<FireworksJob>({ method: 'GET', path: `${JOBS}/${jobId}` }));
    return event.id === afterEventId ? [] : [event];
  }

  /**
   * Fireworks' SFT jobs list no intermediate checkpoints: the one result is the output model (a
   * LoRA addon), shown at the last step of the metrics file when there is one.
   */
  async listCheckpoints(jobId: string): Promise<Checkpoint[]> {
    const job = await this.http.request<FireworksJob>({ method: 'GET', path: `${JOBS}/${jobId}` });
    const remote = toRemoteJob(job);
    if (remote.status !== 'succeeded' || !job.outputModel) return [];
    let step = 0;
    let metrics: Record<string, number> = {};
    if (job.metricsFileSignedUrl) {
      const lines = (await this.metricsCsv(job)).trim().split('\n');
      const header = lines[0]!.split(',');
      const last = lines.length > 1 ? lines.at(-1)!.split(',') : [];
      step = Number(last[0] ?? 0);
      metrics = Object.fromEntries(header.slice(1).flatMap((c, i) => (last[i + 1] ? [[c, Number(last[i + 1])]] : [])));
    }
    return [{ id: job.outputModel, model: job.outputModel, step, metrics, createdAt: remote.finishedAt ?? remote.createdAt }];
  }

  private async metricsCsv(job: FireworksJob): Promise<string> {
    return metricsJsonlToCsv((await this.http.download(job.metricsFileSignedUrl!, `the metrics file of job ${job.name}`)).toString('utf8'));
  }

  /** Fireworks cancels a job by deleting it; the job as it stood is returned with the cancel applied. */
  async cancelJob(id: string): Promise<RemoteJob> {
    const before = await this.retrieveJob(id);
    if (isTerminal(before.status)) return before;
    await this.http.request({ method: 'DELETE', path: `${JOBS}/${id}` });
    const after = await this.getJob(id);
    return after ? toRemoteJob(after) : { ...before, status: 'cancelled' };
  }

  async downloadFile(id: string): Promise<Buffer> {
    if (!id.startsWith(METRICS_FILE_PREFIX)) throw new TunesetError(`Fireworks has no file ${id}: the only file tuneset downloads there is a job's metrics file`);
    const job = await this.http.request<FireworksJob>({ method: 'GET', path: `${JOBS}/${id.slice(METRICS_FILE_PREFIX.length)}` });
    if (!job.metricsFileSignedUrl) throw new TunesetError(`Fireworks job ${job.name ?? id} has no metrics file (yet)`);
    return Buffer.from(await this.metricsCsv(job), 'utf8');
  }

  retryable(error: unknown): boolean {
    return isRetryable(error);
  }

  retryAfterMs(error: unknown): number | undefined {
    return retryAfterMsOf(error);
  }
}
