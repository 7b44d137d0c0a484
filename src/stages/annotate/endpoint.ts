import { z } from 'zod';
import { createClient, settingsFromEnv, type ClientSettings } from '../../providers/openai/client.js';
import { TunesetError } from '../../pipeline/errors.js';

export const endpointOption = z
  .strictObject({
    provider: z.enum(['openai', 'azure', 'compatible']).optional().describe("'openai' and 'azure' read the SDKs' environment variables; 'compatible' is any OpenAI-compatible server at baseURL (vLLM, Ollama, Together, Fireworks)."),
    baseURL: z.string().url().optional().describe('The server, e.g. http://127.0.0.1:8000/v1 or https://api.together.xyz/v1; implies provider "compatible" unless provider says otherwise.'),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
      .optional()
      .describe('The environment variable holding the key for baseURL (never the key itself). Without it a compatible server is sent no key: OPENAI_API_KEY is never sent to another host.'),
  })
  .optional()
  .describe("Where requests go. Default: OpenAI, or Azure OpenAI when only Azure is configured, from the environment (OPENAI_API_KEY, OPENAI_BASE_URL; AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY).");

export type EndpointOption = z.output<typeof endpointOption>;

export interface ResolvedEndpoint {
  settings: ClientSettings;
  /**
   * What the answer depends on besides the request body: the service and where it is. In the cache
   * key, so a rehearsal against the fake or a local server never answers for the real service.
   */
  family: string;
  /** Whether the body says `max_completion_tokens` (OpenAI, Azure) or `max_tokens` (most compatible servers). */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
}

const DEFAULT_OPENAI = 'https://api.openai.com/v1';

/** Resolved when the stage starts (not when the pipeline loads), so `tuneset show` needs no key. */
export const resolveEndpoint = (option: EndpointOption, env: NodeJS.ProcessEnv, stage: string): ResolvedEndpoint => {
  const provider = option?.provider ?? (option?.baseURL ? 'compatible' : undefined);
  if (provider === 'compatible') {
    if (!option?.baseURL) throw new TunesetError(`[${stage}] endpoint.provider "compatible" needs endpoint.baseURL`);
    const keyName = option.apiKeyEnv;
    const apiKey = keyName === undefined ? 'no-key' : env[keyName];
    if (!apiKey) throw new TunesetError(`[${stage}] endpoint.apiKeyEnv names ${keyName}, which is not set in the environment`);
    const baseURL = option.baseURL.replace(/\/+$/, '');
    return { settings: { provider: 'openai', apiKey, baseURL, apiVersion: undefined }, family: `compatible:${baseURL}`, maxTokensField: 'max_tokens' };
  }
  const scoped = option?.apiKeyEnv ? { ...env, [provider === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY']: env[option.apiKeyEnv] } : env;
  const settings = settingsFromEnv(scoped, provider);
  if (option?.baseURL) settings.baseURL = option.baseURL;
  const where = (settings.baseURL ?? DEFAULT_OPENAI).replace(/\/+$/, '');
  return { settings, family: `${settings.provider}:${where}`, maxTokensField: 'max_completion_tokens' };
};

export const clientFor = (endpoint: ResolvedEndpoint) => createClient(endpoint.settings, { maxRetries: 0 });
