/**
 * What a provider's plain-fetch client (no SDK: Together, Fireworks) is given: the key it sends as
 * a bearer token, where, which secrets to keep out of its messages, and how reads are retried.
 */
export interface HttpClientOptions {
  apiKey: string;
  baseURL: string;
  /** Every secret to keep out of messages (this key and any other provider's). */
  secrets: readonly (string | undefined)[];
  /** Further attempts of a request that is safe to repeat (never a create: it goes out once). @default 5 */
  maxRetries?: number;
  /** Per attempt. @default 120000 */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Waits between attempts; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}
