import { createClient, settingsFromEnv, type ClientOptions, type Provider } from './client.js';
import { OpenAITrainer } from './openai-trainer.js';

/** A Trainer for the service the environment configures, and the secrets to keep out of output. */
export const trainerFromEnv = (env: NodeJS.ProcessEnv, provider: Provider | undefined, options: ClientOptions = {}) => {
  const settings = settingsFromEnv(env, provider);
  return { trainer: new OpenAITrainer(createClient(settings, options), settings.provider), settings, secrets: [settings.apiKey] };
};
