import type { ZodError } from 'zod';

/** Base of every error tuneset throws on purpose; the CLI prints its message without a stack. */
export class TunesetError extends Error {
  override name = 'TunesetError';
  /** The process exit code the CLI uses for it. */
  readonly exitCode: number = 1;
}

/** A stage or pipeline option is wrong; thrown when the pipeline file is loaded, before any I/O. */
export class ConfigError extends TunesetError {
  override name = 'ConfigError';
  constructor(
    readonly stage: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`[${stage}] invalid options: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }

  static fromZod(stage: string, error: ZodError, prefix = ''): ConfigError {
    return new ConfigError(
      stage,
      error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message })),
    );
  }
}

/** A command line that cannot be acted on (exit code 2). */
export class UsageError extends TunesetError {
  override name = 'UsageError';
  override readonly exitCode = 2;
}

/** An input that cannot be read at all, or whose syntax is broken beyond a single record. */
export class SourceError extends TunesetError {
  override name = 'SourceError';
  constructor(
    readonly uri: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${uri}: ${message}`, options);
  }
}

/** The counts of a stage do not add up: a record vanished or was counted twice. */
export class LedgerError extends TunesetError {
  override name = 'LedgerError';
}

/** Wraps an unexpected failure inside a stage with the stage name (and record id when known). */
export class StageError extends TunesetError {
  override name = 'StageError';
  constructor(
    readonly stage: string,
    readonly recordId: string | undefined,
    options: { cause: unknown },
  ) {
    const cause = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`[${stage}]${recordId === undefined ? '' : ` record ${recordId}`}: ${cause}`, options);
  }
}
