/**
 * Together's objects as its OpenAPI document (github.com/togethercomputer/openapi, openapi.yaml)
 * describes them: only the fields tuneset reads. Timestamps are ISO strings, not seconds.
 */
export interface TogetherFile {
  id: string;
  object?: string;
  created_at?: number;
  filename: string;
  bytes: number;
  purpose: string;
  /** Capitalised in the API: whether the file was checked for fine-tuning. */
  Processed?: boolean;
  FileType?: string;
}

export type TogetherJobStatus = 'pending' | 'queued' | 'running' | 'compressing' | 'uploading' | 'cancel_requested' | 'cancelled' | 'error' | 'completed';

export interface TogetherEvent {
  object?: string;
  created_at: string;
  level?: string | null;
  message: string;
  type: string;
  step?: number;
  hash?: string;
  checkpoint_path?: string;
  model_path?: string;
  token_count?: number;
  total_steps?: number;
}

export interface TogetherJob {
  id: string;
  status: TogetherJobStatus | string;
  created_at: string;
  updated_at: string;
  started_at?: string;
  model?: string;
  model_output_name?: string;
  suffix?: string;
  training_file?: string;
  validation_file?: string;
  n_epochs?: number;
  n_checkpoints?: number;
  n_evals?: number;
  batch_size?: number | 'max';
  learning_rate?: number;
  training_type?: { type: 'Lora' | 'Full'; lora_r?: number; lora_alpha?: number };
  training_method?: { method: 'sft' | 'dpo' };
  token_count?: number;
  total_price?: number;
  random_seed?: number | null;
  events?: TogetherEvent[];
}

export interface TogetherCheckpoint {
  step: number;
  path: string;
  created_at: string;
  checkpoint_type: string;
}

/** `GET /fine-tunes/{id}/metrics`: flat dictionaries keyed like `train/loss`, `train/global_step`. */
export interface TogetherMetrics {
  metrics: Record<string, number>[];
}
