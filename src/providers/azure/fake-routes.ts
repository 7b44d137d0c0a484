import { badRequest } from '../fake/api-error.js';
import { withCatalog } from '../fake/dialect-catalog.js';
import { jsonObject } from '../fake/request-body.js';
import type { Route } from '../fake/router.js';
import { OPENAI_ROUTES } from '../fake/server.js';
import { AZURE_TABLE, GLOBAL_TRAINING_ONLY } from './model-table.js';

/**
 * Azure's dialect of the fake: OpenAI's routes (Azure's v1 API is OpenAI's protocol; the server maps
 * `/openai/v1/...` and the dated `/openai/...?api-version=` shape onto them when started with
 * `azure: true`) over Azure's model table, so the open models are listed, trainable and chat-able,
 * and OpenAI's 2027-01-06 end of new jobs does not apply. One Azure rule on top: an open model
 * trains only on Global capacity, so a job on one must ask for `trainingType: GlobalStandard`
 * (Microsoft's fine-tuning table: Standard regions "Not supported").
 */
const requireGlobalTraining = (route: Route): Route => ({
  ...route,
  handler: (ctx) => {
    const body = jsonObject(ctx.body);
    const model = body['model'];
    const trainingType = body['trainingType'];
    if (typeof model === 'string' && GLOBAL_TRAINING_ONLY.has(model) && !(typeof trainingType === 'string' && /^globalstandard$/i.test(trainingType))) {
      throw badRequest(
        `Model ${model} can only be trained with Global training; set trainingType to GlobalStandard (got ${trainingType === undefined ? 'none' : JSON.stringify(trainingType)}).`,
        'trainingType',
        'invalidPayload',
      );
    }
    return route.handler(ctx);
  },
});

export const AZURE_ROUTES: readonly Route[] = withCatalog(
  OPENAI_ROUTES.map((r) => (r.method === 'POST' && r.pattern === '/v1/fine_tuning/jobs' ? requireGlobalTraining(r) : r)),
  AZURE_TABLE,
);
