import { TunesetError } from '../../pipeline/errors.js';
import { compatibleChatFromEnv } from '../openai/compatible-chat.js';
import { secretsFromEnv } from '../openai/redact.js';
import type { ProviderClientOptions, ProviderDefinition } from '../provider.js';
import { dryRunAnswer, emptyList } from './dry-run.js';
import { TOGETHER_ROUTES } from './fake-routes.js';
import { TOGETHER_TABLE } from './model-table.js';
import { TogetherHttp } from './together-http.js';
import { TogetherTrainer } from './together-trainer.js';

export const TOGETHER_DEFAULT_BASE_URL = 'https://api.together.xyz/v1';

/** Key and base URL from TOGETHER_API_KEY and TOGETHER_BASE_URL; a plain-words error without a key. */
export const togetherSettings = (env: NodeJS.ProcessEnv): { apiKey: string; baseURL: string } => {
  const apiKey = env['TOGETHER_API_KEY'];
  if (!apiKey) {
    throw new TunesetError(
      'TOGETHER_API_KEY is not set: export your Together AI key, or point TOGETHER_BASE_URL at `tuneset fake-openai --provider together` with any key to rehearse offline',
    );
  }
  return { apiKey, baseURL: (env['TOGETHER_BASE_URL'] || TOGETHER_DEFAULT_BASE_URL).replace(/\/+$/, '') };
};

export const togetherProvider: ProviderDefinition = {
  name: 'together',
  label: 'Together AI',
  env: { apiKey: 'TOGETHER_API_KEY', baseURL: 'TOGETHER_BASE_URL', others: [] },
  defaultBaseURL: TOGETHER_DEFAULT_BASE_URL,
  table: TOGETHER_TABLE,
  // Flat names in the POST /fine-tunes body; no learning-rate multiplier: Together takes an absolute rate.
  hyperparameters: {
    epochs: 'n_epochs',
    batchSize: 'batch_size',
    learningRate: 'learning_rate',
    loraRank: 'training_type.lora_r',
    loraAlpha: 'training_type.lora_alpha',
  },
  fake: { routes: TOGETHER_ROUTES },
  trainerFromEnv(env, options: ProviderClientOptions = {}) {
    const { apiKey, baseURL } = togetherSettings(env);
    const secrets = [apiKey, ...secretsFromEnv(env)];
    const http = new TogetherHttp({
      apiKey,
      baseURL,
      secrets,
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return { trainer: new TogetherTrainer(http), secrets, baseURL };
  },
  chatFromEnv(env, options: ProviderClientOptions = {}) {
    // Together's chat completions are OpenAI-compatible: the openai SDK with Together's base URL.
    return compatibleChatFromEnv(env, togetherSettings(env), options);
  },
  dryRunAnswer,
  emptyList,
  afterCrash:
    'Uploads are found again in GET /v1/files by name (run id, split and sha256 in the name), size and purpose. Together keeps no job metadata, so the tag rides in the job suffix: it ends in `ts-` and 20 hex digits of the sha256 of the run id, the manifest sha256 and the attempt, and a re-run lists GET /v1/fine-tunes and adopts only a job whose suffix ends in exactly that mark (another run, manifest or attempt has another). Uploads and job creates are sent once, never retried blindly: after a failure the list is read again first.',
};
