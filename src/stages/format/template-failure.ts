import { TunesetError } from '../../pipeline/errors.js';
import type { Json } from '../../pipeline/item.js';

/**
 * Thrown by a template helper when one record's data cannot be rendered (eleven options for ten
 * letters): the format stage drops that record with this code instead of stopping the run.
 */
export class TemplateDefect extends Error {
  override name = 'TemplateDefect';
  constructor(
    readonly code: 'too_many_options',
    readonly detail: Record<string, Json>,
    message: string,
  ) {
    super(message);
  }
}

/** A template function that threw for one record: an error entry (code `template_failed`) within the stage's maxErrors. */
export class TemplateError extends TunesetError {
  override name = 'TemplateError';
  readonly code = 'template_failed';
}
