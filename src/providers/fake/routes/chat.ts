import { createChatCompletion } from '../chat/complete.js';
import { jsonObject } from '../request-body.js';
import type { Route } from '../router.js';

/**
 * `POST /v1/chat/completions`; Azure's `/deployments/{name}/chat/completions` arrives with the
 * deployment as the model. A completed answer carries the x-ratelimit headers and waits
 * `config.latencyMs` real milliseconds on a timer first, as a model takes time to answer: other
 * requests are served meanwhile, so N concurrent clients get about N / latency answers a second.
 * Batches call createChatCompletion directly, without either.
 */
export const chatRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/chat/completions',
    handler: async (ctx) => {
      const { core } = ctx;
      const completion = await createChatCompletion(core, jsonObject(ctx.body), ctx.deployment);
      const headers = core.rateLimits.record(core.clock.nowMs(), completion.usage.total_tokens);
      if (core.config.latencyMs > 0) await ctx.sleep(core.config.latencyMs);
      return { json: completion, headers };
    },
  },
];
