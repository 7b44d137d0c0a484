import { expect, test } from 'vitest';
import { recordedCheckpoints } from '../../src/train/train-state.js';

test('recorded checkpoints keep step and model only, oldest first whatever order they were listed in', () => {
  const listed = [30, 10, 20].map((step) => ({ id: `ftckpt_${step}`, model: `ft:m:ckpt-step-${step}`, step, metrics: { train_loss: 1 }, createdAt: step }));
  expect(recordedCheckpoints(listed)).toEqual([
    { step: 10, model: 'ft:m:ckpt-step-10' },
    { step: 20, model: 'ft:m:ckpt-step-20' },
    { step: 30, model: 'ft:m:ckpt-step-30' },
  ]);
});
