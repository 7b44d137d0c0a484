import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './api-error.js';

/**
 * Credentials as api.openai.com checks them: `Authorization: Bearer <key>` on every request (Azure
 * requests may use `api-key` instead). Without a configured key any non-empty key passes, like a
 * real account's key would; with one, other keys get the real 401 `invalid_api_key`.
 */

/** Only the last 4 characters survive, so not even an error body can carry a usable key. */
const mask = (key: string) => (key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(Math.min(20, key.length - 7))}${key.slice(-4)}`);

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export const checkAuth = (headers: IncomingHttpHeaders, expected: string | null, azure: boolean): void => {
  let key: string | undefined;
  const authorization = header(headers, 'authorization');
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S.*)$/i.exec(authorization.trim());
    key = m?.[1]?.trim();
  } else if (azure) {
    key = header(headers, 'api-key')?.trim();
  }
  if (!key) {
    throw new ApiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      'invalid_request_error',
      null,
      null,
    );
  }
  if (expected !== null && key !== expected) {
    throw new ApiError(
      401,
      `Incorrect API key provided: ${mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      null,
      'invalid_api_key',
    );
  }
};
