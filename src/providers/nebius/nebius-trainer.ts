import OpenAI from 'openai';
import type { JobEvent, JobRequest, JobTag, RemoteJob } from '../../train/trainer.js';
import { OpenAITrainer } from '../openai/openai-trainer.js';
import { nebiusJobBody, toNebiusRemoteJob, type NebiusJob } from './job-body.js';
import { suffixHasTag } from './suffix-tag.js';

/**
 * Nebius Token Factory through the openai SDK at Nebius' base URL: files, checkpoints, downloads,
 * access checks and retry rules are OpenAITrainer's, unchanged (the same paths and objects). What
 * differs: the create body (job-body.ts), the job object (no metadata, no fine_tuned_model), and
 * where the tag lives (the suffix), so jobs are found by listing and matching suffixes.
 */
export class NebiusTrainer extends OpenAITrainer {
  constructor(client: OpenAI) {
    super(client, 'nebius');
  }

  override async findJobs(tag: JobTag): Promise<RemoteJob[]> {
    const found: RemoteJob[] = [];
    const seen = new Set<string>();
    // No server-side filter is documented: every job is listed and matched here. A page that
    // repeats an id ends the walk, so a server that ignores `after` cannot loop us forever.
    for await (const j of this.client.fineTuning.jobs.list({ limit: 100 })) {
      if (seen.has(j.id)) break;
      seen.add(j.id);
      const job = j as unknown as NebiusJob;
      if (suffixHasTag(job.suffix, tag)) found.push(toNebiusRemoteJob(job));
    }
    return found.sort((a, b) => b.createdAt - a.createdAt);
  }

  override async createJob(r: JobRequest): Promise<RemoteJob> {
    const body = nebiusJobBody(r);
    // Once: the server may have committed the first attempt (start-training looks it up before retrying).
    const job = await this.client.fineTuning.jobs.create(body as unknown as OpenAI.FineTuning.JobCreateParams, { maxRetries: 0 });
    return toNebiusRemoteJob(job as unknown as NebiusJob);
  }

  override async retrieveJob(id: string): Promise<RemoteJob> {
    const job = toNebiusRemoteJob((await this.client.fineTuning.jobs.retrieve(id)) as unknown as NebiusJob);
    if (job.status !== 'succeeded' || job.fineTunedModel !== null) return job;
    // Nebius names no fine-tuned model on the job: the trained weights are its last checkpoint,
    // which a custom model (POST /v0/models, source `<job>:<checkpoint>`) then serves for chat.
    const last = (await this.listCheckpoints(id)).at(-1);
    return { ...job, fineTunedModel: last?.model ?? null };
  }

  override async cancelJob(id: string): Promise<RemoteJob> {
    return toNebiusRemoteJob((await this.client.fineTuning.jobs.cancel(id)) as unknown as NebiusJob);
  }

  override async eventsSince(jobId: string, afterEventId: string | undefined): Promise<JobEvent[]> {
    try {
      return await super.eventsSince(jobId, afterEventId);
    } catch (error) {
      // Events are not in Nebius' API reference: without them, watch follows the status alone.
      if (error instanceof OpenAI.NotFoundError) return [];
      throw error;
    }
  }
}
