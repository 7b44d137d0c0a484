// The shapes the runs-over-time commands share (`tuneset runs`, `diff`, `schedule`, `run --if-changed`,
// the report's diff section). src/runs/ reads run directories; it never writes a run.
import type { DatasetVersion } from '../pipeline/dataset-version.js';
import type { HeadlineScores } from './eval-json.js';

/** One finished run directory (it has manifest.json) as `tuneset runs` lists it. */
export interface RunSummary {
  runId: string;
  runDir: string;
  pipeline: string;
  startedAt: string;
  configHash: string;
  provider: string;
  model: string;
  /** From manifest.dataset, or computed from the split files for runs made before versions. */
  dataset: DatasetVersion;
  /** Training tokens per split (token-check's report), when counted. */
  tokens?: Record<string, number>;
  /** The hand-off's cost estimate in USD, when the model has a price. */
  estimatedCostUsd?: number;
  /** From train-state.json, when the run was handed to training. */
  training?: { provider: string; jobId: string; status: string; fineTunedModel: string | null };
  /** From eval.json (the latest evaluation), when the run was evaluated: each model's score on the held-out split by its first scorer. */
  eval?: HeadlineScores;
}

/** Counts of examples compared by id between two runs. */
export interface ExampleCounts {
  added: number;
  removed: number;
  /** Same id, different content (the written line differs). */
  changed: number;
  unchanged: number;
}

/**
 * `tuneset diff <run-a> <run-b> --json`: what changed from run A (older) to run B (newer). The
 * issue fixes `examples` and `ids`; the rest is ours. Ids are sorted.
 */
export interface RunDiff {
  a: { runId: string; runDir: string; hash: string };
  b: { runId: string; runDir: string; hash: string };
  examples: ExampleCounts;
  ids: { added: string[]; removed: string[]; changed: string[] };
  /** Per split of B (removed examples count under A's split). */
  splits: Record<string, ExampleCounts>;
  /** The meta field labels are read from (`label` unless asked for another, e.g. split's stratify field). */
  labelField: string;
  /** Per label value (meta[labelField] of the example, B's for those in B; '(none)' when it has none). */
  labels: Record<string, ExampleCounts>;
  /** Examples present in both runs whose split differs: zero for a stable split. */
  moved: { count: number; ids: string[] };
  /**
   * Repeated ids in each run (occurrences after the first). Each repeat is compared as `<id>#2`,
   * `<id>#3`, ... in meta.jsonl order, so the nth copy in A meets the nth copy in B.
   */
  duplicates: { a: number; b: number };
  /** Tokens of every split (token-check's counts; 0 for a run that did not count them). */
  tokens: { a: number; b: number; delta: number };
  /** USD at the runs' training price; null when the model has no price. */
  cost: { a: number | null; b: number | null; delta: number | null };
}
