/**
 * How many annotations the annotation benchmark asks for when --annotations is not given. The full
 * benchmark (any size of 50,000 records or more) asks for 10,000, the figure: at 200 ms and
 * 16 at once that first run takes about 125 s. A smoke run (`--records 2000`) asks for one per 2.5
 * records, at least 100 (`--records 2000`: 800, about 10 s), so CI stays fast.
 */
import { SMOKE_BELOW_RECORDS } from './crawl-scale.js';

export const FULL_ANNOTATIONS = 10_000;
const RECORDS_PER_ANNOTATION = 2.5;
const MIN_ANNOTATIONS = 100;

export const annotateScale = (sizes: readonly number[], given?: number): number => {
  if (given !== undefined) return given;
  const largest = Math.max(0, ...sizes);
  if (largest >= SMOKE_BELOW_RECORDS) return FULL_ANNOTATIONS;
  return Math.min(FULL_ANNOTATIONS, Math.max(MIN_ANNOTATIONS, Math.round(largest / RECORDS_PER_ANNOTATION)));
};
