import type { StageProgress } from '../pipeline/runner.js';
import { formatInt, formatMs } from './format-table.js';

const describe = (s: StageProgress) => {
  const c = s.counters;
  const dropped = c.dropped > 0 ? `, ${formatInt(c.dropped)} dropped` : '';
  return `${s.name}: ${formatInt(c.in)} in, ${formatInt(c.out)} out${dropped}`;
};

/**
 * A live line rewritten in place on a TTY; otherwise one plain line per stage as it finishes, which
 * reads well in CI logs and files.
 */
export const createProgressRenderer = (stream: NodeJS.WriteStream) => {
  const reported = new Set<string>();
  let live = false;
  return {
    update(stages: readonly StageProgress[]) {
      if (stream.isTTY) {
        const current = stages.find((s) => !s.done) ?? stages.at(-1);
        if (!current) return;
        const text = current.status ? `${current.name}: ${current.status}` : `${describe(current)} (${formatMs(current.counters.selfMs)})`;
        stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 120) - 1)}`);
        live = true;
        return;
      }
      for (const s of stages) {
        if (s.done && !reported.has(s.name)) {
          reported.add(s.name);
          stream.write(`${describe(s)} (${formatMs(s.counters.selfMs)})\n`);
        }
      }
    },
    finish() {
      if (live) stream.write('\r\x1b[2K');
      live = false;
    },
  };
};
