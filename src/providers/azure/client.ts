import OpenAI, { AzureOpenAI } from 'openai';
import { TunesetError } from '../../pipeline/errors.js';
import type { ProviderClientOptions } from '../provider.js';
import { reachFetch } from '../openai/reach-fetch.js';

/**
 * Azure OpenAI / Foundry from the environment the SDKs read: AZURE_OPENAI_ENDPOINT,
 * AZURE_OPENAI_API_KEY and, optionally, OPENAI_API_VERSION.
 *
 * Two URL shapes (docs/providers.md, azure section):
 * - v1, the default: `<endpoint>/openai/v1/files`, `/openai/v1/fine_tuning/jobs`, ... with an
 *   `api-key` header and no api-version; chat names the deployment as `model` in the body. It is
 *   the shape Microsoft's fine-tuning guides use today and the only one that trains the open models.
 * - dated: `<endpoint>/openai/...?api-version=<OPENAI_API_VERSION>` through the SDK's AzureOpenAI
 *   client (chat at `/openai/deployments/<deployment>/chat/completions`), when OPENAI_API_VERSION
 *   is set, for resources and tooling still pinned to a dated version.
 */
export interface AzureSettings {
  apiKey: string;
  /** The resource endpoint (https://<resource>.openai.azure.com), no path. */
  endpoint: string;
  /** undefined: the v1 API. */
  apiVersion: string | undefined;
}

/** Azure's GA dated API version that serves files and fine-tuning jobs (what the SDK paths used before v1). */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export const azureSettingsFromEnv = (env: NodeJS.ProcessEnv): AzureSettings => {
  const endpoint = env['AZURE_OPENAI_ENDPOINT'];
  const apiKey = env['AZURE_OPENAI_API_KEY'];
  if (!endpoint) throw new TunesetError('Azure OpenAI needs AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com)');
  if (!apiKey) throw new TunesetError('Azure OpenAI needs AZURE_OPENAI_API_KEY in the environment');
  return { apiKey, endpoint, apiVersion: env['OPENAI_API_VERSION'] || undefined };
};

/** Where requests go: `<endpoint>/openai/v1` or, with an api-version, `<endpoint>/openai`. */
export const azureBaseURL = (s: AzureSettings): string => `${s.endpoint.replace(/\/+$/, '')}/openai${s.apiVersion ? '' : '/v1'}`;

/** The one place an Azure client is made. */
export const createAzureClient = (s: AzureSettings, options: ProviderClientOptions = {}): OpenAI => {
  const common = {
    apiKey: s.apiKey,
    maxRetries: options.maxRetries ?? 5,
    timeout: options.timeoutMs ?? 120_000,
    fetch: reachFetch(options.fetch, s.endpoint),
  };
  if (s.apiVersion) return new AzureOpenAI({ ...common, endpoint: s.endpoint, apiVersion: s.apiVersion });
  // v1 is OpenAI's protocol at another base URL; the key goes in `api-key` as Azure's REST
  // reference shows, and the SDK's `Authorization: Bearer` is removed (null unsets a header).
  return new OpenAI({ ...common, baseURL: azureBaseURL(s), defaultHeaders: { 'api-key': s.apiKey, Authorization: null } });
};
