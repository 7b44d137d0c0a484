import type { TrainingExample } from '../../stages/format/chat-example.js';
import type { RunFacts } from './run-facts.js';
import type { ExportSettings } from './settings.js';
import type { ExportIssue, ExportTarget } from './types.js';

export interface Converted {
  /** JSON rows for the split file; may be none (or several, when a trainer expands an example). */
  rows: unknown[];
  issues: ExportIssue[];
}

export interface ConfigFile {
  path: string;
  content: string;
}

/** One trainer's layout, fixed for a run once its facts are known. */
export interface TrainerLayout {
  target: ExportTarget;
  convert(example: TrainingExample): Converted;
  /** Where a split's rows go, relative to the export directory. */
  dataFile(split: string): string;
  /** Configs (and LLaMA-Factory's dataset_info.json), given the splits that were written. */
  configs(splits: readonly string[]): ConfigFile[];
  /** Faithful conversions applied to the whole run, for the user to know. */
  notes: string[];
  /** Trains with the exported config, run from the export directory. */
  command: string;
}

export type TrainerFactory = (facts: RunFacts, settings: ExportSettings) => TrainerLayout;

/** The opening comment lines every config carries. */
export const headerComment = (what: string, settings: ExportSettings): string[] => [
  `${what}, written by \`tuneset export\` from run ${settings.runId} of pipeline ${settings.pipeline}.`,
  'Run it from this directory: every path below is relative to it.',
];

export const baseModelComment = (settings: ExportSettings): string[] =>
  settings.baseModelIsPlaceholder
    ? ['PLACEHOLDER base model: a small open chat model as a starting point.', 'Replace it with the model you want to fine-tune (or export again with --base-model).']
    : settings.baseModelTarget !== undefined
      ? [`Base model: the one the run was built for (target ${settings.baseModelTarget}); export with --base-model to choose another.`]
      : ['Base model given with --base-model.'];

export const dataFile = (split: string): string => `data/${split}.jsonl`;
