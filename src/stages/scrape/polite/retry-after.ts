/** Ten minutes: past that a crawl is better off giving the URL up than holding a host's queue. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/**
 * A Retry-After header (RFC 9110 §10.2.3) as milliseconds to wait from `now`: delay-seconds or an HTTP-date.
 * A negative delay or a date in the past means "now" (0); anything unreadable is undefined, so the caller falls
 * back to its own backoff; waits are capped at `maxMs` so one server cannot park the crawl for a day.
 */
export function parseRetryAfter(value: string | undefined, now: Date, maxMs = DEFAULT_MAX_RETRY_AFTER_MS): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^-?\d+$/.test(trimmed)) {
    // The grammar has no sign; a negative one is read leniently as "already due".
    ms = Number(trimmed) * 1000;
  } else {
    const date = parseHttpDate(trimmed, now);
    if (date === undefined) return undefined;
    ms = date - now.getTime();
  }
  return Math.min(Math.max(ms, 0), maxMs);
}

export interface BackoffOptions {
  /** The ceiling of the first retry's wait. */
  baseMs?: number;
  /** No ceiling grows past this. */
  maxMs?: number;
  /** Returns [0, 1); injected by tests to make the jitter deterministic. */
  random?: () => number;
}

/**
 * The wait before retry number `attempt` (0 for the first retry): "full jitter", a uniform draw from
 * [0, min(maxMs, baseMs·2^attempt)). Jitter spreads the retries of many requests that failed together, so they
 * do not hit a recovering server in lock-step; full jitter spreads them most for the least total wait.
 */
export function backoffMs(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 30_000, random = Math.random } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.floor(attempt)));
  return Math.floor(random() * ceiling);
}

/**
 * Statuses worth trying again later: 408 Request Timeout, 425 Too Early, 429 Too Many Requests, and every 5xx
 * except 501 Not Implemented and 505 HTTP Version Not Supported, which state what the server cannot do rather
 * than a passing condition. Other 5xx (including non-standard ones such as Cloudflare's 52x) are most often an
 * overloaded or restarting backend, where a later try succeeds.
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status < 600 && status !== 501 && status !== 505;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const MONTH = '([a-z]{3})';
/** Sun, 06 Nov 1994 08:49:37 GMT (the one format senders should use) */
const IMF_FIXDATE = new RegExp(`^[a-z]{3}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`, 'i');
/** Sunday, 06-Nov-94 08:49:37 GMT (obsolete) */
const RFC850_DATE = new RegExp(`^[a-z]{6,9}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, 'i');
/** Sun Nov  6 08:49:37 1994 (obsolete; C's asctime, in GMT) */
const ASCTIME_DATE = new RegExp(`^[a-z]{3} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`, 'i');

/**
 * The three HTTP-date formats RFC 9110 §5.6.7 says recipients must accept, and nothing else: Date.parse would
 * also take `2024` or `hello 1` as dates, and reads asctime's zoneless time as local time.
 */
function parseHttpDate(s: string, now: Date): number | undefined {
  let m = IMF_FIXDATE.exec(s);
  if (m !== null) return utc(m[3]!, m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  m = RFC850_DATE.exec(s);
  if (m !== null) {
    // A two-digit year more than 50 years ahead is the most recent past year with those digits (§5.6.7).
    const nowYear = now.getUTCFullYear();
    let year = nowYear - (nowYear % 100) + Number(m[3]);
    if (year > nowYear + 50) year -= 100;
    return utc(String(year), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  }
  m = ASCTIME_DATE.exec(s);
  if (m !== null) return utc(m[6]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!);
  return undefined;
}

function utc(year: string, monthName: string, day: string, hour: string, minute: string, second: string): number | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const [d, h, min, sec] = [day, hour, minute, second].map(Number) as [number, number, number, number];
  if (month === -1 || d < 1 || d > 31 || h > 23 || min > 59 || sec > 60) return undefined;
  return Date.UTC(Number(year), month, d, h, min, sec);
}
