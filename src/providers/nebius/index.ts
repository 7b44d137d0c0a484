import { TunesetError } from '../../pipeline/errors.js';
import { createClient } from '../openai/client.js';
import { compatibleChatFromEnv } from '../openai/compatible-chat.js';
import { dryRunFileObject } from '../openai/dry-run-answer.js';
import { secretsFromEnv } from '../openai/redact.js';
import type { ProviderClientOptions, ProviderDefinition } from '../provider.js';
import { NEBIUS_ROUTES } from './fake-routes.js';
import type { NebiusJobBody } from './job-body.js';
import { NEBIUS_TABLE } from './model-table.js';
import { NebiusTrainer } from './nebius-trainer.js';

/** Token Factory's OpenAI-compatible base (the API reference's server; api.studio.nebius.com was AI Studio's). */
const DEFAULT_BASE_URL = 'https://api.tokenfactory.nebius.com/v1';

const settingsFromEnv = (env: NodeJS.ProcessEnv) => {
  const apiKey = env['NEBIUS_API_KEY'];
  if (!apiKey) throw new TunesetError('Nebius needs NEBIUS_API_KEY in the environment (a Token Factory API key); point NEBIUS_BASE_URL at `tuneset fake-openai --provider nebius` with any key to rehearse offline');
  return { apiKey, baseURL: env['NEBIUS_BASE_URL'] || DEFAULT_BASE_URL };
};

/** The openai SDK at Nebius' base URL: Nebius documents exactly this client. */
const nebiusClient = (env: NodeJS.ProcessEnv, options: ProviderClientOptions) => {
  const s = settingsFromEnv(env);
  const client = createClient({ provider: 'openai', apiKey: s.apiKey, baseURL: s.baseURL, apiVersion: undefined }, options);
  return { client, settings: s, secrets: [s.apiKey, ...secretsFromEnv(env)] };
};

export const nebiusProvider: ProviderDefinition = {
  name: 'nebius',
  label: 'Nebius Token Factory',
  env: { apiKey: 'NEBIUS_API_KEY', baseURL: 'NEBIUS_BASE_URL', others: [] },
  defaultBaseURL: DEFAULT_BASE_URL,
  table: NEBIUS_TABLE,
  hyperparameters: {
    epochs: 'hyperparameters.n_epochs',
    batchSize: 'hyperparameters.batch_size',
    learningRate: 'hyperparameters.learning_rate',
    loraRank: 'hyperparameters.lora_r',
    loraAlpha: 'hyperparameters.lora_alpha',
  },
  fake: { routes: NEBIUS_ROUTES },
  trainerFromEnv(env, options = {}) {
    const { client, settings, secrets } = nebiusClient(env, options);
    return { trainer: new NebiusTrainer(client), secrets, baseURL: settings.baseURL };
  },
  chatFromEnv(env, options = {}) {
    return compatibleChatFromEnv(env, settingsFromEnv(env), options);
  },
  dryRunAnswer(request) {
    if (request.method !== 'POST') return undefined;
    if (/\/files$/.test(request.path)) return dryRunFileObject(request.body);
    if (!/\/fine_tuning\/jobs$/.test(request.path)) return undefined;
    const req = (request.body ?? {}) as Partial<NebiusJobBody>;
    return {
      id: 'ftjob-dry-run',
      object: 'fine_tuning.job',
      created_at: 0,
      model: req.model,
      status: 'validating_files',
      training_file: req.training_file,
      validation_file: req.validation_file ?? null,
      error: null,
      finished_at: null,
      hyperparameters: req.hyperparameters ?? null,
      integrations: [],
      organization_id: '',
      result_files: [],
      seed: req.seed ?? 0,
      suffix: req.suffix ?? null,
      trained_tokens: null,
      estimated_finish: null,
      trained_steps: 0,
      total_steps: 0,
    };
  },
  emptyList: () => ({ object: 'list', data: [], has_more: false }),
  afterCrash:
    'Uploads are found again by file name (run id, split and sha256 in the name) and size. Nebius keeps no job metadata, so the job tag (a 96-bit hash of the run id, the manifest sha256 and the attempt) ends the job suffix; every job is listed and only one whose suffix ends with exactly that tag is adopted.',
};
