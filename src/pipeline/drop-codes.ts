import type { DropReason, Json } from './item.js';

/** A stage's drop codes and what each means: the one place they are documented (docs/reference.md). */
export type DropCodes = Readonly<Record<string, string>>;

/**
 * A reason builder that accepts only the codes a stage documents, so a new code cannot be dropped
 * without its meaning being written down first (the compiler refuses an unknown one).
 */
export const dropReasons =
  <C extends DropCodes>(_codes: C) =>
  (code: keyof C & string, detail?: Json): DropReason =>
    detail === undefined ? { code } : { code, detail };
