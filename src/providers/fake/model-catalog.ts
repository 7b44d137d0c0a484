import { dateStatus, lookupModel, MODEL_TABLE, type Method, type ModelInfo } from '../openai/model-table.js';
import type { Json } from '../../pipeline/item.js';
import { badRequest, modelNotFound } from './api-error.js';
import type { FakeStore, FineTunedModel } from './store.js';

/**
 * Which models exist for the fake: the base models of the shared model table (never a copy of its
 * data), the models jobs created, and chat-only models a test configures. A model past its shutdown
 * date on the fake's clock is gone, as it is on the real API: not listed, not callable, not trainable.
 */
export interface CatalogContext {
  store: FakeStore;
  now: Date;
  /** Overrides merged into the model table (the same shape pipelines use). */
  overrides: Record<string, Json> | undefined;
  /** Names configured with a chat behaviour that the table does not know. */
  chatOnly: readonly string[];
  newJobsEndDate: string | null;
}

export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  shutdown_date: string | null;
}

export type ResolvedChatModel =
  | { id: string; kind: 'base'; info: ModelInfo; jobId: null }
  | { id: string; kind: 'fine-tuned' | 'checkpoint'; info: ModelInfo; jobId: string; record: FineTunedModel }
  | { id: string; kind: 'custom'; info: null; jobId: null };

/** Every table entry, the pipeline-style overrides included (lookupModel applies them). */
export const tableModels = (overrides: Record<string, Json> | undefined): ModelInfo[] => {
  const names = new Set([...Object.keys(MODEL_TABLE.models), ...Object.keys(overrides ?? {})]);
  const byName = new Map<string, ModelInfo>();
  for (const name of names) {
    const info = lookupModel(name, overrides);
    byName.set(info.name, info);
  }
  return [...byName.values()];
};

const isShutDown = (shutdownDate: string | null, now: Date) => dateStatus(shutdownDate, now).state === 'shut-down';

/** Snapshot names carry their release date (`…-2024-07-18`); the API's `created` is that day. */
const snapshotCreated = (name: string): number => {
  const m = /(\d{4})-(\d{2})-(\d{2})$/.exec(name);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : 1_700_000_000;
};

const tableLookup = (name: string, overrides: Record<string, Json> | undefined): ModelInfo | null => {
  try {
    return lookupModel(name, overrides);
  } catch {
    return null;
  }
};

export const listModels = (ctx: CatalogContext): ModelObject[] => {
  const out: ModelObject[] = [];
  for (const info of tableModels(ctx.overrides)) {
    if (isShutDown(info.shutdownDate, ctx.now)) continue;
    for (const id of [info.name, ...info.aliases]) {
      out.push({ id, object: 'model', created: snapshotCreated(info.name), owned_by: 'system', shutdown_date: info.shutdownDate });
    }
  }
  for (const id of ctx.chatOnly) {
    if (!out.some((m) => m.id === id) && !id.startsWith('ft:')) out.push({ id, object: 'model', created: 1_700_000_000, owned_by: 'system', shutdown_date: null });
  }
  for (const m of ctx.store.models.values()) {
    const base = tableLookup(m.baseSnapshot, ctx.overrides);
    if (m.deleted || (base && isShutDown(base.shutdownDate, ctx.now))) continue;
    out.push({ id: m.id, object: 'model', created: m.created, owned_by: m.ownedBy, shutdown_date: base?.shutdownDate ?? null });
  }
  return out;
};

/** The model a chat request names, or the 404 `model_not_found` the API gives. */
export const resolveChatModel = (name: string, ctx: CatalogContext): ResolvedChatModel => {
  if (name.startsWith('ft:')) {
    const record = ctx.store.liveModel(name);
    const info = record ? tableLookup(record.baseSnapshot, ctx.overrides) : null;
    if (!record || !info || isShutDown(info.shutdownDate, ctx.now)) throw modelNotFound(name);
    return { id: name, kind: record.kind, info, jobId: record.jobId, record };
  }
  const info = tableLookup(name, ctx.overrides);
  if (info) {
    if (isShutDown(info.shutdownDate, ctx.now)) throw modelNotFound(name);
    return { id: name, kind: 'base', info, jobId: null };
  }
  if (ctx.chatOnly.includes(name)) return { id: name, kind: 'custom', info: null, jobId: null };
  throw modelNotFound(name);
};

/** A model a job may train, resolved to its snapshot; else the 400 the job endpoint gives. */
export const resolveTrainableModel = (name: string, method: Method, ctx: CatalogContext): { jobModel: string; snapshot: string } => {
  const unavailable = (why: string) => badRequest(`Model ${name} is not available for fine-tuning or does not exist. ${why}`.trim(), 'model', 'model_not_available');
  if (ctx.newJobsEndDate !== null && isShutDown(ctx.newJobsEndDate, ctx.now)) {
    throw badRequest(`Fine-tuning is no longer available: new fine-tuning jobs could be created until ${ctx.newJobsEndDate}.`, 'model', 'fine_tuning_unavailable');
  }
  let snapshot: string;
  if (name.startsWith('ft:')) {
    // Training a fine-tune further: it must be one this server created and still serves.
    const record = ctx.store.liveModel(name);
    if (!record) throw unavailable('');
    snapshot = record.baseSnapshot;
  } else {
    const info = tableLookup(name, ctx.overrides);
    if (!info) throw unavailable('');
    snapshot = info.name;
  }
  const info = tableLookup(snapshot, ctx.overrides)!;
  if (isShutDown(info.shutdownDate, ctx.now)) throw unavailable(`It was shut down on ${info.shutdownDate}.`);
  if (!info.methods.includes(method)) throw unavailable(`It does not support the ${method} method (supported: ${info.methods.join(', ')}).`);
  return { jobModel: name.startsWith('ft:') ? name : snapshot, snapshot };
};
