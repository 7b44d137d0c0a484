import { settingsFromEnv, type ClientOptions } from './client.js';
import { compatibleChatFromEnv } from './compatible-chat.js';
import { trainerFromEnv } from './trainer-from-env.js';
import type { ProviderDefinition } from '../provider.js';
import { OPENAI_ROUTES } from '../fake/server.js';
import { openaiDryRunAnswer } from './dry-run-answer.js';
import { OPENAI_TABLE } from './model-table.js';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const openaiProvider: ProviderDefinition = {
  name: 'openai',
  label: 'OpenAI',
  env: { apiKey: 'OPENAI_API_KEY', baseURL: 'OPENAI_BASE_URL', others: [] },
  defaultBaseURL: DEFAULT_BASE_URL,
  table: OPENAI_TABLE,
  hyperparameters: {
    epochs: 'method.supervised.hyperparameters.n_epochs',
    batchSize: 'method.supervised.hyperparameters.batch_size',
    learningRateMultiplier: 'method.supervised.hyperparameters.learning_rate_multiplier',
  },
  fake: { routes: OPENAI_ROUTES },
  trainerFromEnv(env, options: ClientOptions = {}) {
    const { trainer, settings, secrets } = trainerFromEnv(env, 'openai', options);
    return { trainer, secrets, baseURL: settings.baseURL ?? DEFAULT_BASE_URL };
  },
  chatFromEnv(env, options: ClientOptions = {}) {
    return compatibleChatFromEnv(env, settingsFromEnv(env, 'openai'), options);
  },
  dryRunAnswer: openaiDryRunAnswer,
  emptyList: () => ({ object: 'list', data: [], has_more: false }),
  afterCrash:
    'Uploads are found again by file name (run id, split and sha256 in the name) and size; the job by its metadata (tuneset_run_id, the manifest sha256 and the attempt), which the API filters on.',
};
