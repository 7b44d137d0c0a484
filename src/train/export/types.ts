import { TunesetError } from '../../pipeline/errors.js';

/** The open trainers a run can be exported to. */
export const EXPORT_TARGETS = ['trl', 'axolotl', 'llama-factory'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** SFT runs hold `messages` lines, DPO runs `input/preferred_output/non_preferred_output` lines. */
export type ExportKind = 'sft' | 'dpo';

export interface ExportRequest {
  runDir: string;
  target: ExportTarget;
  /** Default `<runDir>/export/<target>/`; must be new or empty either way. */
  outDir?: string;
  /** Hugging Face model id written into the config; a marked placeholder when absent. */
  baseModel?: string;
}

/**
 * Something in the data that the trainer cannot express as OpenAI did. `refuse` stops the export
 * (nothing is written); `warn` writes the data in the documented converted form and names the
 * examples, so no change to the data goes unnoticed.
 */
export interface ExportIssue {
  code: string;
  action: 'refuse' | 'warn';
  message: string;
}

/** An issue with the ids of every example it applies to, in file order. */
export interface ReportedIssue extends ExportIssue {
  ids: string[];
}

export interface ExportedFile {
  /** Relative to the export directory, `/`-separated. */
  path: string;
  /** Rows in a data file; absent for config files. */
  lines?: number;
}

export interface SplitCount {
  examples: number;
  rows: number;
}

export interface ExportResult {
  target: ExportTarget;
  kind: ExportKind;
  outDir: string;
  files: ExportedFile[];
  splits: Record<string, SplitCount>;
  warnings: ReportedIssue[];
  /** Faithful conversions worth knowing about (e.g. weight-0 examples expanded into rows). */
  notes: string[];
  /** The command that trains, run from `outDir`. */
  command: string;
}

/** An export that cannot be done as asked: bad run directory or data the trainer cannot express. */
export class ExportError extends TunesetError {
  override name = 'ExportError';
}
