import { connectFailure } from '../../pipeline/connect-failure.js';
import { ApiUnreachableError } from './errors.js';

/** The base URL as shown in messages: no user:password, no trailing slash. */
export const displayBaseUrl = (baseURL: string): string => {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return baseURL;
  }
};

/**
 * fetch for the SDK, turning a request that never connected into an ApiUnreachableError naming the
 * base URL. The SDK still retries it and then reports "Connection error." with this error as the
 * cause; describeApiError and apiErrorText read it from there.
 */
export const reachFetch =
  (inner: typeof fetch | undefined, baseURL: string): typeof fetch =>
  async (input, init) => {
    try {
      // globalThis.fetch looked up per request, as the SDK itself does.
      return await (inner ?? globalThis.fetch)(input, init);
    } catch (error) {
      const url = typeof input === 'string' || input instanceof URL ? input : input.url;
      const reason = connectFailure(error, url);
      if (reason === undefined) throw error;
      throw new ApiUnreachableError(displayBaseUrl(baseURL), reason, { cause: error });
    }
  };
