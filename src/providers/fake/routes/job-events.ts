import { cursorPage, parseLimit } from '../cursor-page.js';
import { checkpointsOf } from '../jobs/checkpoints.js';
import { jobEvents } from '../jobs/events.js';
import { jobState } from '../jobs/timeline.js';
import type { Route, RouteContext } from '../router.js';
import { findJob } from './jobs.js';

/**
 * A job's events and checkpoints, both newest first with an exclusive `after` cursor
 * (openai-api.md §2.5, §2.6). Events lists carry no first/last id; checkpoint lists do.
 */

const events = (ctx: RouteContext) => {
  const job = findJob(ctx);
  const all = jobEvents(job, ctx.core.clock.nowFractionalSeconds()).reverse();
  return { json: cursorPage(all, { after: ctx.query.get('after'), limit: parseLimit(ctx.query, 20, 100), render: (e) => e }) };
};

const checkpoints = (ctx: RouteContext) => {
  const job = findJob(ctx);
  // Checkpoints become visible when the job succeeds, all at once.
  const all = jobState(job, ctx.core.clock.nowFractionalSeconds()).status === 'succeeded' ? checkpointsOf(job) : [];
  return { json: cursorPage(all, { after: ctx.query.get('after'), limit: parseLimit(ctx.query, 10, 100), render: (c) => c, firstLastIds: true }) };
};

export const jobEventRoutes: Route[] = [
  { method: 'GET', pattern: '/v1/fine_tuning/jobs/:job_id/events', handler: events },
  { method: 'GET', pattern: '/v1/fine_tuning/jobs/:job_id/checkpoints', handler: checkpoints },
];
