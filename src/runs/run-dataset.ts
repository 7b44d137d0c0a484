import { join } from 'node:path';
import { DatasetHasher, type DatasetVersion } from '../pipeline/dataset-version.js';
import type { Manifest } from '../pipeline/manifest.js';
import { readLines } from './line-reader.js';
import { runSplits } from './run-examples.js';

/**
 * A run's content hash: manifest.dataset, or for a run made before versions, the same hash
 * computed from its split files with the runner's own DatasetHasher, so both agree exactly.
 */
export const runDataset = (runDir: string, manifest: Pick<Manifest, 'files' | 'dataset'>): DatasetVersion => {
  if (manifest.dataset) return manifest.dataset;
  const hasher = new DatasetHasher();
  for (const split of runSplits(manifest)) for (const line of readLines(join(runDir, `${split}.jsonl`))) hasher.see(split, line);
  return hasher.finish();
};
