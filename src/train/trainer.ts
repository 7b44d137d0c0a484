/**
 * The hand-off to a fine-tuning service, in our own terms: OpenAI and Azure OpenAI implement it
 * (src/providers/openai/openai-trainer.ts); another OpenAI-compatible backend can too. Nothing outside
 * src/providers sees the SDK.
 */

export interface RemoteFile {
  id: string;
  filename: string;
  bytes: number;
  purpose: string;
  status: string | undefined;
}

export interface Hyperparameters {
  n_epochs?: number | 'auto';
  batch_size?: number | 'auto';
  /** OpenAI and Azure's OpenAI models: a multiplier of the service's own rate. */
  learning_rate_multiplier?: number | 'auto';
  /** Providers that take an absolute learning rate (Together, Fireworks, Nebius). */
  learning_rate?: number;
  /** LoRA rank and alpha where the provider trains adapters; undefined: the provider's default. */
  lora_rank?: number;
  lora_alpha?: number;
}

/**
 * What makes a job ours: the run, the exact manifest, and which attempt (`--new-job` makes another).
 * Each adapter stores it where its provider keeps it (OpenAI: job metadata) and reads it back, so a
 * re-run after a crash finds the job it made instead of making a second one.
 */
export interface JobTag {
  runId: string;
  manifestSha256: string;
  attempt: number;
}

export interface JobRequest {
  model: string;
  trainingFile: string;
  validationFile: string | undefined;
  method: 'supervised' | 'dpo';
  hyperparameters: Hyperparameters;
  suffix: string | undefined;
  seed: number | undefined;
  tag: JobTag;
  /** LoRA adapters or full-parameter training, where the provider offers the choice; undefined: its default. */
  adaptation: 'lora' | 'full' | undefined;
  /** Sequence length to train with, where the provider takes one (Nebius context_length, Fireworks maxContextLength). */
  contextLength: number | undefined;
}

export interface JobError {
  code: string | null;
  message: string | null;
  param: string | null;
}

export interface RemoteJob {
  id: string;
  status: string;
  model: string;
  fineTunedModel: string | null;
  trainingFile: string;
  validationFile: string | null;
  error: JobError | null;
  metadata: Record<string, string>;
  resultFiles: string[];
  trainedTokens: number | null;
  createdAt: number;
  finishedAt: number | null;
  estimatedFinish: number | null;
  hyperparameters: Record<string, unknown> | null;
}

export interface JobEvent {
  id: string;
  createdAt: number;
  level: string;
  message: string;
  type: string | undefined;
  data: Record<string, unknown> | null;
}

export interface Checkpoint {
  id: string;
  model: string;
  step: number;
  metrics: Record<string, number>;
  createdAt: number;
}

export const TERMINAL_STATUSES: readonly string[] = ['succeeded', 'failed', 'cancelled'];

/** Unknown statuses (the API has shown `paused`) are treated as still running, never as an end. */
export const isTerminal = (status: string): boolean => TERMINAL_STATUSES.includes(status);

export interface Trainer {
  readonly provider: string;
  /** Proves the key and account work: lists models and jobs. */
  checkAccess(): Promise<void>;
  /** An upload that already happened (the same name and size), found again after a crash. */
  findUploadedFile(filename: string, bytes: number): Promise<RemoteFile | undefined>;
  /** One attempt, no retries: the caller looks the file up before trying again. */
  uploadFile(filename: string, content: Buffer): Promise<RemoteFile>;
  /** Jobs created with this tag (same run, manifest and attempt), newest first. */
  findJobs(tag: JobTag): Promise<RemoteJob[]>;
  /** One attempt, no retries: the caller looks the job up before trying again. */
  createJob(request: JobRequest): Promise<RemoteJob>;
  retrieveJob(id: string): Promise<RemoteJob>;
  /** Events newer than `afterEventId` (all when undefined), oldest first. */
  eventsSince(jobId: string, afterEventId: string | undefined): Promise<JobEvent[]>;
  listCheckpoints(jobId: string): Promise<Checkpoint[]>;
  cancelJob(id: string): Promise<RemoteJob>;
  downloadFile(id: string): Promise<Buffer>;
  /** Whether a failed call may be tried again, and how long the server asked us to wait. */
  retryable(error: unknown): boolean;
  retryAfterMs(error: unknown): number | undefined;
}
