import type { z } from 'zod';
import type { Json } from '../../pipeline/item.js';

/** A rejected record's detail: each field path (dotted, from `prefix`) with what is wrong there. */
export const issuesDetail = (error: z.ZodError, prefix: readonly (string | number)[] = []): { issues: { path: string; message: string }[] } & { [k: string]: Json } => ({
  issues: error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.') || '(root)', message: i.message })),
});
