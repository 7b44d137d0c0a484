import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import { allText, countRequests, fakeFor, freshRun, NOW, openaiEnv, SECRET_KEY, tuneset } from '../helpers/hand-off.js';

const ROOT = join(import.meta.dirname, '..', '..');
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** `tuneset train` in its own process, killed (SIGKILL) the moment the fake commits a `kind` object. */
const trainKilledAfterCommit = async (dir: string, f: FakeOpenAI, kind: 'file' | 'job') => {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), 'train', dir], {
    cwd: ROOT,
    env: { ...process.env, ...openaiEnv(f), TUNESET_NOW: NOW },
    stdio: 'ignore',
  });
  f.hooks.onCommitted = (committed, _object, _req, res) => {
    if (committed !== kind) return;
    // The server has stored it; the client dies before the answer reaches it.
    child.kill('SIGKILL');
    res.destroy();
    f.hooks.onCommitted = undefined;
  };
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  return signal;
};

for (const kind of ['file', 'job'] as const) {
  test(`killed after the server committed a ${kind}: the re-run adopts it, one upload per file and one job`, async () => {
    const dir = await freshRun();
    fake = await fakeFor(dir);
    expect(await trainKilledAfterCommit(dir, fake, kind)).toBe('SIGKILL');
    const rerun = await tuneset(openaiEnv(fake), 'train', dir);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(kind === 'file' ? /train\.jsonl: found an earlier upload/ : /found the existing job/);
    expect(countRequests(fake, 'POST', '/v1/files')).toBe(2);
    expect(countRequests(fake, 'POST', '/v1/fine_tuning/jobs')).toBe(1);
    expect([...fake.state.files.values()].filter((f) => f.purpose === 'fine-tune')).toHaveLength(2);
    expect(fake.state.jobs.size).toBe(1);
  }, 30_000);
}

test('with 429s, 500s, slow and dropped responses on every endpoint, train, watch and eval still finish', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir, { seed: 3 });
  fake.faults.rateLimit('*', { probability: 0.2 });
  fake.faults.serverError('*', { probability: 0.1 });
  fake.faults.drop('*', { probability: 0.1 });
  fake.faults.slow(5, '*', { probability: 0.2 });
  const env = openaiEnv(fake);
  const train = await tuneset(env, 'train', dir);
  expect(train.stderr).toBe('');
  expect(train.code).toBe(0);
  fake.clock.advance(600);
  const watch = await tuneset(env, 'watch', dir, '--interval', '0');
  expect(watch.stdout).toMatch(/Fine-tuned model: ft:/);
  expect(watch.code).toBe(0);
  const model = /Fine-tuned model: (\S+)/.exec(watch.stdout)![1]!;
  const evaluation = await tuneset(env, 'eval', dir, '--model', model, '--baseline', 'gpt-4o-mini-2024-07-18');
  expect(evaluation.stderr).toBe('');
  expect(evaluation.code).toBe(0);
  // Faults fired, yet nothing was created twice.
  expect(fake.requests.filter((r) => r.faults.length > 0).length).toBeGreaterThan(10);
  expect([...fake.state.files.values()].filter((f) => f.purpose === 'fine-tune')).toHaveLength(2);
  expect(fake.state.jobs.size).toBe(1);
  expect([train, watch, evaluation].map((r) => r.stdout + r.stderr).join('')).not.toContain(SECRET_KEY);
  expect(allText(dir)).not.toContain(SECRET_KEY);
}, 120_000);
