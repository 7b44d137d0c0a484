import { TunesetError } from '../../pipeline/errors.js';

export const FIREWORKS_ENV = { apiKey: 'FIREWORKS_API_KEY', accountId: 'FIREWORKS_ACCOUNT_ID', baseURL: 'FIREWORKS_BASE_URL' } as const;

/** Where Fireworks' REST API lives; the control plane is `/v1/accounts/...`, inference `/inference/v1`. */
export const DEFAULT_FIREWORKS_BASE_URL = 'https://api.fireworks.ai';

export interface FireworksSettings {
  apiKey: string;
  accountId: string;
  /** No trailing slash, no `/v1`. */
  baseURL: string;
}

/**
 * FIREWORKS_API_KEY, FIREWORKS_ACCOUNT_ID and FIREWORKS_BASE_URL. The account is part of every
 * path (`/v1/accounts/{account_id}/...`), so it is required; a base URL given with a trailing
 * `/v1` or `/inference/v1` (as the OpenAI SDK takes it) is cut back to the host.
 */
export const fireworksSettings = (env: NodeJS.ProcessEnv, needAccount = true): FireworksSettings => {
  const apiKey = env[FIREWORKS_ENV.apiKey];
  if (!apiKey) {
    throw new TunesetError(`${FIREWORKS_ENV.apiKey} is not set: export your Fireworks key, or point ${FIREWORKS_ENV.baseURL} at \`tuneset fake-openai --provider fireworks\` with any key to rehearse offline`);
  }
  const accountId = env[FIREWORKS_ENV.accountId] ?? '';
  if (needAccount && !accountId) throw new TunesetError(`${FIREWORKS_ENV.accountId} is not set: Fireworks puts the account in every path (/v1/accounts/<account id>/...); it is on your Fireworks account page`);
  const raw = env[FIREWORKS_ENV.baseURL] || DEFAULT_FIREWORKS_BASE_URL;
  let baseURL: string;
  try {
    const url = new URL(raw);
    url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/(inference\/)?v1$/, '');
    baseURL = url.href.replace(/\/+$/, '');
  } catch {
    throw new TunesetError(`${FIREWORKS_ENV.baseURL} is not a URL: "${raw}"`);
  }
  return { apiKey, accountId, baseURL };
};
