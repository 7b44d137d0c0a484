import { createChatCompletion } from '../chat/complete.js';
import { jsonObject } from '../request-body.js';
import type { Route } from '../router.js';

/** `POST /v1/chat/completions`; Azure's `/deployments/{name}/chat/completions` arrives with the deployment as the model. */
export const chatRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/chat/completions',
    handler: async (ctx) => ({ json: await createChatCompletion(ctx.core, jsonObject(ctx.body), ctx.deployment) }),
  },
];
