import { badRequest, missingParameter } from '../api-error.js';
import type { Auto, MethodType, RequestedHyperparameters } from './job-record.js';

/**
 * The shape checks of `POST /v1/fine_tuning/jobs` (openai-api.md §2.2), before anything is looked
 * up: a malformed body is a 400 right away, as on the real API, not a failed job later.
 */
export interface CreateJobRequest {
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  seed: number | null;
  metadata: Record<string, string> | null;
  integrations: unknown[] | null;
  methodType: MethodType | 'reinforcement';
  requested: RequestedHyperparameters;
  legacyHyperparameters: boolean;
}

const MAX_SEED = 2_147_483_647;

const optionalString = (body: Record<string, unknown>, key: string): string | null => {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw badRequest(`Invalid type for '${key}': expected a string, but got ${typeof v} instead.`, key, 'invalid_type');
  return v;
};

const autoNumber = (
  value: unknown,
  param: string,
  check: (n: number) => boolean,
  rule: string,
): Auto<number> => {
  if (value === undefined || value === 'auto') return 'auto';
  if (typeof value !== 'number' || !check(value)) throw badRequest(`Invalid value for '${param}': expected "auto" or ${rule}.`, param, 'invalid_value');
  return value;
};

const hyperparameters = (raw: unknown, prefix: string, withBeta: boolean): RequestedHyperparameters => {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) throw badRequest(`Invalid type for '${prefix}': expected an object.`, prefix, 'invalid_type');
  const h = (raw ?? {}) as Record<string, unknown>;
  const out: RequestedHyperparameters = {
    n_epochs: autoNumber(h['n_epochs'], `${prefix}.n_epochs`, (n) => Number.isInteger(n) && n >= 1 && n <= 50, 'an integer from 1 to 50'),
    batch_size: autoNumber(h['batch_size'], `${prefix}.batch_size`, (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'an integer from 1 to 256'),
    learning_rate_multiplier: autoNumber(h['learning_rate_multiplier'], `${prefix}.learning_rate_multiplier`, (n) => n > 0, 'a number greater than 0'),
  };
  if (withBeta) out.beta = autoNumber(h['beta'], `${prefix}.beta`, (n) => n > 0 && n <= 2, 'a number in (0, 2]');
  return out;
};

const method = (body: Record<string, unknown>): Pick<CreateJobRequest, 'methodType' | 'requested' | 'legacyHyperparameters'> => {
  const legacy = body['hyperparameters'];
  const m = body['method'];
  if (legacy !== undefined && legacy !== null && m !== undefined && m !== null) {
    throw badRequest('Cannot specify both \'hyperparameters\' and \'method\'; \'hyperparameters\' is deprecated, set them in \'method\' instead.', 'hyperparameters', 'invalid_request');
  }
  if (m === undefined || m === null) return { methodType: 'supervised', requested: hyperparameters(legacy, 'hyperparameters', false), legacyHyperparameters: legacy !== undefined && legacy !== null };
  if (typeof m !== 'object' || Array.isArray(m)) throw badRequest("Invalid type for 'method': expected an object.", 'method', 'invalid_type');
  const type = (m as Record<string, unknown>)['type'];
  if (type !== 'supervised' && type !== 'dpo' && type !== 'reinforcement') {
    throw badRequest(`Invalid value for 'method.type': expected one of 'supervised', 'dpo', 'reinforcement', got ${JSON.stringify(type)}.`, 'method.type', 'invalid_value');
  }
  const section = (m as Record<string, unknown>)[type] as Record<string, unknown> | undefined;
  return { methodType: type, requested: hyperparameters(section?.['hyperparameters'], `method.${type}.hyperparameters`, type === 'dpo'), legacyHyperparameters: false };
};

const metadata = (raw: unknown): Record<string, string> | null => {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest("Invalid type for 'metadata': expected an object.", 'metadata', 'invalid_type');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > 16) throw badRequest(`Invalid 'metadata': too many properties. Expected at most 16, got ${entries.length}.`, 'metadata', 'object_above_max_properties');
  for (const [k, v] of entries) {
    if (k.length > 64) throw badRequest(`Invalid 'metadata': key '${k.slice(0, 16)}…' is longer than 64 characters.`, 'metadata', 'invalid_value');
    if (typeof v !== 'string') throw badRequest(`Invalid type for 'metadata.${k}': expected a string.`, `metadata.${k}`, 'invalid_type');
    if (v.length > 512) throw badRequest(`Invalid 'metadata.${k}': string too long. Expected at most 512 characters.`, `metadata.${k}`, 'string_above_max_length');
  }
  return raw as Record<string, string>;
};

export const parseCreateJob = (body: Record<string, unknown>): CreateJobRequest => {
  const model = optionalString(body, 'model');
  if (!model) throw missingParameter('model');
  const trainingFile = optionalString(body, 'training_file');
  if (!trainingFile) throw missingParameter('training_file');
  const suffix = optionalString(body, 'suffix');
  if (suffix !== null && (suffix.length < 1 || suffix.length > 64)) throw badRequest(`Invalid 'suffix': expected 1 to 64 characters, got ${suffix.length}.`, 'suffix', 'invalid_value');
  const seed = body['seed'];
  if (seed !== undefined && seed !== null && !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    throw badRequest(`Invalid 'seed': expected an integer from 0 to ${MAX_SEED}.`, 'seed', 'invalid_value');
  }
  const integrations = body['integrations'];
  if (integrations !== undefined && integrations !== null && !Array.isArray(integrations)) throw badRequest("Invalid type for 'integrations': expected an array.", 'integrations', 'invalid_type');
  return {
    model,
    trainingFile,
    validationFile: optionalString(body, 'validation_file'),
    suffix,
    seed: typeof seed === 'number' ? seed : null,
    metadata: metadata(body['metadata']),
    integrations: (integrations as unknown[] | undefined) ?? null,
    ...method(body),
  };
};
