export interface CreateOnceOptions<T> {
  /** Looks for what an earlier attempt (or an earlier, killed process) may already have created. */
  find: () => Promise<T | undefined>;
  /** One attempt, without the SDK's own retries. */
  create: () => Promise<T>;
  /** Whether a failed attempt may be tried again (connection errors, 408/409/429/5xx). */
  retryable: (error: unknown) => boolean;
  /** Waits before the next attempt; the retry-after the server sent, if any, is passed in. */
  sleep: (attempt: number, retryAfterMs: number | undefined) => Promise<void>;
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Attempts at find-then-create, each failing lookup or create counting as one. @default 10 */
  attempts?: number;
}

/**
 * Creates a remote object at most once. A request can fail after the server committed it (the
 * answer was lost, or this process was killed), so before every attempt, and again after a failure,
 * it looks the object up; it only creates when the lookup finds nothing.
 */
export const createOnce = async <T>(o: CreateOnceOptions<T>): Promise<{ value: T; created: boolean }> => {
  const attempts = o.attempts ?? 10;
  for (let attempt = 0; ; attempt++) {
    try {
      const existing = await o.find();
      if (existing !== undefined) return { value: existing, created: false };
      return { value: await o.create(), created: true };
    } catch (error) {
      if (attempt + 1 >= attempts || !o.retryable(error)) throw error;
      await o.sleep(attempt, o.retryAfterMs?.(error));
    }
  }
};
