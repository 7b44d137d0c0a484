import type { ChatModel } from '../../chat/chat-model.js';
import type { ProviderClientOptions } from '../provider.js';
import { sdkChatModel } from './chat-model.js';
import { createClient } from './client.js';
import { secretsFromEnv } from './redact.js';

/**
 * Eval's chat for a provider whose chat completions speak OpenAI's protocol (OpenAI, Nebius,
 * Together, Fireworks' inference API): the openai SDK at that base URL with that key, and the
 * secrets to keep out of messages (this key and every provider key in the environment). Azure is
 * not one: it answers through its AzureOpenAI client and a deployment.
 */
export const compatibleChatFromEnv = (
  env: NodeJS.ProcessEnv,
  /** baseURL undefined: the SDK's own (api.openai.com). */
  credentials: { apiKey: string; baseURL: string | undefined },
  options: ProviderClientOptions = {},
): { chat: ChatModel; secrets: (string | undefined)[] } => {
  const client = createClient({ provider: 'openai', apiKey: credentials.apiKey, baseURL: credentials.baseURL, apiVersion: undefined }, options);
  return { chat: sdkChatModel(client), secrets: [credentials.apiKey, ...secretsFromEnv(env)] };
};
