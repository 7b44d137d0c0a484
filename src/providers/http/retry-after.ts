/** Longest wait a server may ask of us; past it a stuck client is worse than one more failure. */
const MAX_WAIT_MS = 60_000;

/**
 * What a server asked us to wait before trying again, in ms: `retry-after-ms` (OpenAI's and the
 * fakes' header) first, else `retry-after` in seconds, each capped at a minute; undefined when
 * neither is a non-negative number (an HTTP date is the caller's to read: it needs a clock).
 */
export const retryAfterMsFrom = (headers: Headers): number | undefined => {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Math.min(Number(ms), MAX_WAIT_MS);
  const seconds = headers.get('retry-after');
  if (seconds !== null && Number.isFinite(Number(seconds)) && Number(seconds) >= 0) return Math.min(Number(seconds) * 1000, MAX_WAIT_MS);
  return undefined;
};

/** Retry-After as an HTTP date, as ms from `nowMs`, capped like the numbers; undefined otherwise. */
export const retryAfterDateMs = (headers: Headers, nowMs: number): number | undefined => {
  const value = headers.get('retry-after');
  const date = value === null ? NaN : Date.parse(value);
  return Number.isFinite(date) ? Math.min(Math.max(0, date - nowMs), MAX_WAIT_MS) : undefined;
};
