import { defaultBehaviour, type ChatBehaviour } from '../fake/chat/behaviour.js';
import { createChatCompletion } from '../fake/chat/complete.js';
import type { FakeCore } from '../fake/core.js';
import type { ResolvedChatModel } from '../fake/model-catalog.js';
import { jsonObject } from '../fake/request-body.js';
import type { Route } from '../fake/router.js';
import { datasetRoutes } from './fake-datasets.js';
import { jobRoutes } from './fake-jobs.js';
import { FIREWORKS_TABLE } from './model-table.js';

/**
 * Fireworks' dialect for `tuneset fake-openai --provider fireworks`: datasets, supervised
 * fine-tuning jobs and OpenAI-compatible chat at `/inference/v1/chat/completions`, over the shared
 * fake core (store, clock, fault switches, request log). Fault patterns match these paths as sent:
 * `fake.faults.rateLimit('POST /v1/accounts/*\/datasets')`.
 */

/** A base model answers at chance; a job's output model answers keyed prompts like a fine-tune. */
const baseBehaviour: ChatBehaviour = (_request, ctx) => ctx.defaultReply();

const fineTunedBehaviour =
  (id: string): ChatBehaviour =>
  (request, ctx) =>
    // The shared catalog only knows OpenAI's `ft:` names as fine-tunes; this one is, under Fireworks' name.
    defaultBehaviour(request, { ...ctx, model: { id, kind: 'fine-tuned' } as unknown as ResolvedChatModel });

/** Lets the shared chat code serve Fireworks' model names: the table's bases and finished jobs' outputs. */
const knowModel = (core: FakeCore, name: unknown): void => {
  if (typeof name !== 'string' || core.behaviours.has(name)) return;
  if (Object.hasOwn(FIREWORKS_TABLE.models, name)) core.behaviours.set(name, baseBehaviour);
  else if (core.store.liveModel(name)?.kind === 'fine-tuned') core.behaviours.set(name, fineTunedBehaviour(name));
};

const chatRoute: Route = {
  method: 'POST',
  pattern: '/inference/v1/chat/completions',
  handler: async (ctx) => {
    const body = jsonObject(ctx.body);
    knowModel(ctx.core, body['model']);
    const completion = await createChatCompletion(ctx.core, body);
    const headers = ctx.core.rateLimits.record(ctx.core.clock.nowMs(), completion.usage.total_tokens);
    if (ctx.core.config.latencyMs > 0) await ctx.sleep(ctx.core.config.latencyMs);
    return { json: completion, headers };
  },
};

export const FIREWORKS_ROUTES: readonly Route[] = [...datasetRoutes, ...jobRoutes, chatRoute];
