import { nextStep } from './answer-check.js';
import { outcomeOf, type AttemptContext, type Outcome, type PendingRequest } from './online-runner.js';

/**
 * What the cache already answers (an outcome, costing nothing now) and what is left to ask, with
 * the input tokens of those next attempts, so the rest is priced before the first call. The annotate
 * stage and eval's judge both split their requests this way.
 */
export const splitByCache = (requests: Iterable<PendingRequest>, attempt: AttemptContext): { outcomes: Map<string, Outcome>; pending: PendingRequest[]; estimateInput: number } => {
  const outcomes = new Map<string, Outcome>();
  const pending: PendingRequest[] = [];
  let estimateInput = 0;
  for (const request of requests) {
    const step = nextStep(request.messages, attempt.cache.replies(request.key), attempt.schema, attempt.maxAttempts);
    if (step.done) outcomes.set(request.key, outcomeOf(step.check, step.reply ? step.reply.attempt + 1 : 0));
    else {
      pending.push(request);
      estimateInput += attempt.inputTokens(step.messages);
    }
  }
  return { outcomes, pending, estimateInput };
};
