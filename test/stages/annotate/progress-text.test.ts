import { expect, test } from 'vitest';
import { ProgressMeter } from '../../../src/pipeline/progress-meter.js';
import { annotationProgress } from '../../../src/stages/annotate/progress-text.js';
import { manualClock } from '../../helpers/manual-clock.js';

test('online annotation: answered of the total, rate, spend and ETA once time has passed', () => {
  const { clock, advance } = manualClock();
  const meter = new ProgressMeter(clock);
  expect(annotationProgress({ progress: meter.update(0, 120), spentUsd: 0, priced: true })).toBe('0/120 answered, $0.0000 spent');
  advance(8_000);
  expect(annotationProgress({ progress: meter.update(20, 120), spentUsd: 0.0123, priced: true })).toBe('20/120 answered, 2.5/s, $0.0123 spent, ETA 40s');
  expect(annotationProgress({ progress: meter.snapshot(), spentUsd: 0, priced: false })).toBe('20/120 answered, 2.5/s, no price, ETA 40s');
});
