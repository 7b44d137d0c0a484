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
  learning_rate_multiplier?: number | 'auto';
}

export interface JobRequest {
  model: string;
  trainingFile: string;
  validationFile: string | undefined;
  method: 'supervised' | 'dpo';
  hyperparameters: Hyperparameters;
  suffix: string | undefined;
  seed: number | undefined;
  metadata: Record<string, string>;
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
  /** Jobs tagged with this metadata pair, newest first. */
  findJobs(key: string, value: string): Promise<RemoteJob[]>;
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
