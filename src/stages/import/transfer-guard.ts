import { performance } from 'node:perf_hooks';
import { SourceError } from '../../pipeline/errors.js';
import { duration, type InputLimits } from './input-limits.js';
import { byteSize } from './record-size.js';

type HttpLimits = Pick<InputLimits, 'httpDeadlineMs' | 'httpMinBytesPerSecond' | 'httpRateWindowMs'>;

/**
 * Times an http transfer: the request, the headers and every body read. The deadline is wall-clock
 * from the request, so a server that streams without end is stopped however fast it sends. The rate
 * is judged on time spent waiting only, so a pipeline slow on its records (backpressure) is never
 * taken for a slow server. Past the deadline, or a window of waiting with no data or too little, the
 * transfer is aborted through `abort` and `failure` says why, naming the URL.
 */
export class TransferGuard {
  failure: SourceError | undefined;
  private readonly startedAt = performance.now();
  private windowWait = 0;
  private windowBytes = 0;
  /** Waiting since the last byte came: a stall after good data is named as one. */
  private sinceData = 0;

  constructor(
    private readonly uri: string,
    private readonly limits: HttpLimits,
    private readonly abort: (reason: SourceError) => void,
  ) {}

  /** Awaits one step of the transfer; `size` gives the bytes it brought. */
  async wait<T>(step: Promise<T>, size: (result: T) => number): Promise<T> {
    let since = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const elapse = () => {
      const now = performance.now();
      this.windowWait += now - since;
      this.sinceData += now - since;
      since = now;
    };
    // A step that never settles (a stalled server) is judged by the timer, not by its result.
    const arm = () => {
      const { httpRateWindowMs: window, httpDeadlineMs: deadline } = this.limits;
      const next = Math.min(deadline - (performance.now() - this.startedAt), window - this.sinceData, this.windowWait < window ? window - this.windowWait : Infinity);
      timer = setTimeout(() => {
        elapse();
        if (this.check(true)) arm();
      }, Math.max(1, Math.ceil(next)));
    };
    arm();
    try {
      const result = await step;
      elapse();
      const bytes = size(result);
      this.windowBytes += bytes;
      if (bytes > 0) this.sinceData = 0;
      if (!this.check(false)) throw this.failure!;
      return result;
    } catch (error) {
      throw this.failure ?? error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * False when a limit was passed (and the transfer aborted). A slow window seen while the server is
   * silent (`waiting`) is judged later: by the next data (too slow) or by the silence (stalled).
   */
  private check(waiting: boolean): boolean {
    const { httpDeadlineMs, httpMinBytesPerSecond, httpRateWindowMs } = this.limits;
    if (this.failure) return false;
    if (performance.now() - this.startedAt >= httpDeadlineMs) return this.fail(`not read within ${duration(httpDeadlineMs)} (httpDeadlineMs)`);
    if (this.sinceData >= httpRateWindowMs) return this.fail(`no data for ${duration(httpRateWindowMs)} (stalled; httpRateWindowMs)`);
    if (this.windowWait < httpRateWindowMs) return true;
    if ((this.windowBytes * 1000) / this.windowWait < httpMinBytesPerSecond) {
      if (waiting) return true;
      return this.fail(`sending under ${byteSize(httpMinBytesPerSecond)}/s (${this.windowBytes} bytes in ${duration(Math.round(this.windowWait))}; httpMinBytesPerSecond)`);
    }
    this.windowWait = 0;
    this.windowBytes = 0;
    return true;
  }

  private fail(message: string): false {
    this.failure = new SourceError(this.uri, message);
    this.abort(this.failure);
    return false;
  }
}
