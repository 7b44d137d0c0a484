// The annotation benchmark: the fake OpenAI server in this process, on 127.0.0.1, every chat answer
// delayed by 200 real ms; the annotate stage in a child process labels N distinct questions at
// concurrency 16 with a fresh cache (ideal: 16 / 0.2 s = 80 requests/s), then the same pipeline
// runs again over the same cache. Targets (annotate-targets.ts): >= 80% of the ideal, and a cached
// re-run >= 50x faster that sends nothing. The fake counts what each run sent. A bare loop of the
// same requests through the same SDK client (annotate-bare.ts) is measured too, as a reference.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from '../src/providers/fake/index.js';
import type { BareLoopReport } from './annotate-bare.js';
import type { AnnotateChildReport } from './annotate-pipeline.js';

export const ANNOTATE_LATENCY_MS = 200;
export const ANNOTATE_CONCURRENCY = 16;
/** The bare loop is a reference, not a target: half the annotations, at most 2,000 (25 s at 80/s). */
export const bareRequests = (annotations: number) => Math.min(2000, Math.ceil(annotations / 2));

export interface AnnotateRun extends AnnotateChildReport {
  /** Requests of any kind the fake received during this run. */
  requestsSent: number;
  /** Of those, chat completions. */
  chatRequests: number;
  /** CPU time the fake server (this process, otherwise idle) used while the run went on. */
  serverCpuMs: number;
  /** Answers bought (the stage report's requests.answersBought) per second of annotate-stage time. */
  requestsPerSec: number;
}

export interface AnnotateBenchResult {
  annotations: number;
  concurrency: number;
  latencyMs: number;
  /** concurrency / latency: what a client with no overhead at all would get. */
  idealPerSec: number;
  first?: AnnotateRun;
  cached?: AnnotateRun;
  /** The same requests from a bare SDK loop at the same concurrency. */
  bare?: BareLoopReport & { requestsPerSec: number; serverCpuMs: number };
  /** One-minute load average when the bench started and ended: other work on the machine slows both processes. */
  load?: { before: number; after: number; cores: number };
  error?: string;
}

const runAnnotateChild = <R>(root: string, env: NodeJS.ProcessEnv, args: string[], profile?: { dir: string; name: string }) =>
  new Promise<R>((resolve, reject) => {
    const prof = profile ? ['--cpu-prof', '--cpu-prof-dir', profile.dir, '--cpu-prof-name', `${profile.name}.cpuprofile`] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', ...prof, join(root, 'bench', 'annotate-child.ts'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`annotate child (${args[0]}) exited with ${signal ?? `code ${code}`}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as R);
    });
  });

/** Answers bought, from the stage's report (a retried invalid answer counts: it was a request too). */
export const answersBought = (report: AnnotateChildReport['report']): number => {
  const requests = report['requests'] as { answersBought?: unknown } | undefined;
  return typeof requests?.answersBought === 'number' ? requests.answersBought : 0;
};

/** Runs one child and counts, on the fake, what it sent while it ran; this process does nothing else meanwhile. */
const onFake = async <R>(fake: FakeOpenAI, run: () => Promise<R>) => {
  const before = fake.requests.length;
  const cpu0 = process.cpuUsage();
  const report = await run();
  const cpu = process.cpuUsage(cpu0);
  const sent = fake.requests.slice(before);
  return { report, requestsSent: sent.length, chatRequests: sent.filter((r) => r.route === '/v1/chat/completions').length, serverCpuMs: (cpu.user + cpu.system) / 1000 };
};

const measured = async (fake: FakeOpenAI, run: () => Promise<AnnotateChildReport>): Promise<AnnotateRun> => {
  const { report, ...counts } = await onFake(fake, run);
  const requestsPerSec = report.annotateMs > 0 ? answersBought(report.report) / (report.annotateMs / 1000) : 0;
  return { ...report, ...counts, requestsPerSec };
};

export interface AnnotateBenchOptions {
  annotations: number;
  latencyMs?: number;
  concurrency?: number;
  /** Writes annotate-first.cpuprofile and annotate-cached.cpuprofile here. */
  profileDir?: string | undefined;
}

export const benchAnnotate = async (root: string, options: AnnotateBenchOptions): Promise<AnnotateBenchResult> => {
  const { annotations, latencyMs = ANNOTATE_LATENCY_MS, concurrency = ANNOTATE_CONCURRENCY, profileDir } = options;
  const result: AnnotateBenchResult = { annotations, concurrency, latencyMs, idealPerSec: concurrency / (latencyMs / 1000) };
  const loadBefore = loadavg()[0]!;
  // Real time in the fake (timeScale 1), so its rate-limit headers' minute windows roll over as they would.
  const fake = await startFakeOpenAI({ latencyMs, timeScale: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-annotate-bench-'));
  const env = { ...process.env, OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: fake.baseURL };
  const cache = join(dir, 'cache');
  try {
    const args = (run: string) => ['stage', String(annotations), String(concurrency), cache, join(dir, run)];
    const profile = (name: string) => (profileDir ? { dir: profileDir, name: `annotate-${name}` } : undefined);
    result.first = await measured(fake, () => runAnnotateChild(root, env, args('first'), profile('first')));
    result.cached = await measured(fake, () => runAnnotateChild(root, env, args('cached'), profile('cached')));
    const bare = await onFake(fake, () => runAnnotateChild<BareLoopReport>(root, env, ['bare', String(bareRequests(annotations)), String(concurrency)]));
    result.bare = { ...bare.report, requestsPerSec: bare.report.requests / (bare.report.wallMs / 1000), serverCpuMs: bare.serverCpuMs };
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    result.load = { before: loadBefore, after: loadavg()[0]!, cores: availableParallelism() };
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
};
