import type { ZodError } from 'zod';
import { UsageError } from '../pipeline/errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { describeZodIssue } from '../pipeline/zod-issue-text.js';

/**
 * `--param` values the pipeline's parameters refuse, one `--param NAME: ...` per problem, with the
 * value as it was typed: `--param seed: expected a number, got "abc"`. A name the pipeline does not
 * declare lists the ones it does.
 */
export const paramUsageError = (p: Pipeline<unknown>, error: ZodError, given: Record<string, string>): UsageError => {
  const declared = Object.keys(p.params.shape);
  const problems = error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      return issue.keys.map((k) => `--param ${k}: ${p.name} has no such parameter; its parameters: ${declared.join(', ') || 'none'}`);
    }
    return [`--param ${issue.path.map(String).join('.')}: ${describeZodIssue(issue, given)}`];
  });
  return new UsageError(problems.join('; '));
};
