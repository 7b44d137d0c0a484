/** Exact dedupe's one code; the catalog reads it from here. */
export const DEDUPE_DROP_CODES = {
  duplicate: "a copy of a kept item (same fields after normalising); detail: `{ keptId }`, and the two items' groups are united",
} as const;
