import type { JobError } from './trainer.js';

// What the usual failure codes mean for the person reading the terminal.
const EXPLAIN: Record<string, string> = {
  invalid_n_examples: 'the training file has too few examples; OpenAI needs at least 10',
  invalid_training_file: 'OpenAI could not read the training file; run `tuneset validate` on it',
  invalid_validation_file: 'OpenAI could not read the validation file; run `tuneset validate` on it',
  invalid_file_format: 'a file is not in the fine-tuning JSONL format',
  exceeded_quota: 'the account has no quota left for fine-tuning',
  insufficient_quota: 'the account has no quota left for fine-tuning',
  model_not_available: 'the model cannot be fine-tuned by this account (or any more)',
  server_error: 'OpenAI failed on its side; starting a new job (--new-job) usually works',
};

/** A failed job's error in plain words, with OpenAI's own code and message kept. */
export const explainJobError = (error: JobError | null): string => {
  if (!error) return 'the job failed without an error message';
  const meaning = error.code ? EXPLAIN[error.code] : undefined;
  return `${error.code ?? 'error'}: ${error.message ?? '(no message)'}${error.param ? ` [${error.param}]` : ''}${meaning ? `\n  which means: ${meaning}` : ''}`;
};
