import { formatUsd } from './budget.js';

/** The live line on a TTY: done/total, rate, spend so far, time left. */
export const annotationProgress = (p: { done: number; total: number; elapsedMs: number; spentUsd: number; priced: boolean }): string => {
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const left = rate > 0 ? Math.ceil((p.total - p.done) / rate) : undefined;
  const eta = left === undefined ? '' : `, ETA ${left >= 60 ? `${Math.floor(left / 60)}m${String(left % 60).padStart(2, '0')}s` : `${left}s`}`;
  return `${p.done}/${p.total} answered, ${rate.toFixed(1)}/s, ${p.priced ? `${formatUsd(p.spentUsd)} spent` : 'no price'}${eta}`;
};
