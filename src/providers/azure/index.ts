import { sdkChatModel } from '../openai/chat-model.js';
import { openaiDryRunAnswer } from '../openai/dry-run-answer.js';
import { secretsFromEnv } from '../openai/redact.js';
import type { ProviderDefinition } from '../provider.js';
import { AzureTrainer } from './azure-trainer.js';
import { azureBaseURL, azureSettingsFromEnv, createAzureClient } from './client.js';
import { AZURE_ROUTES } from './fake-routes.js';
import { AZURE_TABLE } from './model-table.js';

export const azureProvider: ProviderDefinition = {
  name: 'azure',
  label: 'Azure OpenAI / Foundry',
  env: { apiKey: 'AZURE_OPENAI_API_KEY', baseURL: 'AZURE_OPENAI_ENDPOINT', others: ['OPENAI_API_VERSION'] },
  // Azure has no shared host: every resource has its own endpoint, which must be given.
  defaultBaseURL: 'https://<resource>.openai.azure.com',
  table: AZURE_TABLE,
  // OpenAI's protocol, OpenAI's names: a multiplier of Azure's own learning rate, no LoRA settings.
  hyperparameters: {
    epochs: 'method.supervised.hyperparameters.n_epochs',
    batchSize: 'method.supervised.hyperparameters.batch_size',
    learningRateMultiplier: 'method.supervised.hyperparameters.learning_rate_multiplier',
  },
  fake: { routes: AZURE_ROUTES },
  trainerFromEnv(env, options = {}) {
    const settings = azureSettingsFromEnv(env);
    return { trainer: new AzureTrainer(createAzureClient(settings, options)), secrets: [settings.apiKey, ...secretsFromEnv(env)], baseURL: azureBaseURL(settings) };
  },
  chatFromEnv(env, options = {}) {
    const settings = azureSettingsFromEnv(env);
    // Azure serves a fine-tune only once it is deployed: the model eval names is the deployment.
    return { chat: sdkChatModel(createAzureClient(settings, options)), secrets: [settings.apiKey, ...secretsFromEnv(env)] };
  },
  // OpenAI's protocol, so OpenAI's answer shapes.
  dryRunAnswer: openaiDryRunAnswer,
  emptyList: () => ({ object: 'list', data: [], has_more: false }),
  afterCrash:
    'Azure speaks OpenAI\'s protocol: uploads are found again by file name (run id, split and sha256 in the name) and size; the job by its metadata (tuneset_run_id, the manifest sha256 and the attempt), filtered again on our side, so a job without exactly that tag is never adopted.',
};
