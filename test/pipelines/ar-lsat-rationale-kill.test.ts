import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { startTuneset } from '../helpers/cli-process.js';
import { requireRealData, SHARED_DATA } from '../helpers/require-or-skip.js';

// The acceptance of the annotation cache, from outside, as a user would check it: the fake server
// in its own process writes one line per request it answered (--request-log), the pipeline runs in
// another, is killed with SIGKILL midway through the rationales, and is run again, then a third time.
// A request body answered twice can only be one that was in flight at the kill.
const data = requireRealData('ar-lsat/AR_DevelopmentData.json');
const DEV = join(SHARED_DATA, 'ar-lsat', 'AR_DevelopmentData.json');
const QUESTIONS = 231;
const CONCURRENCY = 8;
/** Answers to wait for before the kill: well inside the run (231 requests, 8 at a time, 50 ms each). */
const KILL_AFTER = 80;
const CHAT = '/v1/chat/completions';

type LogLine = { path: string; status: number | null; bodySha256: string };
const readLog = (file: string): LogLine[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogLine);
const chatAnswers = (file: string) => readLog(file).filter((l) => l.path === CHAT && l.status === 200);

/** Requests the cache recorded as sent whose answers it never got: those in flight at the kill. */
const unansweredInCache = (cacheDir: string): number => {
  const sent = new Set<string>();
  const answered = new Set<string>();
  const lines = readFileSync(join(cacheDir, 'annotations', 'answers.jsonl'), 'utf8').split('\n');
  // The last element is '' after a whole last line, or a line the kill cut short (never answered).
  for (const line of lines.slice(0, -1)) {
    const v = JSON.parse(line) as { key: string; sent?: number; reply?: { attempt: number } };
    if (v.reply) answered.add(`${v.key}#${v.reply.attempt}`);
    else sent.add(`${v.key}#${v.sent}`);
  }
  return [...sent].filter((k) => !answered.has(k)).length;
};

const stops: (() => void)[] = [];
afterAll(() => stops.forEach((stop) => stop()));

/** `tuneset fake-openai` in a process of its own; resolves with its base URL once it listens. */
const startFakeProcess = async (args: string[]) => {
  const fake = startTuneset(['fake-openai', ...args]);
  stops.push(() => fake.child.kill('SIGTERM'));
  let stdout = '';
  return new Promise<string>((resolve, reject) => {
    fake.child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /export OPENAI_BASE_URL=(\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    void fake.exited.then((r) => reject(new Error(`tuneset fake-openai exited (${r.code ?? r.signal}):\n${r.stderr}`)));
  });
};

test.skipIf(!data.available)(
  data.title('the real development file against the fake: killed with SIGKILL midway and run again, no answer is bought twice but those in flight; a third run sends nothing'),
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'tuneset-rationale-kill-'));
    const requestLog = join(root, 'requests.jsonl');
    const cache = join(root, 'cache');
    const baseURL = await startFakeProcess(['--latency-ms', '50', '--request-log', requestLog]);
    const env = { OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'sk-fake' };
    const run = (out: string) =>
      startTuneset(['run', 'pipelines/ar-lsat-rationale.ts', '--input', DEV, '--out', join(root, out), '--cache', cache, '--param', `concurrency=${CONCURRENCY}`], env);

    // First run: killed once KILL_AFTER answers have been sent (the request log is written as each goes out).
    const first = run('run');
    let firstEnded = false;
    void first.exited.then(() => (firstEnded = true));
    await vi.waitFor(
      () => {
        if (firstEnded) throw new Error('the first run ended before it could be killed');
        expect(chatAnswers(requestLog).length).toBeGreaterThanOrEqual(KILL_AFTER);
      },
      { timeout: 60_000, interval: 5 },
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // Killed midway: the run is not finished and the cache holds only part of the answers.
    expect(existsSync(join(root, 'run', 'manifest.json'))).toBe(false);
    const inFlight = unansweredInCache(cache);
    // Killed while requests were going out: some were sent and not yet answered, never more than the concurrency.
    expect(inFlight).toBeGreaterThan(0);
    expect(inFlight).toBeLessThanOrEqual(CONCURRENCY);
    const answeredBeforeRerun = chatAnswers(requestLog).length;
    expect(answeredBeforeRerun).toBeLessThan(QUESTIONS);

    // Second run, the same command: it replaces the interrupted run directory and completes.
    const second = await run('run').exited;
    expect(second.stderr).toContain('held an interrupted run of ar-lsat-rationale');
    expect(second.stderr).toContain(`${inFlight} requests were sent by an earlier run that stopped before their answers came; those not answered since are asked again`);
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(join(root, 'run', 'manifest.json'))).toBe(true);
    const answers = chatAnswers(requestLog);
    const timesAnswered = new Map<string, number>();
    for (const a of answers) timesAnswered.set(a.bodySha256, (timesAnswered.get(a.bodySha256) ?? 0) + 1);
    // Every question was answered; only bodies in flight at the kill were answered a second time.
    expect(timesAnswered.size).toBe(QUESTIONS);
    const twice = [...timesAnswered.values()].filter((n) => n > 1);
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(inFlight);
    expect(answers.length).toBe(QUESTIONS + twice.length);

    // Third run: everything comes from the cache; not one chat request reaches the server, the same files.
    const chatRequests = () => readLog(requestLog).filter((l) => l.path === CHAT).length;
    const beforeThird = chatRequests();
    const third = await run('run-3').exited;
    expect(third.code, third.stderr).toBe(0);
    expect(chatRequests()).toBe(beforeThird);
    for (const f of ['train.jsonl', 'validation.jsonl']) {
      expect(readFileSync(join(root, 'run-3', f), 'utf8'), f).toBe(readFileSync(join(root, 'run', f), 'utf8'));
    }
  },
  120_000,
);
