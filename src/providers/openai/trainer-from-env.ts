import { createClient, settingsFromEnv, type ClientOptions, type Provider } from './client.js';
import { OpenAITrainer } from './openai-trainer.js';
import { secretsFromEnv } from './redact.js';

/**
 * A Trainer for the service the environment configures, and the secrets to keep out of output:
 * every key in the environment, not only the one in use, since either may be echoed in an error.
 */
export const trainerFromEnv = (env: NodeJS.ProcessEnv, provider: Provider | undefined, options: ClientOptions = {}) => {
  const settings = settingsFromEnv(env, provider);
  return { trainer: new OpenAITrainer(createClient(settings, options), settings.provider), settings, secrets: [settings.apiKey, ...secretsFromEnv(env)] };
};
