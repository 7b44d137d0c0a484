import type { FakeCore } from '../core.js';
import { storeProcessedFile } from '../processed-file.js';
import { checkpointsOf } from './checkpoints.js';
import { resultCsv } from './result-csv.js';
import { jobState, TERMINAL } from './timeline.js';

/**
 * The side effects of a job's success, stored the first time a request observes it: the result
 * file (created at the job's finish time, so it sorts where it would have appeared) and the
 * fine-tuned and kept checkpoint models, which chat completions and /v1/models then accept.
 */
export const finalizeJobs = (core: FakeCore, now = core.clock.nowFractionalSeconds()): void => {
  for (const job of core.store.jobs.values()) {
    if (job.finalized) continue;
    const state = jobState(job, now);
    if (!TERMINAL.has(state.status)) continue;
    job.finalized = true;
    if (state.status !== 'succeeded') continue;
    const finishedAt = Math.floor(state.finishedAt!);
    const csv = Buffer.from(resultCsv(job), 'utf8');
    const content = core.config.resultFileBase64 ? Buffer.from(csv.toString('base64'), 'ascii') : csv;
    const fileId = core.ids.file();
    storeProcessedFile(core.store, { id: fileId, created_at: finishedAt, expires_at: null, filename: 'step_metrics.csv', purpose: 'fine-tune-results', content });
    job.resultFileId = fileId;
    for (const ckpt of checkpointsOf(job)) {
      const final = ckpt.fine_tuned_model_checkpoint === job.fineTunedModel;
      core.store.models.set(ckpt.fine_tuned_model_checkpoint, {
        id: ckpt.fine_tuned_model_checkpoint,
        kind: final ? 'fine-tuned' : 'checkpoint',
        created: final ? finishedAt : ckpt.created_at,
        ownedBy: core.config.organizationId,
        jobId: job.id,
        baseSnapshot: job.baseSnapshot,
        step: ckpt.step_number,
        deleted: false,
      });
    }
  }
};
