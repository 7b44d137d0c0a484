import type { ZodError } from 'zod';
import { describeZodIssue } from './zod-issue-text.js';

/** Base of every error tuneset throws on purpose; the CLI prints its message without a stack. */
export class TunesetError extends Error {
  override name = 'TunesetError';
  /** The process exit code the CLI uses for it. */
  readonly exitCode: number = 1;
}

export interface ConfigIssue {
  /** The option's dotted path (`validation`, `train.epochs`); empty for the options as a whole. */
  path: string;
  /** What is wrong, in plain words. */
  message: string;
}

export interface FromZodOptions {
  /**
   * The pipeline-level option the schema validated (`params`, `train`, `models.gpt-4o`); issue
   * paths are under it, and the subject is then the pipeline, not a stage.
   */
  prefix?: string;
  /** The value that was parsed, to show what was given (`got "abc"`). */
  input?: unknown;
  /** Overrides who the options belong to (`stage "split"`, `pipeline "ar-lsat"`). */
  subject?: string;
}

/**
 * A stage or pipeline option is wrong; thrown when the pipeline file is loaded, before any I/O.
 * `stage "split": option validation: expected a number at most 0.9, got 2`.
 */
export class ConfigError extends TunesetError {
  override name = 'ConfigError';
  constructor(
    readonly stage: string,
    readonly issues: readonly ConfigIssue[],
    options: { subject?: string } = {},
  ) {
    const subject = options.subject ?? `stage "${stage}"`;
    super(`${subject}: ${issues.map((i) => (i.path ? `option ${i.path}: ${i.message}` : i.message)).join('; ')}`);
  }

  /** `prefix` as a string is the same as `{ prefix }`. */
  static fromZod(stage: string, error: ZodError, where: string | FromZodOptions = {}): ConfigError {
    const { prefix = '', input, subject } = typeof where === 'string' ? { prefix: where } : where;
    return new ConfigError(
      stage,
      error.issues.map((i) => ({
        path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
        message: describeZodIssue(i, input),
      })),
      { subject: subject ?? (prefix ? `pipeline "${stage}"` : `stage "${stage}"`) },
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
    options?: { cause?: unknown; /** No connection was made: `could not connect to <uri>: <message>`. */ unreachable?: boolean },
  ) {
    super(options?.unreachable ? `could not connect to ${uri}: ${message}` : `${uri}: ${message}`, options);
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
    options: { cause: unknown; /** The record the stage read last, `q17 (data.jsonl:17)`: where to look when the failure names none. */ lastRead?: string },
  ) {
    const cause = options.cause instanceof Error ? options.cause.message : String(options.cause);
    const last = options.lastRead === undefined ? '' : ` (the last record it read: ${options.lastRead})`;
    super(`[${stage}]${recordId === undefined ? '' : ` record ${recordId}`}: ${cause}${last}`, { cause: options.cause });
  }
}
