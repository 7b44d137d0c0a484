/**
 * The `x-ratelimit-*` headers of chat answers (openai-api.md §5.4): limits per minute, what is
 * left of them in the current simulated minute, and how long until that minute ends, as Go-style
 * durations (`850ms`, `12.5s`, `1m0s`) like the real API. Informational only: running out does
 * not produce 429s (arm `faults.rateLimit` for those). Requests and tokens (prompt + completion)
 * are counted per simulated minute of the fake's clock. With a frozen clock that minute never
 * ends: a client that waits for `remaining` to come back must be run with a moving clock or
 * higher limits.
 */
export interface RateLimits {
  /** @default 30000 */
  requestsPerMinute: number;
  /** @default 150000000 */
  tokensPerMinute: number;
}

/** OpenAI's usage tier 5 for gpt-4o-mini: high enough that a test with a frozen clock rarely runs out. */
export const DEFAULT_RATE_LIMITS: RateLimits = { requestsPerMinute: 30_000, tokensPerMinute: 150_000_000 };

const MINUTE_MS = 60_000;

/** Go's time.Duration text for whole milliseconds: `0s`, `850ms`, `12.5s`, `1m0s`. */
export const goDuration = (ms: number): string => {
  const whole = Math.max(0, Math.round(ms));
  if (whole === 0) return '0s';
  if (whole < 1000) return `${whole}ms`;
  const minutes = Math.floor(whole / MINUTE_MS);
  const seconds = (whole % MINUTE_MS) / 1000;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
};

export class RateLimitWindow {
  private minute = Number.NaN;
  private requests = 0;
  private tokens = 0;

  constructor(private readonly limits: () => RateLimits) {}

  reset(): void {
    this.minute = Number.NaN;
    this.requests = 0;
    this.tokens = 0;
  }

  /** Counts one answered request and its tokens at simulated `nowMs`; returns the headers to send. */
  record(nowMs: number, tokens: number): Record<string, string> {
    const minute = Math.floor(nowMs / MINUTE_MS);
    if (minute !== this.minute) {
      this.minute = minute;
      this.requests = 0;
      this.tokens = 0;
    }
    this.requests += 1;
    this.tokens += tokens;
    const { requestsPerMinute: rpm, tokensPerMinute: tpm } = this.limits();
    const reset = goDuration((minute + 1) * MINUTE_MS - nowMs);
    return {
      'x-ratelimit-limit-requests': String(rpm),
      'x-ratelimit-remaining-requests': String(Math.max(0, rpm - this.requests)),
      'x-ratelimit-reset-requests': reset,
      'x-ratelimit-limit-tokens': String(tpm),
      'x-ratelimit-remaining-tokens': String(Math.max(0, tpm - this.tokens)),
      'x-ratelimit-reset-tokens': reset,
    };
  }
}
