import { findReport, incompleteRunReason, type Manifest } from '../pipeline/manifest.js';
import { readManifest } from './run-directory.js';

export interface SplitTokens {
  examples: number;
  tokens: { total: number; min: number; median: number; p95: number; max: number };
}

/** The token-check report section (src/stages/token-check), as the manifest carries it. */
export interface TokenReport {
  model: string;
  /** The src/tokenizers id the run counted with. */
  tokenizer?: string;
  /** The same, in runs made before tokenizers had ids (an OpenAI encoding). */
  encoding?: string;
  tokenLimit: number;
  epochs: { requested: number | 'auto'; resolved: number };
  trainingPricePerMTokens: number | null;
  shutdownDate: string | null;
  /** Absent in runs made before the model table had a per-model date. */
  newJobsEndDate?: string | null;
  splits: Record<string, SplitTokens>;
  billedTokens: number;
  estimatedCostUsd: number | null;
}

/**
 * The longest example of the run in the target model's tokens (the largest per-split maximum of
 * token-check's report); undefined without counts. Read defensively: the report comes from a file.
 */
export const longestExampleTokens = (report: TokenReport | undefined): number | undefined => {
  const maxima = Object.values(report?.splits ?? {}).map((s) => (typeof s?.tokens?.max === 'number' ? s.tokens.max : 0));
  const longest = Math.max(0, ...maxima);
  return longest > 0 ? longest : undefined;
};

export interface PreviewFile {
  name: string;
  examples: number;
  tokens: number | null;
  bytes: number;
  sha256: string;
}

/** What `tuneset train` would upload and what it would cost, from a finished run's manifest. */
export interface HandoffPreview {
  /** The run's target provider (`openai` for runs made before targets), `local` for an open trainer. */
  provider: string;
  model: string;
  shutdownDate: string | null;
  daysToShutdown: number | null;
  newJobsEndDate: string | null;
  files: PreviewFile[];
  epochs: TokenReport['epochs'] | null;
  billedTokens: number | null;
  trainingPricePerMTokens: number | null;
  estimatedCostUsd: number | null;
  validationOk: boolean | null;
  /** Why training would refuse the run as part of a dataset (an annotator stopped at maxCost), else null. */
  incomplete: string | null;
}

const UPLOADED = ['train', 'validation'] as const;
const DAY_MS = 86_400_000;

export const buildHandoffPreview = (manifest: Manifest, now: Date, newJobsEndDate: string | null): HandoffPreview => {
  const tokens = findReport(manifest, 'billedTokens') as TokenReport | undefined;
  const validation = findReport(manifest, 'train') as { ok: boolean } | undefined;
  const shutdownDate = tokens?.shutdownDate ?? null;
  const files = UPLOADED.flatMap((split) => {
    const f = manifest.files[`${split}.jsonl`];
    if (!f) return [];
    return [{ name: `${split}.jsonl`, examples: f.lines, tokens: tokens?.splits[split]?.tokens.total ?? null, bytes: f.bytes, sha256: f.sha256 }];
  });
  return {
    provider: manifest.provider ?? 'openai',
    model: manifest.model,
    shutdownDate,
    daysToShutdown: shutdownDate === null ? null : Math.ceil((Date.parse(`${shutdownDate}T00:00:00Z`) - now.getTime()) / DAY_MS),
    // The run's own date (the pipeline may override it), else the one the caller knows.
    newJobsEndDate: tokens && tokens.newJobsEndDate !== undefined ? tokens.newJobsEndDate : newJobsEndDate,
    files,
    epochs: tokens?.epochs ?? null,
    billedTokens: tokens?.billedTokens ?? null,
    trainingPricePerMTokens: tokens?.trainingPricePerMTokens ?? null,
    estimatedCostUsd: tokens?.estimatedCostUsd ?? null,
    validationOk: typeof validation?.ok === 'boolean' ? validation.ok : null,
    incomplete: incompleteRunReason(manifest) ?? null,
  };
};

/** The preview of a run directory as committed: from its manifest.json, refused when there is none. */
export const readHandoffPreview = (runDir: string, now: Date, newJobsEndDate: string | null): HandoffPreview =>
  buildHandoffPreview(readManifest(runDir).manifest, now, newJobsEndDate);
