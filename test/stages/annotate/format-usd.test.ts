import { expect, test } from 'vitest';
import { formatUsd } from '../../../src/stages/annotate/budget.js';

test('formatUsd: four decimals; under a cent its digits to a millionth; smaller still, two significant digits, never "$0."', () => {
  expect([formatUsd(0), formatUsd(1.5), formatUsd(0.0123), formatUsd(0.0042), formatUsd(0.000001), formatUsd(0.0000001), formatUsd(2.5e-9)]).toEqual([
    '$0.0000',
    '$1.5000',
    '$0.0123',
    '$0.0042',
    '$0.000001',
    '$1.0e-7',
    '$2.5e-9',
  ]);
});
