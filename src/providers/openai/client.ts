import OpenAI from 'openai';
import { TunesetError } from '../../pipeline/errors.js';
import { azureSettingsFromEnv, createAzureClient, DEFAULT_AZURE_API_VERSION } from '../azure/client.js';
import { reachFetch } from './reach-fetch.js';

export { DEFAULT_AZURE_API_VERSION };

export type Provider = 'openai' | 'azure';

export interface ClientSettings {
  provider: Provider;
  apiKey: string;
  /** OpenAI: the API base URL (OPENAI_BASE_URL). Azure: the resource endpoint (AZURE_OPENAI_ENDPOINT). */
  baseURL: string | undefined;
  /** Azure only: OPENAI_API_VERSION. */
  apiVersion: string | undefined;
}

/** Where the SDK sends requests when OPENAI_BASE_URL is not set. */
const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * Which service and credentials to use, from the environment the SDKs read: OPENAI_API_KEY and
 * OPENAI_BASE_URL, or AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION. Azure is
 * chosen when asked for, or when only Azure is configured.
 */
export const settingsFromEnv = (env: NodeJS.ProcessEnv, provider?: Provider): ClientSettings => {
  const chosen: Provider = provider ?? (env['AZURE_OPENAI_ENDPOINT'] && !env['OPENAI_API_KEY'] ? 'azure' : 'openai');
  if (chosen === 'azure') {
    // Azure's own code lives in ../azure; this shape (always a dated api-version) is what annotate uses.
    const a = azureSettingsFromEnv(env);
    return { provider: 'azure', apiKey: a.apiKey, baseURL: a.endpoint, apiVersion: a.apiVersion ?? DEFAULT_AZURE_API_VERSION };
  }
  const apiKey = env['OPENAI_API_KEY'];
  if (!apiKey) throw new TunesetError('OPENAI_API_KEY is not set: export your key, or point OPENAI_BASE_URL at `tuneset fake-openai` with any key to rehearse offline');
  return { provider: 'openai', apiKey, baseURL: env['OPENAI_BASE_URL'] || undefined, apiVersion: undefined };
};

export interface ClientOptions {
  /** SDK retries for 408/409/429/5xx and connection errors. @default 5 */
  maxRetries?: number;
  /** Per attempt. @default 120000 */
  timeoutMs?: number;
  /** Replaces fetch: the dry run records requests instead of sending them. */
  fetch?: typeof fetch;
}

/** The one place an SDK client is made; everything else receives it. */
export const createClient = (settings: ClientSettings, options: ClientOptions = {}): OpenAI => {
  const common = {
    apiKey: settings.apiKey,
    maxRetries: options.maxRetries ?? 5,
    timeout: options.timeoutMs ?? 120_000,
    // A closed port or a wrong host then says where it tried, not only "Connection error.".
    fetch: reachFetch(options.fetch, settings.baseURL ?? DEFAULT_OPENAI_BASE_URL),
  };
  if (settings.provider === 'azure') {
    return createAzureClient({ apiKey: settings.apiKey, endpoint: settings.baseURL!, apiVersion: settings.apiVersion ?? DEFAULT_AZURE_API_VERSION }, options);
  }
  return new OpenAI({ ...common, ...(settings.baseURL ? { baseURL: settings.baseURL } : {}) });
};
