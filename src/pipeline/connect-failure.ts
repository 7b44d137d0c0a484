/**
 * Why a fetch() never reached the server, in plain words, from the error codes undici puts on the
 * rejection's cause: `connection refused`, `host not found`. Undefined for every other failure
 * (a reset after connecting, a bad response), which callers describe their own way.
 */

const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  // Not "timed out": the OpenAI SDK treats any connection error whose text matches /timed? ?out/
  // as its own timeout and drops the cause, and with it the URL this message is for.
  ETIMEDOUT: 'no answer when connecting',
  UND_ERR_CONNECT_TIMEOUT: 'no answer when connecting',
};

/** TLS failures are connect failures too; node names them with these codes. */
const TLS_CODE = /^(?:CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|ERR_TLS_|ERR_SSL_)/;

interface Coded {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error, its cause, and an AggregateError's first error (Happy Eyeballs tries each address). */
const chain = (error: unknown): Coded[] => {
  const out: Coded[] = [];
  for (let e = error as Coded | undefined, i = 0; e && typeof e === 'object' && i < 4; e = e.cause as Coded | undefined, i++) {
    out.push(e);
    if (Array.isArray(e.errors) && e.errors[0] && typeof e.errors[0] === 'object') out.push(e.errors[0] as Coded);
  }
  return out;
};

export const connectFailure = (error: unknown, url: string | URL): string | undefined => {
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && CONNECT_CODES[code]) return CONNECT_CODES[code];
    if (code && TLS_CODE.test(code)) return `TLS handshake failed: ${String(e.message)}`;
    if (typeof e.message === 'string' && e.message.includes('URL that includes credentials')) return 'fetch does not send a user name or password written in the URL';
    // The Fetch standard blocks some ports outright (9, 25, 6000, ...); undici says only "bad port".
    if (e.message === 'bad port') {
      const port = new URL(url).port;
      return `fetch refuses port ${port} (one of the Fetch standard's blocked "bad ports"); use another port`;
    }
  }
  return undefined;
};
