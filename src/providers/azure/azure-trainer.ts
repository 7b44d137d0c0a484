import type OpenAI from 'openai';
import type { JobRequest, JobTag, RemoteJob } from '../../train/trainer.js';
import { OpenAITrainer, tagMetadata, toRemoteJob } from '../openai/openai-trainer.js';
import { GLOBAL_TRAINING_ONLY } from './model-table.js';

/**
 * Azure OpenAI / Foundry speaks OpenAI's fine-tuning protocol (v1: OpenAI's paths under
 * `/openai/v1`), so everything is OpenAITrainer's, uploads, lookups, events, checkpoints and the
 * job tag in `metadata` included. One difference: the open models train only on Global capacity
 * (Microsoft's table: "Standard regions: Not supported"), so their jobs say `trainingType:
 * GlobalStandard`, the extra body field Microsoft's SDK guide sends; OpenAI models keep Azure's
 * default (Standard, data stays in the resource's region). And jobs are looked up without OpenAI's
 * `metadata[...]` list filter, which Azure's pages do not document: every job is listed (the
 * standard `limit`/`after` paging) and the tag matched here, as OpenAITrainer does again anyway.
 */
export class AzureTrainer extends OpenAITrainer {
  constructor(client: OpenAI) {
    super(client, 'azure');
  }

  override async findJobs(tag: JobTag): Promise<RemoteJob[]> {
    const wanted = Object.entries(tagMetadata(tag));
    const found: RemoteJob[] = [];
    for await (const j of this.client.fineTuning.jobs.list({ limit: 100 })) {
      const m = (j.metadata ?? {}) as Record<string, string>;
      if (wanted.every(([k, v]) => m[k] === v)) found.push(toRemoteJob(j));
    }
    return found;
  }

  override async createJob(r: JobRequest): Promise<RemoteJob> {
    if (!GLOBAL_TRAINING_ONLY.has(r.model)) return super.createJob(r);
    const hyperparameters = r.hyperparameters;
    const body = {
      model: r.model,
      training_file: r.trainingFile,
      ...(r.validationFile ? { validation_file: r.validationFile } : {}),
      method: { type: 'supervised' as const, supervised: { hyperparameters } },
      ...(r.suffix ? { suffix: r.suffix } : {}),
      ...(r.seed !== undefined ? { seed: r.seed } : {}),
      metadata: tagMetadata(r.tag),
      trainingType: 'GlobalStandard',
    };
    // Once: the server may have committed the first attempt (start-training looks it up before retrying).
    return toRemoteJob(await this.client.fineTuning.jobs.create(body as OpenAI.FineTuning.JobCreateParams, { maxRetries: 0 }));
  }
}
