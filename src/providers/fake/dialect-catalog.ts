import type { Json } from '../../pipeline/item.js';
import type { ProviderModelTable } from '../model-entry.js';
import type { FakeCore } from './core.js';
import type { Route } from './router.js';

/**
 * Serves shared routes (files, jobs, events, checkpoints, models, chat) over another provider's
 * model table: each request sees the core with that table's rows merged into the catalog (as
 * pipeline-style `models` overrides: known OpenAI names are patched, others added) and without
 * OpenAI's end of new jobs, which is OpenAI's alone. Store, clock, faults and request log are the
 * server's own, so a dialect is only routes: `startFakeOpenAI({ routes })` serves it.
 * Overrides a test gives the server (`modelTable`) still win over the dialect's rows.
 */
export const catalogCore = (core: FakeCore, table: ProviderModelTable): FakeCore => ({
  ...core,
  config: {
    ...core.config,
    modelTable: { ...(table.models as unknown as Record<string, Json>), ...core.config.modelTable },
    newJobsEndDate: null,
  },
});

export const withCatalog = (routes: readonly Route[], table: ProviderModelTable): Route[] =>
  routes.map((route) => ({ ...route, handler: (ctx) => route.handler({ ...ctx, core: catalogCore(ctx.core, table) }) }));
