import type { JobEvent, RemoteJob } from '../../train/trainer.js';
import { lastSegment } from './resource-ids.js';

/**
 * A supervised fine-tuning job as Fireworks returns it (camelCase, proto3 JSON: fields that hold
 * their default are left out), and the same job in our terms.
 */
export interface FireworksJob {
  name?: string;
  displayName?: string;
  state?: string;
  status?: { code?: string; message?: string } | null;
  baseModel?: string;
  outputModel?: string;
  dataset?: string;
  evaluationDataset?: string;
  createTime?: string;
  completedTime?: string;
  updateTime?: string;
  epochs?: number;
  learningRate?: number;
  loraRank?: number;
  maxContextLength?: number;
  batchSize?: number;
  jobProgress?: { percent?: number; epoch?: number; inputTokens?: number } | null;
  metricsFileSignedUrl?: string;
}

/**
 * JOB_STATE_* in our words: the terminal three are the ones `isTerminal` knows; every state that
 * is still moving maps to a running word, and one we do not know stays as Fireworks spells it,
 * which `isTerminal` treats as still running (never as an end).
 */
const STATES: Record<string, string> = {
  JOB_STATE_UNSPECIFIED: 'queued',
  JOB_STATE_CREATING: 'queued',
  JOB_STATE_PENDING: 'queued',
  JOB_STATE_RE_QUEUEING: 'queued',
  JOB_STATE_IDLE: 'queued',
  JOB_STATE_VALIDATING: 'validating_files',
  JOB_STATE_CREATING_INPUT_DATASET: 'validating_files',
  JOB_STATE_RUNNING: 'running',
  JOB_STATE_WRITING_RESULTS: 'running',
  JOB_STATE_PAUSED: 'paused',
  JOB_STATE_CANCELLING: 'cancelling',
  JOB_STATE_DELETING: 'cancelling',
  JOB_STATE_DELETING_CLEANING_UP: 'cancelling',
  JOB_STATE_COMPLETED: 'succeeded',
  JOB_STATE_EARLY_STOPPED: 'succeeded',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_EXPIRED: 'failed',
  JOB_STATE_CANCELLED: 'cancelled',
};

export const statusOf = (state: string | undefined): string => STATES[state ?? 'JOB_STATE_UNSPECIFIED'] ?? state ?? 'queued';

const seconds = (iso: string | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

/** The metrics file's id for downloadFile: the job, not the signed URL (a credential, never shown). */
export const METRICS_FILE_PREFIX = 'fireworks-metrics:';

export const toRemoteJob = (j: FireworksJob): RemoteJob => {
  const status = statusOf(j.state);
  const id = lastSegment(j.name ?? '');
  const failed = status === 'failed';
  return {
    id,
    status,
    model: j.baseModel ?? '',
    fineTunedModel: status === 'succeeded' ? (j.outputModel ?? null) : null,
    trainingFile: lastSegment(j.dataset ?? ''),
    validationFile: j.evaluationDataset ? lastSegment(j.evaluationDataset) : null,
    error: failed ? { code: j.status?.code ?? j.state ?? null, message: j.status?.message ?? null, param: null } : null,
    metadata: j.displayName ? { displayName: j.displayName } : {},
    resultFiles: status === 'succeeded' && j.metricsFileSignedUrl ? [`${METRICS_FILE_PREFIX}${id}`] : [],
    trainedTokens: j.jobProgress?.inputTokens ?? null,
    createdAt: seconds(j.createTime) ?? 0,
    finishedAt: status === 'succeeded' || failed || status === 'cancelled' ? (seconds(j.completedTime) ?? seconds(j.updateTime)) : null,
    estimatedFinish: null,
    hyperparameters: {
      epochs: j.epochs ?? null,
      learningRate: j.learningRate ?? null,
      loraRank: j.loraRank ?? null,
      batchSize: j.batchSize ?? null,
      maxContextLength: j.maxContextLength ?? null,
    },
  };
};

/**
 * Fireworks' SFT API has no event list: the job object's state and jobProgress are what it says
 * while it runs. This turns the job as polled into at most one event, whose id is the state and
 * progress, so a poll that saw nothing new yields nothing and each change yields one line.
 */
export const progressEvent = (j: FireworksJob): JobEvent => {
  const state = j.state ?? 'JOB_STATE_UNSPECIFIED';
  const percent = j.jobProgress?.percent;
  const epoch = j.jobProgress?.epoch;
  const progress = percent === undefined ? '' : `: ${percent}%${epoch === undefined ? '' : ` (epoch ${epoch})`}`;
  const failure = statusOf(state) === 'failed' && j.status?.message ? `: ${j.status.message}` : '';
  return {
    id: `${lastSegment(j.name ?? '')}:${state}:${percent ?? '-'}:${epoch ?? '-'}`,
    createdAt: seconds(j.updateTime) ?? seconds(j.createTime) ?? 0,
    level: statusOf(state) === 'failed' ? 'error' : 'info',
    message: `${state}${progress}${failure}`,
    type: percent === undefined ? 'message' : 'metrics',
    data: percent === undefined ? null : { percent, ...(epoch === undefined ? {} : { epoch }) },
  };
};
