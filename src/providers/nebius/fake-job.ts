import { ApiError } from '../fake/api-error.js';
import type { JobRecord } from '../fake/jobs/job-record.js';
import { estimatedFinish, jobState, TERMINAL } from '../fake/jobs/timeline.js';
import type { FakeStore } from '../fake/store.js';

/**
 * Nebius' side of the fake's jobs: the create body's checks and the job object, as the Token
 * Factory API reference documents them (FastAPI: a body that fails validation is a 422 with
 * `{"detail": [{loc, msg, type}]}`; the job has flat hyperparameters, `suffix`, `trained_steps`
 * and `total_steps`, and neither `metadata` nor `fine_tuned_model`).
 */

/**
 * An error in FastAPI's shape, `{"detail": ...}`: a list of `{loc, msg, type}` for a body that fails
 * validation (422), a sentence otherwise. The fake's default is OpenAI's envelope; Nebius' is this.
 */
export class DetailError extends ApiError {
  constructor(
    status: number,
    readonly detail: string | { loc: (string | number)[]; msg: string; type: string; input?: unknown }[],
  ) {
    super(status, typeof detail === 'string' ? detail : detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; '), 'invalid_request_error', null, null);
  }

  override body(): ReturnType<ApiError['body']> {
    return { detail: this.detail } as unknown as ReturnType<ApiError['body']>;
  }
}

type Problem = { loc: (string | number)[]; msg: string; type: string; input?: unknown };

/** Nebius' hyperparameters as the job shows them, defaults filled in (the reference's example values). */
export interface NebiusFakeHyperparameters {
  batch_size: number;
  learning_rate: number;
  n_epochs: number;
  warmup_ratio: number;
  weight_decay: number;
  lora: boolean;
  lora_r: number;
  lora_alpha: number;
  lora_dropout: number;
  packing: boolean;
  max_grad_norm: number;
  context_length: number;
}

const DEFAULTS: NebiusFakeHyperparameters = {
  batch_size: 8,
  learning_rate: 0.00001,
  n_epochs: 3,
  warmup_ratio: 0,
  weight_decay: 0,
  lora: false,
  lora_r: 8,
  lora_alpha: 8,
  lora_dropout: 0,
  packing: true,
  max_grad_norm: 1,
  context_length: 8192,
};

type Rule = { kind: 'int'; min: number } | { kind: 'number'; min: number; max?: number; exclusiveMin?: boolean } | { kind: 'bool' };

const RULES: Record<keyof NebiusFakeHyperparameters, Rule> = {
  batch_size: { kind: 'int', min: 1 },
  learning_rate: { kind: 'number', min: 0, exclusiveMin: true },
  n_epochs: { kind: 'int', min: 1 },
  warmup_ratio: { kind: 'number', min: 0, max: 1 },
  weight_decay: { kind: 'number', min: 0 },
  lora: { kind: 'bool' },
  lora_r: { kind: 'int', min: 1 },
  lora_alpha: { kind: 'int', min: 1 },
  lora_dropout: { kind: 'number', min: 0, max: 1 },
  packing: { kind: 'bool' },
  max_grad_norm: { kind: 'number', min: 0, exclusiveMin: true },
  context_length: { kind: 'int', min: 1 },
};

export interface NebiusCreate {
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  seed: number | null;
  /** What the client set over Nebius' defaults (the reference's example values). */
  hyperparameters: NebiusFakeHyperparameters;
}

/** The create body's checks; unknown fields are ignored, as pydantic does by default. */
export const parseNebiusCreate = (body: Record<string, unknown>): NebiusCreate => {
  const problems: Problem[] = [];
  const str = (key: string, required: boolean): string | null => {
    const v = body[key];
    if (v === undefined || v === null) {
      if (required) problems.push({ loc: ['body', key], msg: 'Field required', type: 'missing' });
      return null;
    }
    if (typeof v !== 'string') {
      problems.push({ loc: ['body', key], msg: 'Input should be a valid string', type: 'string_type', input: v });
      return null;
    }
    return v;
  };
  const model = str('model', true);
  const trainingFile = str('training_file', true);
  const validationFile = str('validation_file', false);
  const suffix = str('suffix', false);
  if (suffix !== null && suffix.length > 64) problems.push({ loc: ['body', 'suffix'], msg: 'String should have at most 64 characters', type: 'string_too_long', input: suffix });
  const seed = body['seed'];
  if (seed !== undefined && seed !== null && !Number.isInteger(seed)) problems.push({ loc: ['body', 'seed'], msg: 'Input should be a valid integer', type: 'int_type', input: seed });

  const raw = body['hyperparameters'] ?? (body['method'] as { supervised?: { hyperparameters?: unknown } } | undefined)?.supervised?.hyperparameters ?? {};
  const requested: Partial<NebiusFakeHyperparameters> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ loc: ['body', 'hyperparameters'], msg: 'Input should be a valid dictionary or object', type: 'model_type', input: raw });
  } else {
    for (const [key, rule] of Object.entries(RULES) as [keyof NebiusFakeHyperparameters, Rule][]) {
      const v = (raw as Record<string, unknown>)[key];
      if (v === undefined || v === null) continue;
      const loc = ['body', 'hyperparameters', key];
      if (rule.kind === 'bool') {
        if (typeof v !== 'boolean') problems.push({ loc, msg: 'Input should be a valid boolean', type: 'bool_type', input: v });
        else (requested as Record<string, unknown>)[key] = v;
        continue;
      }
      if (typeof v !== 'number' || (rule.kind === 'int' && !Number.isInteger(v))) {
        problems.push({ loc, msg: `Input should be a valid ${rule.kind === 'int' ? 'integer' : 'number'}`, type: rule.kind === 'int' ? 'int_type' : 'float_type', input: v });
        continue;
      }
      const exclusive = rule.kind === 'number' && rule.exclusiveMin;
      if (exclusive ? v <= rule.min : v < rule.min) {
        problems.push({ loc, msg: `Input should be greater than ${exclusive ? '' : 'or equal to '}${rule.min}`, type: exclusive ? 'greater_than' : 'greater_than_equal', input: v });
      } else if (rule.kind === 'number' && rule.max !== undefined && v > rule.max) {
        problems.push({ loc, msg: `Input should be less than or equal to ${rule.max}`, type: 'less_than_equal', input: v });
      } else (requested as Record<string, unknown>)[key] = v;
    }
  }
  if (problems.length > 0) throw new DetailError(422, problems);
  return {
    model: model!,
    trainingFile: trainingFile!,
    validationFile,
    suffix,
    seed: typeof seed === 'number' ? seed : null,
    hyperparameters: { ...DEFAULTS, ...requested },
  };
};

