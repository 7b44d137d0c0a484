import type { JobEvent } from '../train/trainer.js';

const BAR = 24;

const num = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : undefined);

/** One line for a metrics event: a bar on a terminal, `step n/N` with losses everywhere. */
export const metricsLine = (event: JobEvent, tty: boolean): string | undefined => {
  const d = event.data ?? {};
  const step = d['step'];
  const total = d['total_steps'];
  if (typeof step !== 'number' || typeof total !== 'number' || total <= 0) return undefined;
  const losses = [`train loss ${num(d['train_loss']) ?? '-'}`];
  const valid = num(d['valid_loss']);
  if (valid) losses.push(`validation loss ${valid}`);
  const done = Math.min(BAR, Math.round((step / total) * BAR));
  const bar = tty ? `[${'#'.repeat(done)}${'.'.repeat(BAR - done)}] ` : '';
  return `${bar}step ${step}/${total}  ${losses.join('  ')}`;
};

/** Off a terminal, metrics lines are printed at every tenth of the run, not for every step. */
export const isMilestone = (event: JobEvent): boolean => {
  const d = event.data ?? {};
  const step = d['step'];
  const total = d['total_steps'];
  if (typeof step !== 'number' || typeof total !== 'number') return false;
  const tenth = Math.max(1, Math.floor(total / 10));
  return step === total || step % tenth === 0 || typeof d['valid_loss'] === 'number';
};
