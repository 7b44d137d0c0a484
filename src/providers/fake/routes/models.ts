import { ApiError, modelNotFound } from '../api-error.js';
import { catalogContext } from '../core.js';
import { listModels } from '../model-catalog.js';
import type { Route } from '../router.js';

/**
 * Models: base models from the model table (with `shutdown_date`), every fine-tuned and checkpoint
 * model jobs created, and deletion of fine-tunes (openai-api.md §2.1, §4).
 */
export const modelRoutes: Route[] = [
  { method: 'GET', pattern: '/v1/models', handler: (ctx) => ({ json: { object: 'list', data: listModels(catalogContext(ctx.core)) } }) },
  {
    method: 'GET',
    pattern: '/v1/models/:model',
    handler: (ctx) => {
      const id = ctx.params['model']!;
      const model = listModels(catalogContext(ctx.core)).find((m) => m.id === id);
      if (!model) throw modelNotFound(id);
      return { json: model };
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/models/:model',
    handler: (ctx) => {
      const id = ctx.params['model']!;
      const record = ctx.core.store.liveModel(id);
      if (!record) {
        if (listModels(catalogContext(ctx.core)).some((m) => m.id === id)) {
          throw new ApiError(403, 'You do not have permission to delete this model.', 'invalid_request_error', 'model', 'model_not_deletable');
        }
        throw modelNotFound(id);
      }
      record.deleted = true;
      return { json: { id, object: 'model', deleted: true } };
    },
  },
];
