/**
 * One chat-completions request as annotation sends it, over any OpenAI-compatible endpoint.
 * The body is the wire body: what is hashed into the annotation cache's key is what is sent.
 */
export interface ChatRequestBody {
  model: string;
  messages: ChatWireMessage[];
  [field: string]: unknown;
}

export interface ChatWireMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
}

/** The rate-limit headers OpenAI (and most compatible servers) send with each answer. */
export interface RateHeaders {
  remainingRequests?: number;
  remainingTokens?: number;
  /** Milliseconds until the request and token windows refill. */
  resetRequestsMs?: number;
  resetTokensMs?: number;
}

export interface ChatReply {
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  usage: ChatUsage | null;
  rate: RateHeaders;
}

/**
 * A request that got no answer, or an error status. `retryable` says whether asking again can help
 * (429, 408, 409, 5xx, a dropped connection); `retryAfterMs` is what the server asked us to wait.
 */
export class ChatRequestError extends Error {
  override name = 'ChatRequestError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Sends one request once: no retries (the caller's limiter decides when to ask again). */
export interface ChatTransport {
  send(body: ChatRequestBody, signal?: AbortSignal): Promise<ChatReply>;
}

/** Parses `6m0s`, `1.5s`, `20ms`, `250` (seconds): the reset formats OpenAI uses. */
export const parseResetDuration = (text: string | null | undefined): number | undefined => {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  let ms = 0;
  let matched = false;
  for (const m of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    matched = true;
    const n = Number(m[1]);
    ms += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
  }
  return matched ? ms : undefined;
};

export const readRateHeaders = (headers: { get(name: string): string | null }): RateHeaders => {
  const int = (name: string) => {
    const v = headers.get(name);
    const n = v === null ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const rate: RateHeaders = {};
  const rr = int('x-ratelimit-remaining-requests');
  const rt = int('x-ratelimit-remaining-tokens');
  const xr = parseResetDuration(headers.get('x-ratelimit-reset-requests'));
  const xt = parseResetDuration(headers.get('x-ratelimit-reset-tokens'));
  if (rr !== undefined) rate.remainingRequests = rr;
  if (rt !== undefined) rate.remainingTokens = rt;
  if (xr !== undefined) rate.resetRequestsMs = xr;
  if (xt !== undefined) rate.resetTokensMs = xt;
  return rate;
};
