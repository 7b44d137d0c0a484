import { UsageError } from '../pipeline/errors.js';
import { systemClock, type Clock } from '../pipeline/clock.js';
import { formatDuration, ProgressMeter, rateAndEta } from '../pipeline/progress-meter.js';
import type { StageProgress } from '../pipeline/runner.js';
import { formatInt, formatMs } from './format-table.js';

/** Off a terminal, a progress line at most this often (crawlee's status message interval). */
const DEFAULT_PROGRESS_SECONDS = 10;

/** TUNESET_PROGRESS_SECONDS overrides the interval of the plain progress lines (CI, tests); 0 writes one on every update. */
export const progressIntervalMs = (env: NodeJS.ProcessEnv): number => {
  const raw = env['TUNESET_PROGRESS_SECONDS'];
  if (raw === undefined || raw === '') return DEFAULT_PROGRESS_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`TUNESET_PROGRESS_SECONDS must be a number of seconds, 0 or more; got "${raw}"`);
  return seconds * 1000;
};

export interface ProgressRendererOptions {
  /** @default the system clock */
  clock?: Clock;
  /** Off a terminal, the current stage's line at most this often. @default 10 s */
  intervalMs?: number;
  /** Start a timer that calls tick this often (stopped by finish); tests call tick themselves. */
  tickEveryMs?: number;
}

/** What `tuneset run` renders with: its clock (a pinned TUNESET_NOW shows no rates and no periodic lines), the env's interval, a 1 s timer. */
export const runProgressOptions = (io: { clock: Clock; env?: NodeJS.ProcessEnv | undefined }): ProgressRendererOptions => ({
  clock: io.clock,
  intervalMs: progressIntervalMs(io.env ?? process.env),
  tickEveryMs: 1000,
});

const describe = (s: StageProgress) => {
  const c = s.counters;
  const dropped = c.dropped > 0 ? `, ${formatInt(c.dropped)} dropped` : '';
  return `${s.name}: ${formatInt(c.in)} in, ${formatInt(c.out)} out${dropped}`;
};

/** The stage worth watching: a running one with its own status line, else the first still running. */
const currentStage = (stages: readonly StageProgress[]) => stages.find((s) => !s.done && s.status) ?? stages.find((s) => !s.done);

/**
 * On a TTY, one live line rewritten in place: the current stage's own status, or its counts and
 * records per second. Elsewhere (CI, a file), one plain line per stage as it finishes, and the same
 * live text as a plain line at most every `intervalMs` while a stage runs, so a long crawl or
 * annotation shows it is moving. `tick` lets a timer write that line when no record has moved.
 */
export const createProgressRenderer = (stream: NodeJS.WriteStream, options: ProgressRendererOptions = {}) => {
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? DEFAULT_PROGRESS_SECONDS * 1000;
  const reported = new Set<string>();
  const meters = new Map<string, ProgressMeter>();
  /** When each stage's status text last changed: a status is set when something happens, so an old one may hold a stale rate and ETA. */
  const statusSince = new Map<string, { text: string; at: number }>();
  let latest: readonly StageProgress[] = [];
  let live = false;
  let lastLineAt = clock.now().getTime();
  // unref: the timer never keeps the process alive after the run.
  const timer = options.tickEveryMs === undefined ? undefined : setInterval(() => renderer.tick(), options.tickEveryMs).unref();

  // Every update and tick samples the running stages' counts (live objects), so the rate is ready when a line is due.
  const sample = () => {
    const now = clock.now().getTime();
    for (const s of latest) {
      if (s.done) continue;
      if (s.status) {
        if (statusSince.get(s.name)?.text !== s.status) statusSince.set(s.name, { text: s.status, at: now });
        continue;
      }
      let meter = meters.get(s.name);
      if (!meter) meters.set(s.name, (meter = new ProgressMeter(clock)));
      meter.update(s.counters.in);
    }
  };
  const liveText = (s: StageProgress) => {
    if (s.status) return `${s.name}: ${s.status}`;
    const rate = rateAndEta(meters.get(s.name)?.snapshot() ?? { done: 0 }, 'records').map((p) => `, ${p}`).join('');
    return `${describe(s)}${rate} (${formatMs(s.counters.selfMs)})`;
  };
  const plainLine = (text: string) => {
    stream.write(`${text}\n`);
    lastLineAt = clock.now().getTime();
  };
  const periodic = () => {
    const current = currentStage(latest);
    const now = clock.now().getTime();
    if (!current || now - lastLineAt < intervalMs) return;
    // A status unchanged for a whole interval says so: its rate and ETA are from when it was set.
    const since = current.status ? statusSince.get(current.name) : undefined;
    const unchanged = since && now - since.at > 0 && now - since.at >= intervalMs ? ` (unchanged for ${formatDuration((now - since.at) / 1000)})` : '';
    plainLine(`${liveText(current)}${unchanged}`);
  };

  const renderer = {
    update(stages: readonly StageProgress[]) {
      latest = stages;
      sample();
      if (stream.isTTY) {
        const current = currentStage(stages) ?? stages.at(-1);
        if (!current) return;
        stream.write(`\r\x1b[2K${liveText(current).slice(0, (stream.columns ?? 120) - 1)}`);
        live = true;
        return;
      }
      for (const s of stages) {
        if (s.done && !reported.has(s.name)) {
          reported.add(s.name);
          plainLine(`${describe(s)} (${formatMs(s.counters.selfMs)})`);
        }
      }
      periodic();
    },
    /** Called by a timer: off a terminal, the periodic line even when nothing has moved since the last update. */
    tick() {
      if (stream.isTTY) return;
      sample();
      periodic();
    },
    finish() {
      if (timer) clearInterval(timer);
      if (live) stream.write('\r\x1b[2K');
      live = false;
    },
  };
  return renderer;
};