/** What the fake keeps of a Nebius job beyond the shared JobRecord. */
export interface NebiusJobExtras {
  hyperparameters: NebiusFakeHyperparameters;
}

// Per server (its store), so two fakes in one process never see each other's jobs.
const extrasByStore = new WeakMap<FakeStore, Map<string, NebiusJobExtras>>();

export const nebiusExtras = (store: FakeStore): Map<string, NebiusJobExtras> => {
  let m = extrasByStore.get(store);
  if (!m) extrasByStore.set(store, (m = new Map()));
  return m;
};

/** The job as Nebius' FineTuningJob schema has it, at wall time `now`. */
export const nebiusJobObject = (job: JobRecord, extras: NebiusJobExtras | undefined, now: number) => {
  const state = jobState(job, now);
  const succeeded = state.status === 'succeeded';
  const end = TERMINAL.has(state.status) ? null : estimatedFinish(job);
  return {
    id: job.id,
    object: 'fine_tuning.job' as const,
    created_at: Math.floor(job.createdAt),
    model: job.model,
    status: state.status,
    training_file: job.trainingFile,
    validation_file: job.validationFile,
    error: state.error ? { code: state.error.code, message: state.error.message, param: state.error.param } : null,
    finished_at: state.finishedAt === null ? null : Math.floor(state.finishedAt),
    hyperparameters: extras?.hyperparameters ?? DEFAULTS,
    integrations: [],
    organization_id: '',
    result_files: succeeded && job.resultFileId ? [job.resultFileId] : [],
    seed: job.seed,
    suffix: job.suffix,
    trained_tokens: succeeded ? job.plan.tokensPerEpoch * job.plan.hyperparameters.n_epochs : null,
    estimated_finish: end === null ? null : Math.floor(end),
    trained_steps: state.stepsDone,
    total_steps: job.plan.totalSteps,
  };
};
