import { describe, expect, it } from 'vitest';
import { runOpenAIFlow } from '../../scripts/openapi/openai-flow.js';
import type { Recorder } from '../../scripts/openapi/recorder.js';
import { runTogetherFlow } from '../../scripts/openapi/together-flow.js';
import { matchRoute, type Route } from '../../src/providers/fake/router.js';
import { OPENAI_ROUTES } from '../../src/providers/fake/server.js';
import { TOGETHER_ROUTES } from '../../src/providers/together/fake-routes.js';

// The OpenAPI check (npm run check-fakes) needs a fetched document, so it does not run here; this
// keeps its flows honest: each still runs to its end and reaches every route its fake serves, so a
// new route cannot go unchecked.
const routesNeverHit = (recorder: Recorder, routes: readonly Route[]) =>
  routes
    .filter((route) => !recorder.records.some((r) => r.status < 400 && matchRoute([route], r.method, r.target.split('?')[0]!) !== null))
    .map((route) => `${route.method} ${route.pattern}`);

const statuses = (recorder: Recorder) => [...new Set(recorder.records.map((r) => r.status))].sort();

describe('check-fakes flows', () => {
  it('OpenAI: answers every route at least once with success, and every error kind', async () => {
    const recorder = await runOpenAIFlow();
    expect(routesNeverHit(recorder, OPENAI_ROUTES)).toEqual([]);
    expect(statuses(recorder)).toEqual([200, 400, 401, 403, 404, 429, 500]);
    expect(recorder.records).toHaveLength(81);
  });

  it('Together: answers every route at least once with success, and every error kind', async () => {
    const recorder = await runTogetherFlow();
    expect(routesNeverHit(recorder, TOGETHER_ROUTES)).toEqual([]);
    expect(statuses(recorder)).toEqual([200, 400, 401, 404, 429, 500]);
    expect(recorder.records).toHaveLength(66);
  });
});
