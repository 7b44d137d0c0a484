import { fixedClock } from '../../src/pipeline/clock.js';
import type { Io } from '../../src/cli/cli.js';

/** stdout/stderr that collect what a command prints, not a terminal. */
export const captureIo = (now = '2026-11-23T12:00:00Z') => {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) => ({ isTTY: false, write: (s: string) => (sink.push(s), true) }) as unknown as NodeJS.WriteStream;
  const io: Io = { clock: fixedClock(now), stdout: stream(out), stderr: stream(err) };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
};
