import { formatDuration, formatRate, type ProgressSnapshot } from '../../pipeline/progress-meter.js';
import { formatUsd } from './budget.js';

/** The stage's status line: `3/10 answered, 1.5/s, $0.0021 spent, ETA 5s` (rate and ETA once time has passed). */
export const annotationProgress = (p: { progress: ProgressSnapshot; spentUsd: number; priced: boolean }): string => {
  const { done, total, perSecond, etaSeconds } = p.progress;
  return [
    `${done}/${total ?? '?'} answered`,
    ...(perSecond === undefined ? [] : [formatRate(perSecond)]),
    p.priced ? `${formatUsd(p.spentUsd)} spent` : 'no price',
    ...(etaSeconds === undefined ? [] : [`ETA ${formatDuration(etaSeconds)}`]),
  ].join(', ');
};
