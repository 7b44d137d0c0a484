import { catalogContext } from '../fake/core.js';
import { cursorPage, parseLimit } from '../fake/cursor-page.js';
import { withCatalog } from '../fake/dialect-catalog.js';
import { finalizeJobs } from '../fake/jobs/finalize.js';
import { listModels } from '../fake/model-catalog.js';
import { jsonObject } from '../fake/request-body.js';
import type { Route, RouteContext } from '../fake/router.js';
import { chatRoutes } from '../fake/routes/chat.js';
import { fileRoutes } from '../fake/routes/files.js';
import { jobEventRoutes } from '../fake/routes/job-events.js';
import { findJob, jobRoutes } from '../fake/routes/jobs.js';
import { DetailError, nebiusExtras, nebiusJobObject, parseNebiusCreate } from './fake-job.js';
import { NEBIUS_TABLE } from './model-table.js';

/**
 * Nebius' dialect of the fake (`tuneset fake-openai --provider nebius`): OpenAI's paths, which
 * Nebius serves too, with Nebius' differences: only Nebius' models are listed and trainable, the
 * create body takes Nebius' flat hyperparameters and keeps no metadata, the job object is Nebius'
 * (suffix, trained_steps/total_steps, no fine_tuned_model), validation errors are FastAPI 422s, and
 * there is no pause/resume and no batch API here. Files, events, checkpoints (same object as
 * OpenAI's), result files and chat are the shared fake's.
 */
const shared = (method: Route['method'], pattern: string): Route['handler'] => {
  const route = jobRoutes.find((r) => r.method === method && r.pattern === pattern);
  if (!route) throw new Error(`the shared fake has no ${method} ${pattern}`);
  return route.handler;
};
const sharedCreate = shared('POST', '/v1/fine_tuning/jobs');
const sharedCancel = shared('POST', '/v1/fine_tuning/jobs/:job_id/cancel');

const isNebiusModel = (name: string) => Object.hasOwn(NEBIUS_TABLE.models, name);

const render = (ctx: RouteContext, id: string) => {
  const { core } = ctx;
  const now = core.clock.nowFractionalSeconds();
  finalizeJobs(core, now);
  const job = core.store.jobs.get(id)!;
  return nebiusJobObject(job, nebiusExtras(core.store).get(id), now);
};

const create = async (ctx: RouteContext) => {
  const request = parseNebiusCreate(jsonObject(ctx.body));
  if (!isNebiusModel(request.model)) {
    throw new DetailError(400, `Model ${request.model} is not available for fine-tuning. Fine-tunable models: ${Object.keys(NEBIUS_TABLE.models).join(', ')}`);
  }
  const h = request.hyperparameters;
  // The shared job machinery (files checked, plan, timeline, checkpoints) gets OpenAI's body.
  const openaiBody = {
    model: request.model,
    training_file: request.trainingFile,
    validation_file: request.validationFile,
    suffix: request.suffix,
    seed: request.seed,
    method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: h.n_epochs, batch_size: h.batch_size } } },
  };
  const reply = await sharedCreate({ ...ctx, body: { kind: 'json', value: openaiBody } });
  const id = ('json' in reply ? (reply.json as { id: string }) : { id: '' }).id;
  nebiusExtras(ctx.core.store).set(id, { hyperparameters: h });
  const object = render(ctx, id);
  return { json: object, committed: { kind: 'job' as const, object } };
};

const list = (ctx: RouteContext) => {
  const { core, query } = ctx;
  const now = core.clock.nowFractionalSeconds();
  finalizeJobs(core, now);
  const extras = nebiusExtras(core.store);
  return {
    json: cursorPage(core.store.jobsNewestFirst(), {
      after: query.get('after'),
      limit: parseLimit(query, 20, 100),
      render: (job) => nebiusJobObject(job, extras.get(job.id), now),
    }),
  };
};

const cancel = async (ctx: RouteContext) => {
  await sharedCancel(ctx);
  return { json: render(ctx, findJob(ctx).id) };
};

/** /v1/models lists Nebius' base models and the models jobs made, not OpenAI's. */
const models = (ctx: RouteContext) => {
  const { core } = ctx;
  const data = listModels(catalogContext(core)).filter((m) => isNebiusModel(m.id) || core.store.models.has(m.id) || core.behaviours.has(m.id));
  return { json: { object: 'list', data } };
};

export const NEBIUS_ROUTES: readonly Route[] = withCatalog(
  [
    ...fileRoutes,
    { method: 'POST', pattern: '/v1/fine_tuning/jobs', handler: create },
    { method: 'GET', pattern: '/v1/fine_tuning/jobs', handler: list },
    { method: 'GET', pattern: '/v1/fine_tuning/jobs/:job_id', handler: (ctx) => ({ json: render(ctx, findJob(ctx).id) }) },
    { method: 'POST', pattern: '/v1/fine_tuning/jobs/:job_id/cancel', handler: cancel },
    ...jobEventRoutes,
    { method: 'GET', pattern: '/v1/models', handler: models },
    ...chatRoutes,
  ],
  NEBIUS_TABLE,
);
