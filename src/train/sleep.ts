import { setTimeout as delay } from 'node:timers/promises';

/** Exponential backoff like the SDK's (0.5 s doubling, at most 8 s), unless the server said how long. */
export const backoffSleep = (attempt: number, retryAfterMs: number | undefined): Promise<void> =>
  delay(retryAfterMs ?? Math.min(500 * 2 ** attempt, 8000));
