import { compatibleChatFromEnv } from '../openai/compatible-chat.js';
import { secretsFromEnv } from '../openai/redact.js';
import type { ProviderClientOptions, ProviderDefinition } from '../provider.js';
import { fireworksDryRunAnswer, fireworksEmptyList } from './dry-run.js';
import { FIREWORKS_ROUTES } from './fake-routes.js';
import { FireworksHttp } from './fireworks-http.js';
import { FireworksTrainer } from './fireworks-trainer.js';
import { FIREWORKS_TABLE } from './model-table.js';
import { DEFAULT_FIREWORKS_BASE_URL, FIREWORKS_ENV, fireworksSettings } from './settings.js';

export interface FireworksClientOptions extends ProviderClientOptions {
  /** Waits between attempts of a lookup (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Backoff when the server asked for no wait: this × 2^attempt. @default 500 */
  retryBaseMs?: number;
}

/** A Fireworks trainer from the environment, and every key of the environment to keep out of output. */
export const fireworksTrainerFromEnv = (env: NodeJS.ProcessEnv, options: FireworksClientOptions = {}) => {
  const settings = fireworksSettings(env);
  const secrets = [settings.apiKey, ...secretsFromEnv(env)];
  const http = new FireworksHttp({
    ...settings,
    secrets,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.retryBaseMs === undefined ? {} : { retryBaseMs: options.retryBaseMs }),
  });
  return { trainer: new FireworksTrainer(http), secrets, baseURL: settings.baseURL };
};

export const fireworksProvider: ProviderDefinition = {
  name: 'fireworks',
  label: 'Fireworks',
  env: { apiKey: FIREWORKS_ENV.apiKey, baseURL: FIREWORKS_ENV.baseURL, others: [FIREWORKS_ENV.accountId] },
  defaultBaseURL: DEFAULT_FIREWORKS_BASE_URL,
  table: FIREWORKS_TABLE,
  // The create body of POST /v1/accounts/{account}/supervisedFineTuningJobs (camelCase, top level).
  // No learning-rate multiplier (the rate is absolute) and no LoRA alpha.
  hyperparameters: { epochs: 'epochs', batchSize: 'batchSize', learningRate: 'learningRate', loraRank: 'loraRank' },
  fake: { routes: FIREWORKS_ROUTES },
  trainerFromEnv: (env, options) => fireworksTrainerFromEnv(env, options),
  chatFromEnv(env, options: ProviderClientOptions = {}) {
    // Inference needs the key only: the model name carries the account (accounts/<id>/models/<model>).
    const settings = fireworksSettings(env, false);
    return compatibleChatFromEnv(env, { apiKey: settings.apiKey, baseURL: `${settings.baseURL}/inference/v1` }, options);
  },
  dryRunAnswer: fireworksDryRunAnswer,
  emptyList: fireworksEmptyList,
  afterCrash:
    'Fireworks takes ids the client chooses, and tuneset chooses them from what the run already knows: each dataset is named after its upload file (run id, split and the first 16 hex of the content\'s sha256), the job after its tag (run id, a hash of run id, manifest sha256 and attempt, and the attempt), with the tag again in its displayName. A re-run looks each one up by id before creating it, and a create that finds the id taken (409) reads the existing one instead: a dataset created but never uploaded is uploaded, one already READY is reused, and the job is adopted only when its displayName carries this tag. A crash at any point leaves at most one dataset per file and one job per attempt.',
};
